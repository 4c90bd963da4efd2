// DISM.log as operations: each dism.exe run (`Starting Dism.exe session` ... `Ending Dism.exe
// session`) and each DismApi operation (`Input parameters: ... - DismAddCapabilityInternal`) is a
// DismRun with its command, result and the line inside it that explains a failure. Processes
// interleave: DismApi lines carry `API: PID=`, the servicing host (DismHost.exe) logs under its own
// PID, DISM.EXE lines carry none. Memory is bounded by runs, not lines.
import type { LogRecord } from '../model/types';
import type { DismRun, LineRef, PhaseEvidence } from './types';
import type { Candidate } from './state';
import { own } from './state';
import { head } from './patterns';
import { formatCode } from '../errors/parseCode';
import { apiCommand, apiOperation, exitCode, parseCommandLine, type DismCommand } from './dismCommand';
import { CANCEL_CODES, E_FAIL, causeKindOf, chooseCause, errorCode, isCancelText, isDownloadCode, type CauseLine, type DismCauseKind } from './dismCause';
import { snippet } from './context';

/** Runs kept per file; beyond it only failed and cancelled runs (up to twice as many). */
export const MAX_RUNS = 5000;
/** Open DismApi sessions and learned host PIDs kept at once (a log never has more alive). */
const MAX_OPEN = 64;
const MAX_PIDS = 256;
/** Codes remembered per run for the cause (the first line of each). */
const MAX_RUN_CODES = 16;

export { groupDismRuns, type DismRunGroup } from './dismGroups';

interface RunAcc extends DismRun {
  api: boolean;
  /** The line that names the command (`Executing command line:`, the API call), else the start line, and its text. */
  cmdLine: number;
  startText: string;
  /** Strength of the failure signal held in resultLine: 3 result/exit line, 2 DISM.EXE error, 1 provider ExecuteCmdLine error. */
  failRank: number;
  resultText?: string;
  resultTime?: number;
  resultTimeText?: string;
  loggedName?: string;
  invalidCommand?: boolean;
  causeComponent?: string;
  cancelSeen?: boolean;
  /** The first line of each cause kind, and of each code (capped): enough to choose the cause at the end. */
  firstByKind: Map<DismCauseKind, CauseLine>;
  firstByCode: Map<number, CauseLine>;
  /** The newest line that belonged to the run (its end when the log stops inside it). */
  seen: number;
  /** DismApi: caller thread of the call (another call on it ends the operation). */
  tid?: number;
  op?: string;
}

interface Owner {
  api: boolean;
  pid?: number;
  lastLine: number;
  /** Line of the newest image-session load: a new host PID after it serves this owner. */
  loadLine: number;
  run?: RunAcc;
  online?: boolean;
}

const API_FUNC = /- (Dism[A-Za-z]{3,60}Internal)(?:\(hr:0x[0-9A-Fa-f]{1,8}\))?\s*$/;
const IMAGE_LOAD = /ImageSession|image session|CreateImageSession/;
const ONLINE_IMAGE = 'DISM_{53BFAE52-B167-4E2F-A258-0A37B57FF845}';

export class DismTracker {
  private readonly runs: RunAcc[] = [];
  private exe: Owner | undefined;
  private readonly apiByPid = new Map<number, Owner>();
  private readonly pidOwner = new Map<number, Owner>();
  /** The newest PID logged outside DismApi and its line: dism.exe logs its start-up just before the session banner. */
  private lastPlainPid: { pid: number; line: number } | undefined;
  /** Runs not kept (over MAX_RUNS). */
  dropped = 0;
  /** Records skipped because reading them raised an error (a bug: tests expect 0). */
  errors = 0;

  constructor(private readonly file: number) {}

  push(rec: LogRecord): void {
    try {
      this.record(rec);
    } catch {
      // Odd input must never stop the analysis of the rest of the file.
      this.errors++;
    }
  }

  finish(): { runs: DismRun[]; candidates: Candidate[] } {
    if (this.exe) this.closeOwner(this.exe, undefined);
    for (const o of [...this.apiByPid.values()]) this.closeOwner(o, undefined);
    const runs: DismRun[] = [];
    const candidates: Candidate[] = [];
    // Runs close in end order (DismApi sessions interleave): report them in file order.
    this.runs.sort((a, b) => a.startLine - b.startLine);
    for (const r of this.runs) {
      runs.push(publicRun(r));
      if (r.result === 'failed' || r.result === 'cancelled') candidates.push(this.candidate(r));
    }
    return { runs, candidates };
  }

