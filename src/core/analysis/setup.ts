// The judgement of Panther setup logs (setupact.log, setuperr.log): the RESULT of each upgrade,
// sysprep, windeploy or unattend run, never its Error lines as such (a setup survives hundreds:
// OneSettings offline, registry lookups, windows.old deletes, BitLocker queries). One candidate
// per decided result, with the extend code decoded, the phase (commit once setup has restarted),
// the line that explains it, and low confidence for a run the user cancelled. Memory is bounded
// (one open run per kind, a capped map of error bursts); push and finish never throw.
import type { LogRecord } from '../model/types';
import type { FailureCause, LineRef, Phase, PhaseEvidence } from './types';
import type { Candidate } from './state';
import { own } from './state';
import { head, isError } from './patterns';
import { decodeExtended } from '../errors/extended';
import { formatCode } from '../errors/parseCode';
import * as S from './setupLines';
import { snippet } from './context';

const MAX_CANDIDATES = 2000;
/** Error codes tracked at once for causes (a setup log uses a few dozen). */
const MAX_CODES = 128;
/** Same-code error lines closer than this belong to one burst: its first line explains the result. */
const BURST_MS = 10 * 60 * 1000;
/** E_FAIL: the code of a rollback or stop that logged none. */
const E_FAIL = 0x80004005;
const ERROR_CANCELLED = 0x800704c7;
const ERROR_REQUEST_ABORTED = 0x800704d3;
/** Servicing components log their own transactions' rollbacks: not setup's. */
const NOT_SETUP_ROLLBACK = new Set(['CBS', 'CSI', 'DISM']);

/** A line kept for a result: where, when, its code and short text. */
interface Ref {
  line: number;
  time?: number;
  timeText?: string;
  code?: number;
  component?: string;
  text: string;
}

interface Burst {
  first: Ref;
  lastTime: number;
}

/** One SetupHost session (or, without one, the setup activity of the file). */
interface UpgradeRun {
  start: number;
  /** SetupHost (MOUPG) or SetupPlatform (SP) logged in it: an upgrade; else setup of another kind (Windows PE). */
  moupg?: boolean;
  result?: Ref & { code: number; rank: number; kind: S.ResultKind; extended?: number };
  extended?: Ref & { code: number };
  postReboot?: Ref & { flag: boolean };
  cancel?: Ref;
  cancelPhase?: boolean;
  rollback?: Ref;
  crash?: Ref;
  remap?: Ref;
  opFailed?: Ref;
  fatal?: Ref;
}

interface Sysprep {
  first?: Ref;
  appx?: Ref;
  halt?: Ref;
}

type Cause = Ref & { kind: string };

export class SetupTracker {
  private readonly candidates: Candidate[] = [];
  private readonly bursts = new Map<number, Burst>();
  private run: UpgradeRun | undefined;
  /** Where a run without a `SetupHost::Initialize` line starts: after the previous run (setuperr.log has no session lines). */
  private runFloor = 0;
  private target: string | undefined;
  private sysprep: Sysprep = {};
  private child: Ref | undefined;
  private ugc: { last?: Ref; command?: Ref; cause?: Ref; notExamined?: boolean } = {};
  /** Results not kept (over MAX_CANDIDATES). */
  dropped = 0;

  constructor(private readonly file: number) {}

  /** Every record of a setup-format file, in order. */
  push(rec: LogRecord): void {
    try {
      this.record(rec);
    } catch {
      // One odd record must not stop the analysis of the rest.
    }
  }

  finish(): { candidates: Candidate[] } {
    try {
      this.endRun();
      if (this.sysprep.halt) this.sysprepResult(this.sysprep.halt, this.sysprep.halt.code ?? E_FAIL);
      this.ugcResult();
    } catch {
      // Keep what was decided.
    }
    return { candidates: this.candidates };
  }

  private record(rec: LogRecord): void {
    const m = head(rec.message);
    if (m.length === 0) return;
    const comp = rec.component ?? '';
    const errLevel = rec.level === 'error' || rec.level === 'fatal';
    if (errLevel) this.errorLine(rec, m);

