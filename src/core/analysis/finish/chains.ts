// From outcome candidates to failures: a per-update (or per-session, per-run) chain of the lines
// that state one outcome, joined with the call that reported it, one failure per chain, and
// repeats of the same (update or subject, phase, code) merged into one failure.
import type { Call, Failure, LineRef, PendingResult, Phase, PhaseEvidence } from '../types';
import type { Candidate, State } from '../state';
import { LIMITS } from '../state';
import { GENERIC_CALL_CODES, isError } from '../patterns';
import { before, cmpRef, groupBy, uniq, uniqBy, uniqRefs } from './refs';
import { FOD_KB } from '../cbs';

const RANK: Record<string, number> = {
  logHistory: 0, installComplete: 1, downloadError: 2, downloadResult: 3, installResult: 4, cbsFailure: 4, dismRun: 4, setupResult: 4,
  returnCode: 6, setupError: 7, callResult: 8, exitCode: 9, reportEvent: 10,
};
const WINDOW_MS = 15 * 60 * 1000;

interface Chain {
  cands: Candidate[];
  call?: Call;
  file: number;
  lastLine: number;
  lastTime?: number;
  key: string;
}

/** LogHistory errors inside a call that reported success: the install waits for a reboot (not a failure). */
export function splitPending(st: State, calls: Call[], callByKey: Map<string, Call>): { cands: Candidate[]; pending: PendingResult[] } {
  const pending: PendingResult[] = [];
  const cands: Candidate[] = [];
  let successesById: Map<string | undefined, State['successes']> | undefined;
  const around = enclosingCalls(calls, st.candidates.filter((c) => c.pendingCandidate && !(c.callKey && callByKey.get(c.callKey))));
  for (const c of st.candidates) {
    if (c.pendingCandidate) {
      const call = (c.callKey && callByKey.get(c.callKey)) || around.get(c);
      const callOk = !!call && call.result === 'succeeded' && (call.counts?.failed ?? 0) === 0;
      // Or the update's own install step just reported success (handler return code 0, AU "succeeded").
      successesById ??= groupBy(st.successes, (x) => x.updateId);
      const stepOk = !!c.updateId && (successesById.get(c.updateId) ?? []).some((x) => x.file === c.file &&
        x.line < c.line && c.line - x.line <= 3000 && x.operation !== 'search' && x.operation !== 'download');
      if (callOk || stepOk) {
        pending.push({ at: { file: c.file, line: c.line }, updateId: c.updateId, code: c.code, callKey: call?.key });
        continue;
      }
    }
    cands.push(c);
  }
  cands.sort((a, b) => a.file - b.file || a.line - b.line);
  return { cands, pending };
}

/** A step of the finishing work ends here every this many items (see finish/index.ts `Steps`). */
const STEP_ITEMS = 8;

/**
 * Candidates (sorted by place) → failures, repeats merged, in file order; with the evidence lines
 * of every chain (a merged repeat's lines stay evidence). Pauses (`yield`) every STEP_ITEMS items.
 */
