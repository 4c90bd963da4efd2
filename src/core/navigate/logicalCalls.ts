// One logical call out of its halves: the client's ComApi call (`Federated Search`, `Search` per
// service), the agent's queued work item and its `Finding updates ... Id = N`. They are tied by
// the correlation vector (each half extends the caller's: `K3h.1.0.1.0` → `.0` → `.0.1`), or,
// in logs without cV (Windows 7, some downloads), by kind, client and the agent half lying inside
// the client's call.
import type { Call, CallKind } from '../analysis/types';

export interface LogicalCall {
  /** The key of its first (outermost) half. */
  key: string;
  file: number;
  kind: CallKind;
  client?: string;
  /** The correlation vector of the outermost half that has one. */
  cv?: string;
  /** The agent's call id (`Id = 5622`), when logged. */
  callId?: number;
  startLine: number;
  /** Last line of any half (undefined when no half was closed). */
  endLine?: number;
  startTime?: number;
  endTime?: number;
  /** Failed when any half failed; else cancelled; else succeeded when a half says so; else unknown. */
  result: Call['result'];
  exitCode?: number;
  callErrorCode?: number;
  /** Update ids any half touched, in order, without repeats. */
  updateIds: string[];
  /** The halves, outermost first, then by start line. */
  halves: Call[];
}

const RESULT_RANK: Record<Call['result'], number> = { failed: 3, cancelled: 2, succeeded: 1, unknown: 0 };
const CALL_ID = /\bId = (\d{1,9})\b/;

/** The agent's call id written in a START label (`... CallerId = X  Id = 22 (cV = ...)`). */
export function callIdOf(call: Call): number | undefined {
  const m = call.label ? CALL_ID.exec(call.label) : null;
  return m ? Number(m[1]) : undefined;
}

function endOf(c: Call): number {
  return c.endLine ?? c.startLine;
}

/** `X.1.0` → `X.1`; undefined when that would leave the bare base (`X.1` → none): the base alone ties nothing. */
function parentVector(cv: string): string | undefined {
  const cut = cv.lastIndexOf('.');
  const parent = cut > 0 ? cv.slice(0, cut) : undefined;
  return parent !== undefined && parent.indexOf('.') > 0 ? parent : undefined;
}

function compatibleClients(a: string | undefined, b: string | undefined): boolean {
  return !a || !b || a === b;
}

/** Whether `c` is a half of the logical call whose outermost half is `root`. */
function joins(root: Call, c: Call): boolean {
  if (root.file !== c.file || root.kind !== c.kind) return false;
  if (c.startLine < root.startLine || c.startLine > endOf(root)) return false;
  if (root.cv && c.cv) {
    // A federated search's per-service searches are its siblings (`X.1.0` → `X.1.0.0`, `X.1.1.0`): compare under its parent vector.
    const parent = parentVector(root.cv);
    return c.cv.startsWith(`${root.cv}.`) || (parent !== undefined && c.cv.startsWith(`${parent}.`));
  }
  return compatibleClients(root.client, c.client) && endOf(c) <= endOf(root);
}

/** Groups calls into logical calls, in order of their first line. Calls of other files never join. */
export function logicalCalls(calls: readonly Call[]): LogicalCall[] {
  const sorted = calls.map((c, i) => ({ c, i })).sort((a, b) => a.c.file - b.c.file || a.c.startLine - b.c.startLine || a.i - b.i).map((x) => x.c);
  const groups: Call[][] = [];
  /** Groups whose outermost half may still hold later calls (its range not yet passed). */
  let open: Call[][] = [];
  for (const c of sorted) {
    open = open.filter((g) => g[0].file === c.file && endOf(g[0]) >= c.startLine);
    let home: Call[] | undefined;
    // The innermost enclosing group that accepts it: the latest started one.
    for (let k = open.length - 1; k >= 0 && !home; k--) if (joins(open[k][0], c)) home = open[k];
    if (home) home.push(c);
    else {
      const g = [c];
      groups.push(g);
      open.push(g);
    }
  }
  return groups.map(toLogical);
}

function toLogical(halves: Call[]): LogicalCall {
  const root = halves[0];
  let result: Call['result'] = root.result;
  let endLine = root.endLine;
  let endTime = root.endTime;
  let exitCode: number | undefined;
  let callErrorCode: number | undefined;
  let callId: number | undefined;
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const h of halves) {
    if (RESULT_RANK[h.result] > RESULT_RANK[result]) result = h.result;
    if (h.endLine !== undefined && (endLine === undefined || h.endLine > endLine)) {
      endLine = h.endLine;
      endTime = h.endTime ?? endTime;
    }
    // A failing half's codes speak for the call; else the first ones logged.
    if (h.exitCode !== undefined && (exitCode === undefined || (h.result === 'failed' && h.exitCode !== 0))) exitCode = h.exitCode;
    if (h.callErrorCode !== undefined && (callErrorCode === undefined || h.result === 'failed')) callErrorCode = h.callErrorCode;
    callId ??= callIdOf(h);
    for (const id of h.updateIds) {
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
  }
  const out: LogicalCall = {
    key: root.key,
    file: root.file,
    kind: root.kind,
    client: halves.find((h) => h.client)?.client,
    cv: halves.find((h) => h.cv)?.cv,
    startLine: root.startLine,
    endLine,
    startTime: root.startTime,
    endTime,
    result,
    updateIds: ids,
    halves,
  };
  if (callId !== undefined) out.callId = callId;
  if (exitCode !== undefined) out.exitCode = exitCode;
  if (callErrorCode !== undefined) out.callErrorCode = callErrorCode;
  return out;
}

/** Maps the key of every half to its logical call. */
export function logicalCallIndex(list: readonly LogicalCall[]): Map<string, LogicalCall> {
  const m = new Map<string, LogicalCall>();
  for (const l of list) for (const h of l.halves) m.set(h.key, l);
  return m;
}
