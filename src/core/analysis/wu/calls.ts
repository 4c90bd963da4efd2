// WindowsUpdate.log calls: `* START *` / `* END *` brackets paired per thread and cV, their
// counts (`Install call complete (... failed = 1`), exit and call-error codes, and the failure
// candidate of a call that failed.
import type { LogRecord } from '../../model/types';
import type { Call, CallCounts, FailureCause, LineRef, PhaseEvidence } from '../types';
import { LIMITS, own, shared } from '../state';
import { CALL_CANCELLED, isError } from '../patterns';
import type { Bracket } from '../patterns';
import { phaseOfCallKind, phaseOfOperation } from '../phase';
import type { Context, FileState } from '../context';
import { snippet } from '../context';
import { related } from '../evidence';
import { installProof } from './updates';

/** A call while it is read: the pairing key and the text of its result line. */
export interface CallAcc extends Call {
  op?: string;
  resultText?: string;
  resultTimeText?: string;
  overflowErrors?: number;
  /** `Sending shutdown notification to client` was logged while the call ran. */
  shutdownLine?: number;
  /** `... calls back to install call ... error 0x...`: the item error the callback reported. */
  callbackLine?: number;
  callbackText?: string;
  /** The federated member's own line (`Install ClientId = ...` without a marker, on the member's thread). */
  memberLine?: number;
  memberText?: string;
}

/**
 * A key per (pid, tid). Distinct threads may share one (huge PIDs): the count it keys is then
 * only too high, which costs a look through `open`, never a wrong answer.
 */
function threadKey(pid: number | undefined, tid: number | undefined): number {
  return (pid ?? -1) * 4294967296 + (tid ?? -1);
}

function countThread(f: FileState, c: Call, by: number): void {
  const k = threadKey(c.pid, c.tid);
  const n = (f.openPerThread.get(k) ?? 0) + by;
  if (n > 0) f.openPerThread.set(k, n);
  else f.openPerThread.delete(k);
}

/** Adds a started call to `f.open`. */
export function openCall(f: FileState, c: Call): void {
  f.open.push(c);
  countThread(f, c, 1);
  if (c.cv !== undefined) {
    const list = f.openByCv.get(c.cv);
    if (list) list.push(c);
    else f.openByCv.set(c.cv, [c]);
  }
}

/** Removes `f.open[i]` and returns it. */
export function dropOpen(f: FileState, i: number): Call {
  const c = f.open.splice(i, 1)[0];
  countThread(f, c, -1);
  const list = c.cv !== undefined ? f.openByCv.get(c.cv) : undefined;
  const k = list ? list.indexOf(c) : -1;
  if (list && k >= 0) {
    if (list.length === 1) f.openByCv.delete(c.cv as string);
    else list.splice(k, 1);
  }
  return c;
}

export function openOnThread(f: FileState, tid: number, rec: LogRecord): Call | undefined {
  if (f.open.length === 0) return undefined;
  const cv = rec.cvs[0]?.cv;
  // No call on the thread and no cV to match by: nothing to look for.
  if (cv === undefined && !f.openPerThread.has(threadKey(rec.pid, tid))) return undefined;
  for (let i = f.open.length - 1; i >= 0; i--) {
    const c = f.open[i];
    if (c.tid === tid && c.pid === rec.pid) return c;
    if (cv && c.cv && cv.startsWith(c.cv)) return c;
  }
  return undefined;
}

/** The open call an update result line belongs to (the ComApi call of its operation first). */
export function enclosingOpen(f: FileState, operation: string, rec: LogRecord): Call | undefined {
  const want = phaseOfOperation(operation);
  let best: Call | undefined;
  for (const c of f.open) {
    if (want && phaseOfCallKind(c.kind) !== want) continue;
    if ((c as CallAcc).op?.startsWith('federated')) continue;
    if (c.component === 'ComApi') return c;
    if (!best || (c.tid === rec.tid && c.pid === rec.pid)) best = c;
  }
  return best;
}