  private record(rec: LogRecord): void {
    const m = rec.message;
    if (m.startsWith('DISM.EXE:')) return this.exeLine(rec, m.slice(9).trim());
    const isApi = m.startsWith('API: ') && rec.pid !== undefined;
    if (isApi) this.apiLine(rec, m);
    else if (rec.pid !== undefined) this.lastPlainPid = { pid: rec.pid, line: rec.line };
    const owner = isApi ? this.apiByPid.get(rec.pid as number) : this.ownerOf(rec);
    if (!owner) return;
    owner.lastLine = rec.line;
    if (IMAGE_LOAD.test(head(m))) owner.loadLine = rec.line;
    const run = owner.run && owner.run.endLine === undefined ? owner.run : undefined;
    if (!run) return;
    run.seen = rec.line;
    // dism.exe's own PID: its DISM Manager lines (the host process logs under another PID).
    if (!run.api && run.pid === undefined && m.startsWith('DISM Manager:')) run.pid = rec.pid;
    this.inside(owner, run, rec, isApi);
  }

  // ---- dism.exe ---------------------------------------------------------------------------

  private exeLine(rec: LogRecord, text: string): void {
    if (text.startsWith('<----- Starting Dism.exe session')) return void this.openExe(rec);
    if (text.startsWith('<----- Ending Dism.exe session')) {
      if (this.exe) this.closeOwner(this.exe, rec);
      return;
    }
    if (!this.exe) {
      // The log began inside a run: open it at its first telling line.
      if (!/^(?:Executing command line|Host machine information|Dism\.exe version)/.test(text) && rec.level !== 'error') return;
      this.openExe(rec);
    }
    const owner = this.exe as Owner;
    const run = owner.run as RunAcc;
    owner.lastLine = rec.line;
    run.seen = rec.line;
    if (text.startsWith('Executing command line:')) {
      setCommand(run, parseCommandLine(text.slice(23)));
      run.cmdLine = rec.line;
      run.startText = snippet(rec);
      return;
    }
    this.inside(owner, run, rec, false);
    const code = errorCode(rec);
    const failed = /processed the command line but failed\.\s*HRESULT=([0-9A-Fa-f]{1,8})/.exec(text);
    const exit = /\bExit code\s*[=:]?\s*(0x[0-9A-Fa-f]{1,8}|-?\d{1,10})\b/i.exec(text);
    if (failed) this.fail(run, rec, 3, parseInt(failed[1], 16) >>> 0);
    else if (exit) {
      const v = exitCode(exit[1]);
      if (v !== 0) this.fail(run, rec, 3, v);
    } else if (rec.level === 'error') {
      const invalid = /^(?:Failed validating command line|No providers were found that support the command)/.exec(text);
      if (invalid) {
        run.invalidCommand = true;
        if (!run.command && text.startsWith('Failed validating command line:')) {
          setCommand(run, parseCommandLine(text.slice(31)));
          run.cmdLine = rec.line;
          run.startText = snippet(rec);
        }
      }
      this.fail(run, rec, 2, code);
    }
  }

  private openExe(rec: LogRecord): Owner {
    if (this.exe) this.closeOwner(this.exe, undefined);
    const owner: Owner = { api: false, lastLine: rec.line, loadLine: -1 };
    owner.run = this.newRun(rec, false);
    // dism.exe logs its own start-up (DismCore, DISM Manager) just before the banner.
    const p = this.lastPlainPid;
    if (p && rec.line - p.line <= 40) {
      this.claimPid(p.pid, owner);
      owner.run.pid = p.pid;
    }
    this.exe = owner;
    return owner;
  }

  // ---- DismApi ----------------------------------------------------------------------------

  private apiLine(rec: LogRecord, m: string): void {
    const pid = rec.pid as number;
    let owner = this.apiByPid.get(pid);
    const starting = m.includes('<----- Starting DismApi.dll session');
    if (owner && starting) {
      this.closeOwner(owner, undefined);
      owner = undefined;
    }
    if (!owner) {
      if (this.apiByPid.size >= MAX_OPEN) this.closeOldestApi();
      owner = { api: true, pid, lastLine: rec.line, loadLine: -1 };
      this.apiByPid.set(pid, owner);
      this.claimPid(pid, owner);
    }
    const f = API_FUNC.exec(m.length > 2000 ? m.slice(-300) : m);
    const fn = f?.[1];
    if (fn === 'DismOpenSessionInternal' && m.includes('ImagePath:')) owner.online = m.includes(ONLINE_IMAGE);
    if (m.includes('<----- Ending DismApi.dll session')) return void this.closeOwner(owner, rec);
    if (!fn) return;
    const run = owner.run && owner.run.endLine === undefined ? owner.run : undefined;
    if (run && run.op === fn) return;
    // Another call on the caller's thread: the operation returned.
    if (run && rec.tid === run.tid) this.endRun(run, rec, false);
    const op = apiOperation(fn);
    if (!op || (run && rec.tid !== run.tid)) return;
    const params = /Input parameters?:\s*(.{0,400}?)\s*- Dism\w+Internal/.exec(m)?.[1] ?? '';
    const next = this.newRun(rec, true);
    next.op = fn;
    next.tid = rec.tid;
    next.pid = pid;
    setCommand(next, apiCommand(op, params));
    if (owner.online !== undefined) next.online = owner.online;
    owner.run = next;
  }