export function* failuresOf(cands: Candidate[], st: State, callByKey: Map<string, Call>): Generator<void, { failures: Failure[]; evidence: Set<string> }> {
  let n = 0;
  const reportsByCall = foldReportEvents(cands);
  const chains: Chain[] = [];
  const open = new Map<string, Chain>();
  // Per-update (and CBS/DISM/setup/report) outcome lines form chains.
  for (const c of cands.filter((x) => !x.callLevel)) {
    if (++n % STEP_ITEMS === 0) yield;
    // A CBS session's outcome lines (stage failure ... session result) are one chain, KB or not; a DISM run is its own.
    const ident = c.dismRunKey ? `d${c.dismRunKey}` : c.updateId ?? (c.outcomeKind === 'cbsFailure' && c.cbsSessionKey ? `s${c.cbsSessionKey}`
      : c.kb ? `kb${c.kb}` : c.cbsSessionId ? `s${c.cbsSessionId}` : c.subject ? `x${c.subject}|${c.code}` : `c${c.code}`);
    const key = `${c.file}|${ident}|${c.phase}`;
    const prev = open.get(key);
    // The same kind of outcome line twice is a repeat (a new attempt), not one more view of it;
    // CBS writes several outcome lines per failed session.
    // Inside one call, several results of one update are steps of one outcome (DO fails, BITS retries, fails).
    const sameCall = !!c.callKey && prev?.cands.some((x) => x.callKey === c.callKey);
    if (prev && near(prev, c) && (c.outcomeKind === 'cbsFailure' || sameCall || !prev.cands.some((x) => x.outcomeKind === c.outcomeKind))) {
      prev.cands.push(c);
      prev.lastLine = c.line;
      prev.lastTime = c.time ?? prev.lastTime;
      continue;
    }
    const ch: Chain = { cands: [c], file: c.file, lastLine: c.line, lastTime: c.time, key };
    chains.push(ch);
    open.set(key, ch);
  }

  // A failed call joins the per-update chains inside its window; else it stands alone.
  const perUpdate = new ChainIndex(chains.slice());
  // Call chains made below that hold report events: only a line of its own that is not a call's can join a chain.
  const standalone: Chain[] = [];
  for (const c of cands.filter((x) => x.callLevel)) {
    if (++n % STEP_ITEMS === 0) yield;
    const call = c.callKey ? callByKey.get(c.callKey) : undefined;
    const from = c.callStartLine ?? c.line;
    const to = Math.max(c.line, c.callEndLine ?? c.line);
    // Report events are written a few seconds after the call ends.
    const inWindow = (x: Candidate): boolean => x.line >= from && (x.line <= to || (x.outcomeKind === 'reportEvent' && x.line <= to + 60));
    const compatible = (p: Phase): boolean => p === c.phase || (c.phase === 'install' && p === 'commit');
    const joins = (ch: Chain): boolean => ch.file === c.file && compatible(ch.cands[0].phase) &&
      ch.cands.some((x) => !x.callLevel && inWindow(x)) && ch.cands[0].outcomeKind !== 'cbsFailure' &&
      (ch.cands[0].code === c.code || !!ch.cands[0].updateId || GENERIC_CALL_CODES.has(c.code));
    const inside = perUpdate.near(c.file, from, to + 60).filter(joins).concat(standalone.filter(joins));
    if (inside.length) {
      // Several concurrent calls can report the same per-update failure: the first one owns it.
      for (const ch of inside) {
        if (ch.call) continue;
        ch.call = call;
        ch.cands.push(c);
      }
      continue;
    }
    const alone: Chain = { cands: [c].concat(reportsByCall.get(c) ?? []), call, file: c.file, lastLine: c.line, lastTime: c.time, key: `call|${c.callKey}` };
    chains.push(alone);
    if (alone.cands.length > 1) standalone.push(alone);
  }
  const each: Failure[] = [];
  for (const ch of chains) {
    if (++n % STEP_ITEMS === 0) yield;
    each.push(chainToFailure(ch, st, callByKey));
  }
  const evidence = new Set<string>();
  for (const f of each) {
    for (const e of f.evidence) evidence.add(`${e.file}:${e.line}`);
    if (f.rootCause) evidence.add(`${f.rootCause.file}:${f.rootCause.line}`);
  }
  return { failures: yield* mergeRepeats(each), evidence };
}

/**
 * The per-update chains, in the order of their first line (they are made in candidate order), for
 * finding those with a line in a window without looking at every chain: a chain's own lines lie
 * between its first line and `lastLine`, at most `span` apart.
 */
class ChainIndex {
  private readonly span: number;

  constructor(private readonly chains: readonly Chain[]) {
    let span = 0;
    for (const ch of chains) span = Math.max(span, ch.lastLine - ch.cands[0].line);
    this.span = span;
  }

  /** The chains of `file` that may have a line in [from, to], in order. */
  near(file: number, from: number, to: number): Chain[] {
    const list = this.chains;
    // The first chain past (file, to).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const ch = list[mid];
      if (ch.file < file || (ch.file === file && ch.cands[0].line <= to)) lo = mid + 1;
      else hi = mid;
    }
    let start = lo;
    while (start > 0 && list[start - 1].file === file && list[start - 1].cands[0].line >= from - this.span) start--;
    return list.slice(start, lo);
  }
}