    if (S.RUN_START.test(m)) {
      // A rollback or stop without a result stays open: the next SetupHost session reports it after the restart.
      if (this.run && !this.pendingStop(this.run)) this.endRun(rec.line);
      if (!this.run) this.runFloor = rec.line;
      this.openRun().moupg = true;
      return;
    }
    if (comp === 'MOUPG' || comp === 'SP' || comp === 'CONX' || comp === '' || comp === 'PANTHR' || comp === 'IBS') {
      this.upgradeLine(rec, m, comp, errLevel);
      if ((comp === 'MOUPG' || comp === 'SP') && this.run) this.run.moupg = true;
    }
    if (comp === 'SYSPRP') this.sysprepLine(rec, m, errLevel);
    if (m.charCodeAt(0) === 91 /* [ */) this.deployLine(rec, m);
  }

  // ---- upgrade (SetupHost / SetupPlatform) -------------------------------------------------

  private upgradeLine(rec: LogRecord, m: string, comp: string, errLevel: boolean): void {
    const t = S.TARGET.exec(m);
    if (t) {
      this.target = own(t[1]);
      return;
    }
    const st = S.upgradeStatement(m);
    if (st) {
      const run = this.openRun();
      const rank = S.RESULT_RANK[st.kind];
      if (!run.result || rank >= run.result.rank) run.result = { ...this.ref(rec, st.code), code: st.code, rank, kind: st.kind, extended: st.extended };
      return;
    }
    if (S.RUN_END.test(m)) {
      if (this.run && !this.pendingStop(this.run)) this.endRun(rec.line);
      return;
    }
    const ext = S.labelledExtended(m);
    if (ext !== undefined) {
      this.openRun().extended = { ...this.ref(rec), code: ext };
      return;
    }
    const flag = S.postRebootFlag(m);
    if (flag !== undefined) {
      this.openRun().postReboot = { ...this.ref(rec), flag };
      return;
    }
    const cancelPhase = m.indexOf('ancel') >= 0 && S.CANCEL_PHASE.test(m);
    if (cancelPhase || (m.indexOf('ancel') >= 0 && S.CANCEL.test(m))) {
      const run = this.openRun();
      run.cancelPhase ||= cancelPhase;
      run.cancel ??= this.ref(rec);
      return;
    }
    if (S.REMAP.test(m)) {
      this.openRun().remap = this.ref(rec);
      return;
    }
    const op = comp === 'SP' ? S.OP_FAILED.exec(m) : null;
    if (op) {
      this.openRun().opFailed = this.ref(rec, errorCodeOf(rec));
      return;
    }
    if (S.CRASH.test(m)) {
      const run = this.openRun();
      run.crash ??= this.ref(rec);
      return;
    }
    if (!NOT_SETUP_ROLLBACK.has(comp) && S.mayRollBack(m) && S.ROLLBACK.test(m)) {
      const run = this.openRun();
      run.rollback ??= this.ref(rec);
      return;
    }
    if (errLevel && S.FATAL.test(m)) {
      const run = this.openRun();
      run.fatal ??= this.ref(rec, errorCodeOf(rec));
    }
  }

  private subjectOf(run: UpgradeRun): string {
    if (!run.moupg && !this.target) return 'setup';
    return this.target ? `upgrade ${this.target}` : 'upgrade';
  }

  private openRun(): UpgradeRun {
    return (this.run ??= { start: this.runFloor });
  }

  /** A run that rolled back or stopped but has no SetupHost result yet. */
  private pendingStop(run: UpgradeRun): boolean {
    return !run.result && (run.rollback !== undefined || run.fatal !== undefined);
  }

  private endRun(line?: number): void {
    const run = this.run;
    this.run = undefined;
    if (!run) return;
    if (line !== undefined) this.runFloor = line;
    this.upgradeResult(run);
  }

  private upgradeResult(run: UpgradeRun): void {
    let res: Ref & { code: number; kind?: S.ResultKind; extended?: number } | undefined = run.result;
    let self: Ref | undefined;
    if (res && !isError(res.code)) return; // the run says it succeeded
    if (!res) {
      // No SetupHost result: only a rollback or a stop decides; the last failed operation says which (and why).
      const stop = run.rollback ?? run.fatal;
      if (!stop) return;
      self = run.opFailed ?? run.fatal;
      const by = self ?? stop;
      res = { ...by, code: by.code !== undefined && isError(by.code) ? by.code : E_FAIL };
    }
    const extValue = res.extended ?? run.extended?.code;
    const extended = extValue === undefined ? undefined : decodeExtended(extValue);
    const low = res.code === ERROR_CANCELLED || run.cancelPhase === true || (run.cancel !== undefined && res.code === ERROR_REQUEST_ABORTED);
    const cause = low ? this.cancelCause(run, res) : self ? { ...self, kind: S.setupCauseKind(self.text, self.code) } : this.upgradeCause(run, res);
    const { phase, detail, at } = S.upgradePhase(run, res, extended);
    const evidence: PhaseEvidence = { kind: 'codeRange', fact: 'upgradePhase', detail, at: { file: this.file, line: at }, tool: 'setup' };
    const extras = [run.extended, run.postReboot, run.rollback, run.remap].filter((r): r is Ref => r !== undefined && r.line <= res.line);
    const c = this.candidate(res, res.code, phase, evidence, this.subjectOf(run), cause, extras);
    if (extended) c.extended = extended;
    if (low) c.confidence = 'low';
    this.add(c);
  }