  private closeOldestApi(): void {
    let oldest: Owner | undefined;
    for (const o of this.apiByPid.values()) if (!oldest || o.lastLine < oldest.lastLine) oldest = o;
    if (oldest) this.closeOwner(oldest, undefined);
  }

  // ---- both -------------------------------------------------------------------------------

  /** The open owner a non-DismApi line belongs to (by PID, learned host PID, or the only/last one). */
  private ownerOf(rec: LogRecord): Owner | undefined {
    if (rec.pid !== undefined) {
      const known = this.pidOwner.get(rec.pid);
      if (known) return known;
    }
    let pick: Owner | undefined = this.exe;
    if (this.apiByPid.size > 0) {
      // Without a PID (CBS/CSI lines) or from a new host process: the owner that just loaded an
      // image session, else the one active last.
      for (const o of this.apiByPid.values()) {
        if (!pick) pick = o;
        else if (rec.pid !== undefined ? o.loadLine > pick.loadLine : o.lastLine > pick.lastLine) pick = o;
      }
    }
    if (pick && rec.pid !== undefined) this.claimPid(rec.pid, pick);
    return pick;
  }

  private claimPid(pid: number, owner: Owner): void {
    if (this.pidOwner.size >= MAX_PIDS && !this.pidOwner.has(pid)) this.pidOwner.clear();
    this.pidOwner.set(pid, owner);
  }

  private newRun(rec: LogRecord, api: boolean): RunAcc {
    return {
      key: `${this.file}:${rec.line}`, file: this.file, startLine: rec.line, startTime: rec.time, command: '', result: 'unknown',
      api, cmdLine: rec.line, seen: rec.line, startText: snippet(rec), failRank: 0, firstByKind: new Map(), firstByCode: new Map(),
    };
  }