/** Failures with the same (file, update or subject, phase, code) are one, the latest standing for all. */
function* mergeRepeats(list: Failure[]): Generator<void, Failure[]> {
  let n = 0;
  const groups = new Map<string, Failure>();
  const order: Failure[] = [];
  // Per group: its slot in `order` and its session keys, merged as sets (a log with thousands of
  // repeats of one failure would otherwise re-scan growing arrays on every merge: quadratic).
  const slot = new Map<string, number>();
  const sessionKeys = new Map<string, Set<string>>();
  for (const f of list) {
    if (++n % STEP_ITEMS === 0) yield;
    const ident = f.updateId ?? (f.kb && f.kb !== FOD_KB ? `kb${f.kb}` : f.subject ?? '');
    // Per file: two logs of a bundle can come from different machines.
    // Setup runs stopped by different causes (one Store app, then another) are separate problems.
    const cause = f.outcomeKind === 'setupResult' ? f.cause?.text ?? '' : '';
    const gk = `${f.at.file}|${ident}|${f.phase}|${f.code}|${cause}`;
    const g = groups.get(gk);
    if (!g) {
      groups.set(gk, f);
      slot.set(gk, order.length);
      sessionKeys.set(gk, new Set(f.cbsSessionKeys));
      order.push(f);
      continue;
    }
    // Keep the latest chain as the representative; older deciding lines become repeats.
    const older = before(g.at, f.at) ? g : f;
    const newer = older === g ? f : g;
    const repeats = (older.repeats ?? []).concat([older.at], newer.repeats ?? []).sort(cmpRef).slice(-LIMITS.repeats);
    const merged: Failure = { ...newer, occurrences: (g.occurrences ?? 1) + (f.occurrences ?? 1), repeats };
    const keys = sessionKeys.get(gk) ?? new Set(g.cbsSessionKeys);
    for (const k of f.cbsSessionKeys) keys.add(k);
    merged.titleOriginal = newer.title ? newer.titleOriginal : older.titleOriginal;
    merged.title = newer.title ?? older.title;
    merged.kb = newer.kb ?? older.kb;
    groups.set(gk, merged);
    order[slot.get(gk) ?? order.indexOf(g)] = merged;
  }
  for (const [gk, keys] of sessionKeys) {
    const g = groups.get(gk);
    if (g) g.cbsSessionKeys = [...keys];
  }
  return order.sort((a, b) => a.at.file - b.at.file || a.at.line - b.at.line);
}

function near(ch: Chain, c: Candidate): boolean {
  if (ch.lastTime !== undefined && c.time !== undefined) return Math.abs(c.time - ch.lastTime) <= WINDOW_MS;
  return c.line - ch.lastLine <= 3000;
}

/**
 * The install or uninstall call around each candidate: the last ComApi call open at its line, else
 * the first call open there. One sweep over the calls (sorted by file and START line) and the
 * candidates in order, keeping the calls still open: no search of every call per candidate.
 */
export function enclosingCalls(calls: Call[], cands: Candidate[]): Map<Candidate, Call | undefined> {
  const out = new Map<Candidate, Call | undefined>();
  const installs = calls.filter((k) => k.kind === 'install' || k.kind === 'uninstall');
  const sorted = cands.slice().sort((a, b) => a.file - b.file || a.line - b.line);
  let i = 0;
  let file = -1;
  let open: Call[] = [];
  for (const c of sorted) {
    if (c.file !== file) {
      file = c.file;
      open = [];
      while (i < installs.length && installs[i].file < file) i++;
    }
    while (i < installs.length && installs[i].file === file && installs[i].startLine <= c.line) open.push(installs[i++]);
    // Calls that ended before this line end before every later candidate's line too.
    let n = 0;
    for (const k of open) if (k.endLine === undefined || k.endLine >= c.line) open[n++] = k;
    open.length = n;
    let best: Call | undefined;
    for (const k of open) if (!best || k.component === 'ComApi') best = k;
    out.set(c, best);
  }
  return out;
}