  /** The first line of the burst of the result's code inside the run, else the crash or the last failed operation. */
  private upgradeCause(run: UpgradeRun, res: Ref & { code: number }): Cause | undefined {
    if (run.crash) return { ...run.crash, kind: 'crash' };
    const b = this.bursts.get(res.code)?.first;
    const pick = b && b.line >= run.start && b.line < res.line ? b : run.opFailed && run.opFailed.line < res.line ? run.opFailed : undefined;
    return pick && { ...pick, kind: S.setupCauseKind(pick.text, pick.code) };
  }

  private cancelCause(run: UpgradeRun, res: Ref): Cause | undefined {
    const b = this.bursts.get(ERROR_REQUEST_ABORTED)?.first ?? this.bursts.get(ERROR_CANCELLED)?.first;
    const pick = run.cancel ?? (b && b.line >= run.start && b.line < res.line ? b : undefined);
    return pick && { ...pick, kind: 'userCancel' };
  }

  // ---- sysprep -----------------------------------------------------------------------------

  private sysprepLine(rec: LogRecord, m: string, errLevel: boolean): void {
    const fail = S.SYSPREP_FAIL.exec(m);
    if (fail) {
      this.sysprepResult(this.ref(rec), errorCodeOf(rec) ?? E_FAIL);
      return;
    }
    const halt = S.SYSPREP_HALT.exec(m);
    if (halt) {
      const v = parseInt(halt[1], 16) >>> 0;
      // dwRet is a Win32 code: as an HRESULT it is HRESULT_FROM_WIN32(dwRet).
      const code = v > 0 && v < 0x10000 ? (0x80070000 | v) >>> 0 : v;
      if (this.sysprep.halt) this.sysprepResult(this.sysprep.halt, this.sysprep.halt.code ?? E_FAIL);
      this.sysprep.halt = this.ref(rec, code);
      return;
    }
    if (!errLevel) return;
    const r = this.sysprep;
    if (!r.first) r.first = this.ref(rec, errorCodeOf(rec));
    if (!r.appx && S.setupCauseKind(m, undefined) === 'appxProvisioning') r.appx = this.ref(rec);
  }

  private sysprepResult(res: Ref, code: number): void {
    const r = this.sysprep;
    this.sysprep = {};
    const subject = [res, r.halt, r.first].map((x) => x && S.sysprepSubject(x.text)).find((s) => s && s !== 'sysprep') ?? 'sysprep';
    const by = r.appx ?? r.first;
    const cause = by && by.line < res.line ? { ...by, kind: S.setupCauseKind(by.text, by.code) } : undefined;
    const evidence: PhaseEvidence = {
      kind: 'operation', fact: 'setupError', tool: 'setup', at: { file: this.file, line: res.line }, operation: 'sysprep',
      detail: `${subject} stopped with ${formatCode(code)} in the running Windows (before any restart)`,
    };
    this.add(this.candidate(res, code, 'install', evidence, subject, cause, r.halt && r.halt.line < res.line ? [r.halt] : []));
  }

  // ---- windeploy, OOBE, unattend commands (`[windeploy.exe] ...`) ----------------------------