  /** A line inside an open run: remember it when it can explain a failure; DismApi errors fail the operation. */
  private inside(owner: Owner, run: RunAcc, rec: LogRecord, isApi: boolean): void {
    const code = errorCode(rec);
    if (!run.cancelSeen && ((code !== undefined && CANCEL_CODES.has(code)) || isCancelText(rec.message))) run.cancelSeen = true;
    const kind = causeKindOf(rec, code);
    if (kind !== undefined) {
      const c = (): CauseLine => ({ line: rec.line, kind, code, text: snippet(rec), component: own(rec.component) });
      if (!run.firstByKind.has(kind)) run.firstByKind.set(kind, c());
      if (code !== undefined && !run.firstByCode.has(code) && run.firstByCode.size < MAX_RUN_CODES) run.firstByCode.set(code, c());
    }
    if (rec.level !== 'error' && rec.level !== 'fatal') return;
    if (run.api) {
      // Only lines of the caller's own PIDs decide (PID-less lines may come from another process).
      if (code !== undefined && rec.pid !== undefined && (isApi || this.pidOwner.get(rec.pid) === owner)) this.fail(run, rec, isApi ? 2 : 1, code);
    } else if (code !== undefined && /::ExecuteCmdLine\(hr:0x/.test(rec.message)) {
      this.fail(run, rec, 1, code);
    }
  }

  private fail(run: RunAcc, rec: LogRecord, rank: number, code: number | undefined): void {
    if (rank < run.failRank) return;
    run.failRank = rank;
    run.resultLine = rec.line;
    run.resultText = snippet(rec);
    run.resultTime = rec.time;
    run.resultTimeText = own(rec.timeText);
    run.loggedName = own(rec.codes.find((c) => c.value === code)?.loggedName);
    // A DISM.EXE error without a code keeps the code the provider logged before it.
    if (code !== undefined) run.code = code;
  }

  private closeOwner(owner: Owner, rec: LogRecord | undefined): void {
    if (owner.run && owner.run.endLine === undefined) this.endRun(owner.run, rec, rec === undefined);
    for (const [pid, o] of this.pidOwner) if (o === owner) this.pidOwner.delete(pid);
    if (owner === this.exe) this.exe = undefined;
    if (owner.api && owner.pid !== undefined && this.apiByPid.get(owner.pid) === owner) this.apiByPid.delete(owner.pid);
  }

  /** Decides the result. `cut`: the run never reached its end (truncated log, or a new run began). */
  private endRun(run: RunAcc, rec: LogRecord | undefined, cut: boolean): void {
    run.endLine = rec?.line ?? Math.max(run.seen, run.resultLine ?? -1);
    if (rec && run.endTime === undefined) run.endTime = rec.time;
    if (run.failRank > 0) {
      run.result = (run.code !== undefined && CANCEL_CODES.has(run.code)) || (run.cancelSeen && run.code === undefined) ? 'cancelled' : 'failed';
      this.setCause(run);
      if (run.code === undefined) run.code = run.cause?.code;
    } else if (cut) {
      run.result = run.cancelSeen ? 'cancelled' : 'unknown';
      if (run.cancelSeen) this.setCause(run);
    } else {
      run.result = 'succeeded';
      run.code = 0;
      if (run.resultLine === undefined) run.resultLine = run.endLine;
    }
    // The cause is chosen: the lines kept for it are not needed any more, texts only for failures.
    run.firstByKind.clear();
    run.firstByCode.clear();
    const failure = run.result === 'failed' || run.result === 'cancelled';
    if (!failure) {
      run.startText = '';
      run.resultText = undefined;
    }
    if (this.runs.length < MAX_RUNS || (failure && this.runs.length < 2 * MAX_RUNS)) this.runs.push(run);
    else this.dropped++;
  }

  private setCause(run: RunAcc): void {
    const { component, ...cause } = chooseCause(run);
    run.cause = cause;
    run.causeComponent = component;
  }

  private candidate(r: RunAcc): Candidate {
    const verb = r.verb ?? 'command';
    const at = r.resultLine ?? r.endLine ?? r.startLine;
    const cause = r.cause;
    const code = r.code ?? E_FAIL;
    // The command line is the telling start of a run (the session banner says nothing).
    const start: LineRef = { file: this.file, line: r.cmdLine };
    const texts: Record<string, string> = { [`${this.file}:${r.cmdLine}`]: r.startText };
    if (cause?.text) texts[`${this.file}:${cause.at.line}`] = cause.text;
    if (r.resultText) texts[`${this.file}:${at}`] = r.resultText;
    const lines = [...new Set([r.cmdLine, cause?.at.line ?? at, at])].sort((a, b) => a - b);
    const evidence: PhaseEvidence = {
      kind: 'operation', fact: 'dismRun', tool: 'dism', at: start, operation: verb.toLowerCase(),
      detail: `DISM ${verb} run ${r.result} with ${formatCode(code)}`,
    };
    const c: Candidate = {
      file: this.file, line: at, time: r.resultTime ?? r.endTime, timeText: r.resultTimeText, code, loggedName: r.loggedName, outcomeKind: 'dismRun',
      operation: verb.toLowerCase(), phase: isDownloadCode(cause?.code) ? 'download' : 'install', phaseEvidence: [evidence],
      callLevel: false, evidence: lines.map((line) => ({ file: this.file, line })), rootCause: cause?.at, rootComponent: r.causeComponent,
      component: 'DISM', texts, dismRunKey: r.key, cause: cause && { at: cause.at, kind: cause.kind, code: cause.code, text: cause.text },
      subject: `dism ${verb}`,
    };
    if (r.result === 'cancelled' || r.invalidCommand) c.confidence = 'low';
    return c;
  }
}

function setCommand(run: RunAcc, c: DismCommand): void {
  run.command = own(c.command);
  run.verb = own(c.verb);
  if (c.online !== undefined) run.online = c.online;
  if (c.sources) run.sources = c.sources.map((s) => own(s));
  if (c.limitAccess) run.limitAccess = true;
}

function publicRun(r: RunAcc): DismRun {
  const out: DismRun = { key: r.key, file: r.file, startLine: r.startLine, command: r.command, result: r.result };
  if (r.endLine !== undefined) out.endLine = r.endLine;
  if (r.startTime !== undefined) out.startTime = r.startTime;
  if (r.endTime !== undefined) out.endTime = r.endTime;
  if (r.pid !== undefined) out.pid = r.pid;
  if (r.verb !== undefined) out.verb = r.verb;
  if (r.online !== undefined) out.online = r.online;
  if (r.sources) out.sources = r.sources;
  if (r.limitAccess) out.limitAccess = true;
  if (r.code !== undefined) out.code = r.code;
  if (r.resultLine !== undefined) out.resultLine = r.resultLine;
  if (r.cause) out.cause = { at: r.cause.at, kind: r.cause.kind, code: r.cause.code, text: r.cause.text };
  return out;
}