function chainToFailure(ch: Chain, st: State, callByKey: Map<string, Call>): Failure {
  const sorted = ch.cands.slice().sort((a, b) => (RANK[a.outcomeKind] ?? 9) - (RANK[b.outcomeKind] ?? 9) || b.line - a.line);
  const d = sorted[0];
  // A generic call-level code (all updates failed) gives way to a specific one from the chain.
  let code = d.code;
  if (GENERIC_CALL_CODES.has(code)) {
    const specific = ch.cands.find((x) => !GENERIC_CALL_CODES.has(x.code));
    if (specific) code = specific.code;
  }
  let phase: Phase = d.phase;
  if (phase === 'unknown') phase = ch.cands.find((x) => x.phase !== 'unknown')?.phase ?? 'unknown';
  const call: Call | undefined = ch.call ?? (d.callKey ? callByKey.get(d.callKey) : undefined) ??
    ch.cands.map((x) => (x.callKey ? callByKey.get(x.callKey) : undefined)).find((x): x is Call => !!x);
  const updateId = ch.cands.find((x) => x.updateId)?.updateId ?? (call && call.updateIds.length === 1 ? call.updateIds[0] : undefined);
  const u = updateId ? st.updates.get(updateId) : undefined;
  if (call && updateId && !call.updateIds.includes(updateId)) call.updateIds.push(updateId);
  const ev: LineRef[] = [];
  if (call) ev.push({ file: call.file, line: call.startLine });
  for (const x of ch.cands) ev.push(...x.evidence, { file: x.file, line: x.line });
  if (call?.resultLine !== undefined) ev.push({ file: call.file, line: call.resultLine });
  const evidence = uniqRefs(ev).sort(cmpRef);
  const capped = evidence.length > LIMITS.evidence ? evidence.slice(0, 3).concat(evidence.slice(-(LIMITS.evidence - 3))) : evidence;
  const roots = ch.cands.map((x) => x.rootCause).filter((x): x is LineRef => !!x);
  // In a CBS session the first failing step (e.g. `Failed to stage ...`) is where it went wrong.
  const cbsSteps = ch.cands.filter((x) => x.outcomeKind === 'cbsFailure' && x !== d);
  for (const x of cbsSteps) roots.push({ file: x.file, line: x.line });
  roots.sort(cmpRef);
  // A call start cited as phase evidence is the failure's own call (a merged chain may name others).
  const ownStart = (p: PhaseEvidence): boolean => p.fact !== 'callStart' || !call || (p.at?.file === call.file && p.at.line === call.startLine);
  const phaseEvidence = uniqBy(ch.cands.flatMap((x) => x.phaseEvidence).filter(ownStart), (p) => `${p.kind}|${p.detail}`).slice(0, 4);
  if (call && !phaseEvidence.some((p) => p.kind === 'callKind')) {
    phaseEvidence.push({ kind: 'callKind', detail: `${call.kind} call${call.client ? ` from ${call.client}` : ''}`, at: { file: call.file, line: call.startLine }, fact: 'callStart', callKind: call.kind, client: call.client, label: call.label });
  }
  const callErr = ch.cands.find((x) => x.callLevel)?.callErrorCode ?? call?.callErrorCode;
  const texts: Record<string, string> = {};
  for (const x of ch.cands) Object.assign(texts, x.texts ?? {});
  const snippets = capped.filter((r) => texts[`${r.file}:${r.line}`] !== undefined).map((r) => ({ at: r, text: texts[`${r.file}:${r.line}`] }));
  const withCause = ch.cands.find((x) => x.cause);
  return {
    key: `${d.file}:${d.line}`,
    at: { file: d.file, line: d.line },
    time: d.time,
    timeText: d.timeText,
    phase,
    phaseEvidence,
    code,
    loggedName: ch.cands.find((x) => x.code === code && x.loggedName)?.loggedName,
    outcomeKind: d.outcomeKind,
    updateId,
    revision: u?.revision ?? d.revision,
    kb: u?.kb ?? d.kb ?? ch.cands.find((x) => x.kb)?.kb ?? sessionKb(st, ch.cands),
    title: u?.title,
    titleOriginal: u?.titleOriginal,
    callKey: call?.key,
    evidence: capped,
    rootCause: roots[0],
    cbsSessionKeys: uniq(ch.cands.map((x) => x.cbsSessionKey).filter((x): x is string => !!x)),
    occurrences: 1,
    callErrorCode: callErr !== undefined && callErr !== code && isError(callErr) ? callErr : undefined,
    operation: d.operation,
    snippets,
    ...(d.subject ? { subject: d.subject } : {}),
    ...(d.dismRunKey ? { dismRunKey: d.dismRunKey } : {}),
    ...(d.extended ? { extended: d.extended } : {}),
    ...(withCause?.cause ? { cause: withCause.cause } : {}),
    ...(d.confidence ? { confidence: d.confidence } : {}),
  };
}

/** The first KB of the chain's CBS session, known once the session has been read to its end. */
function sessionKb(st: State, cands: Candidate[]): string | undefined {
  const key = cands.find((x) => x.cbsSessionKey)?.cbsSessionKey;
  return key ? st.cbs.find((s) => s.key === key)?.kbs[0] : undefined;
}

/**
 * Windows 7 writes REPORT EVENT lines in batches, long after the call they report: an event
 * without update whose inner time is the end of a failed call with the same code is that
 * call's outcome again. Such events leave the candidate list and join the call's chain.
 */
function foldReportEvents(cands: Candidate[]): Map<Candidate, Candidate[]> {
  const out = new Map<Candidate, Candidate[]>();
  const calls = cands.filter((c) => c.callLevel && c.time !== undefined);
  if (!calls.length) return out;
  const byCode = groupBy(calls, (c) => c.code);
  for (let i = cands.length - 1; i >= 0; i--) {
    const e = cands[i];
    if (e.outcomeKind !== 'reportEvent' || e.updateId || e.eventTime === undefined) continue;
    const match = (byCode.get(e.code) ?? []).find((c) => c.file === e.file && Math.abs((c.time as number) - (e.eventTime as number)) <= 2000);
    if (!match) continue;
    out.set(match, (out.get(match) ?? []).concat(e));
    cands.splice(i, 1);
  }
  return out;
}