  private deployLine(rec: LogRecord, m: string): void {
    const child = S.CHILD_EXIT.exec(m);
    if (child) {
      const v = parseInt(child[1], 16) >>> 0;
      if (v !== 0) this.child = this.ref(rec, v);
      return;
    }
    const exit = S.WINDEPLOY_EXIT.exec(m);
    if (exit) {
      const v = parseInt(exit[2], 16) >>> 0;
      const by = this.child;
      this.child = undefined;
      if (v === 0) return;
      const subject = exit[1].toLowerCase() === 'windeploy' ? 'windeploy' : 'oobe';
      const res = this.ref(rec, v);
      const evidence: PhaseEvidence = {
        kind: 'operation', fact: 'setupError', tool: 'setup', at: { file: this.file, line: rec.line }, operation: subject,
        detail: `${subject} (specialize/OOBE, after the restart into the new Windows) exited with ${formatCode(v)}`,
      };
      this.add(this.candidate(res, v, 'commit', evidence, subject, by && { ...by, kind: S.setupCauseKind(by.text, by.code) }, []));
      return;
    }
    if (S.UGC_NOT_EXAMINED.test(m)) {
      this.ugc.notExamined = true;
      return;
    }
    if (S.UGC_COMMAND.test(m)) {
      this.ugc.command = this.ref(rec);
      return;
    }
    const ugc = S.UGC_EXIT.exec(m);
    if (ugc) {
      const v = parseInt(ugc[1], 16) >>> 0;
      const last = this.ugc.last;
      // The last failing command, preferring an HRESULT-like code to a plain exit status.
      if (v !== 0 && (isError(v) || !last || !isError(last.code ?? 0))) {
        this.ugc.last = this.ref(rec, v);
        this.ugc.cause = this.ugc.command;
      }
      return;
    }
    if (S.UGC_END.test(m)) this.ugcResult();
  }

  /** Unattend RunSynchronous commands that returned non-zero: setup went on, so a warning, not a failure. */
  private ugcResult(): void {
    const { last, cause: by } = this.ugc;
    const notExamined = this.ugc.notExamined === true;
    this.ugc = {};
    if (!last) return;
    const code = last.code ?? E_FAIL;
    const evidence: PhaseEvidence = {
      kind: 'operation', fact: 'setupError', tool: 'setup', at: { file: this.file, line: last.line }, operation: 'RunSynchronous',
      detail: `an unattend specialize command (after the restart into the new Windows) returned ${formatCode(code)}${notExamined ? '; setup does not check its exit code' : ''}`,
    };
    const c = this.candidate(last, code, 'commit', evidence, 'unattend specialize RunSynchronous', by && { ...by, kind: 'other' }, []);
    c.confidence = 'low';
    this.add(c);
  }

  // ---- shared ------------------------------------------------------------------------------

  /** Error lines open or extend a burst of their code (the chain's own Execute frames do not). */
  private errorLine(rec: LogRecord, m: string): void {
    const code = errorCodeOf(rec);
    if (code === undefined || m.startsWith('CSetupHost::Execute(') || m.startsWith('CSetupManager::Execute(')) return;
    const b = this.bursts.get(code);
    const time = rec.time ?? 0;
    if (b && time - b.lastTime <= BURST_MS) b.lastTime = time;
    else if (b || this.bursts.size < MAX_CODES) this.bursts.set(code, { first: this.ref(rec, code), lastTime: time });
  }

  private ref(rec: LogRecord, code?: number): Ref {
    return { line: rec.line, time: rec.time, timeText: own(rec.timeText), code, component: own(rec.component), text: snippet(rec) };
  }

  private candidate(res: Ref, code: number, phase: Phase, evidence: PhaseEvidence, subject: string, cause: Cause | undefined, extras: Ref[]): Candidate {
    const refs = [cause, ...extras, res].filter((r): r is Ref => r !== undefined);
    const texts: Record<string, string> = {};
    const lines = new Set<number>();
    for (const r of refs) {
      texts[`${this.file}:${r.line}`] = r.text;
      lines.add(r.line);
    }
    const at = (line: number): LineRef => ({ file: this.file, line });
    const c: Candidate = {
      file: this.file, line: res.line, time: res.time, timeText: res.timeText, code, outcomeKind: 'setupResult', operation: subject.split(' ')[0],
      phase, phaseEvidence: [evidence], callLevel: false, evidence: [...lines].sort((a, b) => a - b).slice(-12).map(at),
      component: res.component, texts, subject,
    };
    if (cause) {
      const fc: FailureCause = { at: at(cause.line), kind: cause.kind, text: cause.text };
      if (cause.code !== undefined) fc.code = cause.code;
      c.cause = fc;
      c.rootCause = fc.at;
      c.rootComponent = cause.component;
    }
    return c;
  }

  private add(c: Candidate): void {
    if (this.candidates.length < MAX_CANDIDATES) this.candidates.push(c);
    else this.dropped++;
  }
}

function errorCodeOf(rec: LogRecord): number | undefined {
  for (const c of rec.codes) if (isError(c.value)) return c.value;
  return undefined;
}