export function bracket(ctx: Context, f: FileState, rec: LogRecord, b: Bracket): void {
  const cv = rec.cvs[0]?.cv;
  if (b.edge === 'start') {
    const kind = b.kind === 'skip' ? 'other' : b.kind;
    const call: CallAcc = {
      key: `${f.index}:${rec.line}`, kind, file: f.index, client: shared(b.client), cv: own(cv), pid: rec.pid, tid: rec.tid,
      startLine: rec.line, startTime: rec.time, updateIds: [], result: 'unknown', label: shared(b.label), component: shared(rec.component),
    };
    call.op = shared(b.op);
    const svc = kind === 'search' ? /ServiceId = \{?([0-9A-Fa-f-]{36})/i.exec(rec.message) : null;
    if (svc) call.serviceId = own(svc[1].toUpperCase());
    openCall(f, call);
    if (f.open.length > LIMITS.openCalls) closeCall(ctx, f, f.open[0], undefined);
    return;
  }
  // END: the call that got its result lines on this thread, else the best open match.
  let match: Call | undefined;
  const byTid = rec.tid !== undefined ? f.resultCallByTid.get(rec.tid) : undefined;
  if (byTid && f.open.includes(byTid) && sameOp(byTid, b)) match = byTid;
  if (!match && cv) match = f.openByCv.get(cv)?.find((c) => sameOp(c, b));
  if (!match) {
    // The first open call of the process with this operation (and client); cheap tests first: an
    // END is compared with every open call, and hundreds can be open.
    // A different cV on both sides is a different call, except for federated ends (their cV moves on).
    let first: Call | undefined;
    for (const c of f.open) {
      if (c.pid !== rec.pid || (b.client && c.client && c.client !== b.client) || !sameOp(c, b)) continue;
      first ??= c;
      if (!cv || !c.cv) {
        match = c;
        break;
      }
    }
    match ??= b.federatedEnd ? first : undefined;
  }
  if (!match) return;
  const acc = match as CallAcc;
  if (b.exitCode !== undefined) match.exitCode = b.exitCode;
  if (b.exitCode !== undefined && isError(b.exitCode)) {
    match.resultLine = rec.line;
    acc.resultText = snippet(rec);
    acc.resultTimeText = own(rec.timeText);
  }
  if (acc.resultTimeText === undefined) acc.resultTimeText = own(rec.timeText);
  closeCall(ctx, f, match, rec);
}

/**
 * The federated repeat of the counts is logged on the thread that started the inner call.
 * Concurrent calls without a cV were paired first-in first-out; when the repeat names
 * another thread, the call just closed and the open one started there swap their starts.
 */
export function fixPairing(ctx: Context, f: FileState, rec: LogRecord, counts: CallCounts): void {
  const tid = rec.tid as number;
  const closed = f.recent[f.recent.length - 1];
  if (!closed || closed.tid === tid || closed.pid !== rec.pid || closed.cv || !sameCounts(closed.counts, counts)) return;
  const open = f.open.find((c) => c.tid === tid && c.pid === rec.pid && !c.cv && !c.counts && c.kind === closed.kind &&
    (c as CallAcc).op === (closed as CallAcc).op && c.client === closed.client);
  if (!open) return;
  const oldClosed = closed.key;
  const oldOpen = open.key;
  const fields = ['key', 'startLine', 'startTime', 'tid', 'label', 'component', 'updateIds'] as const;
  const a = closed as unknown as Record<string, unknown>;
  const o = open as unknown as Record<string, unknown>;
  countThread(f, open, -1);
  for (const k of fields) [a[k], o[k]] = [o[k], a[k]];
  countThread(f, open, 1);
  for (const c of ctx.st.candidates) {
    if (c.callKey === oldClosed) {
      c.callKey = oldOpen;
      if (c.callLevel) c.callStartLine = closed.startLine;
      for (const e of c.evidence) if (e.file === f.index && e.line === open.startLine) e.line = closed.startLine;
      for (const p of c.phaseEvidence) {
        if (p.fact === 'callStart' && p.at?.file === f.index && p.at.line === open.startLine) {
          p.at = { file: f.index, line: closed.startLine };
          p.label = closed.label;
        }
      }
      if (c.texts) {
        const t = c.texts[`${f.index}:${open.startLine}`];
        if (t !== undefined) {
          delete c.texts[`${f.index}:${open.startLine}`];
          c.texts[`${f.index}:${closed.startLine}`] = `${closed.component ?? ''} * START * ${closed.label ?? ''}`.trim();
        }
      }
    } else if (c.callKey === oldOpen) c.callKey = oldClosed;
  }
}

export function attachCounts(f: FileState, rec: LogRecord, op: string | undefined, counts: CallCounts): void {
  const want = op ? op.toLowerCase() : undefined;
  // Federated calls only wrap the per-service calls: the repeat of the counts on the
  // federated thread (after the inner call closed) is not a second outcome.
  const call = f.open.find((c) => c.pid === rec.pid && !c.counts && (!want || c.kind === want) && !(c as CallAcc).op?.startsWith('federated'));
  if (!call) return;
  call.counts = counts;
  if ((counts.failed ?? 0) > 0 || (counts.cancelled ?? 0) > 0) {
    call.resultLine = rec.line;
    (call as CallAcc).resultText = snippet(rec);
    (call as CallAcc).resultTimeText = own(rec.timeText);
  }
  if (rec.tid !== undefined) f.resultCallByTid.set(rec.tid, call);
}

export function attachCallResult(f: FileState, rec: LogRecord, exitCode?: number, callError?: number, client?: string): void {
  let call = rec.tid !== undefined ? f.resultCallByTid.get(rec.tid) : undefined;
  if (call && !f.open.includes(call)) call = undefined;
  if (!call && rec.tid !== undefined) {
    for (let i = f.open.length - 1; i >= 0; i--) {
      const c = f.open[i];
      if (c.tid === rec.tid && c.pid === rec.pid) { call = c; break; }
    }
  }
  if (!call && client) call = f.open.find((c) => c.pid === rec.pid && c.client === client);
  if (!call) return;
  if (exitCode !== undefined) call.exitCode = exitCode;
  if (callError !== undefined) call.callErrorCode = callError;
  if ((exitCode !== undefined && isError(exitCode)) || (callError !== undefined && isError(callError))) {
    if (call.resultLine === undefined) {
      call.resultLine = rec.line;
      (call as CallAcc).resultText = snippet(rec);
      (call as CallAcc).resultTimeText = own(rec.timeText);
    }
  }
  if (rec.tid !== undefined) f.resultCallByTid.set(rec.tid, call);
}

export function closeCall(ctx: Context, f: FileState, call: Call, endRec: LogRecord | undefined): void {
  const st = ctx.st;
  const i = f.open.indexOf(call);
  if (i >= 0) dropOpen(f, i);
  if (endRec) {
    call.endLine = endRec.line;
    call.endTime = endRec.time;
  }
  call.result = callResult(call, !!endRec);
  const over = (call as CallAcc).overflowErrors;
  if (over) {
    if (call.result === 'unknown') st.errOverflow += over;
    else st.overflowByResult[call.result] += over;
  }
  if (call.result === 'failed' || call.result === 'cancelled') st.keyCalls.push(call);
  else {
    st.calls.push(call);
    // Drop the older half at once: amortised O(1) per call, memory bounded.
    if (st.calls.length > LIMITS.calls * 1.5) st.calls.splice(0, st.calls.length - LIMITS.calls);
  }
  f.recent.push(call);
  if (f.recent.length > 20) f.recent.shift();
  for (const [tid, c] of f.resultCallByTid) if (c === call) f.resultCallByTid.delete(tid);
  if (call.result === 'failed') callCandidate(ctx, f, call);
}

function callCandidate(ctx: Context, f: FileState, call: Call): void {
  const acc = call as CallAcc;
  const code = decidingCallCode(call);
  const line = call.resultLine ?? call.endLine ?? call.startLine;
  const phase = phaseOfCallKind(call.kind) ?? 'unknown';
  const ev: LineRef[] = [{ file: f.index, line: call.startLine }];
  // A call of one update also owns that update's handler lines (another process and thread).
  const updateId = call.updateIds.length === 1 ? call.updateIds[0] : undefined;
  const rel = related(f, line, call.startLine, { tid: call.tid, pid: call.pid, cv: call.cv, code, updateId, time: call.endTime, inCall: true });
  const texts: Record<string, string> = {};
  const phaseEvidence: PhaseEvidence[] = [{ kind: 'callKind', detail: `${call.kind} call (${call.label ?? ''})`.slice(0, 140), at: { file: f.index, line: call.startLine }, fact: 'callStart', callKind: call.kind, client: call.client, label: call.label }];
  let cause: FailureCause | undefined;
  // The callback hands the item error to the call; a shutdown notice explains a cancelled install.
  if (acc.callbackLine !== undefined) {
    ev.push({ file: f.index, line: acc.callbackLine });
    if (acc.callbackText) texts[`${f.index}:${acc.callbackLine}`] = acc.callbackText;
  }
  if (acc.memberLine !== undefined) {
    ev.push({ file: f.index, line: acc.memberLine });
    if (acc.memberText) texts[`${f.index}:${acc.memberLine}`] = acc.memberText;
  }
  if (acc.shutdownLine !== undefined) {
    ev.push({ file: f.index, line: acc.shutdownLine });
    texts[`${f.index}:${acc.shutdownLine}`] = 'Agent Sending shutdown notification to client';
    phaseEvidence.push({ kind: 'message', fact: 'shutdown', at: { file: f.index, line: acc.shutdownLine }, detail: 'the service or machine shut down while the install ran' });
    cause = { at: { file: f.index, line: acc.shutdownLine }, kind: 'shutdownInterrupted', code };
  }
  if (call.updateIds.length === 1 && (phase === 'install' || phase === 'commit')) phaseEvidence.unshift(...installProof(f, call.updateIds[0]));
  ctx.addCandidate({
    file: f.index, line, time: call.endTime ?? call.startTime, timeText: acc.resultTimeText, code, outcomeKind: call.counts ? 'callResult' : 'exitCode',
    operation: call.kind, phase, phaseEvidence, cause,
    updateId: call.updateIds.length === 1 ? call.updateIds[0] : undefined, callKey: call.key, callLevel: true,
    evidence: ev.concat(rel.lines), rootCause: rel.root, rootComponent: rel.rootComponent,
    callErrorCode: call.callErrorCode, callStartLine: call.startLine, callEndLine: call.endLine,
  }, f, rel, {
    ...texts,
    [`${f.index}:${call.startLine}`]: `${call.component ?? ''} * START * ${call.label ?? ''}`.trim(),
    ...(acc.resultText && call.resultLine !== undefined ? { [`${f.index}:${call.resultLine}`]: acc.resultText } : {}),
  });
}

function sameOp(c: Call, b: Bracket): boolean {
  const op = (c as CallAcc).op ?? '';
  if (b.federatedEnd) return op === b.op;
  return op === b.op || (op.endsWith(b.op) && b.op.length > 3) || (b.op.endsWith(op) && op.length > 3);
}

function callResult(c: Call, ended: boolean): Call['result'] {
  const n = c.counts;
  const codes = [c.callErrorCode, c.exitCode].filter((x): x is number => x !== undefined && isError(x));
  if (n && (n.failed ?? 0) > 0) return 'failed';
  if (codes.some((x) => x !== CALL_CANCELLED)) return 'failed';
  if ((n && (n.cancelled ?? 0) > 0) || codes.includes(CALL_CANCELLED)) return 'cancelled';
  if (n || c.exitCode !== undefined || c.callErrorCode !== undefined) return 'succeeded';
  // An END without a stated result: a search that ended is a success; other calls stay unknown.
  return ended && c.kind === 'search' ? 'succeeded' : 'unknown';
}

function decidingCallCode(c: Call): number {
  if (c.callErrorCode !== undefined && isError(c.callErrorCode)) return c.callErrorCode;
  if (c.exitCode !== undefined && isError(c.exitCode)) return c.exitCode;
  return 0x80240022; // WU_E_ALL_UPDATES_FAILED: the call counted failed items without a code
}

function sameCounts(a: CallCounts | undefined, b: CallCounts): boolean {
  return !!a && a.succeeded === b.succeeded && a.failed === b.failed && a.cancelled === b.cancelled &&
    a.succeededWithErrors === b.succeededWithErrors && a.unaccounted === b.unaccounted;
}
