// Still failing, or recovered? Each update gets a verdict from its last result; each failure
// learns where the same update or operation later succeeded (or that it did not).
import type { Call, DismRun, Failure, LineRef, PendingResult, UpdateInfo } from '../types';
import type { State } from '../state';
import { isError } from '../patterns';
import { before, cmpRef, groupBy, refsOf } from './refs';
import { FOD_KB } from '../cbs';

const STEP_INSTALL = 2;

export function updateVerdicts(st: State, failures: Failure[], calls: Call[], pending: PendingResult[]): UpdateInfo[] {
  const failedIds = groupBy(failures.filter((f) => f.updateId), (f) => f.updateId as string);
  const callsOfUpdate = new Map<string, string[]>();
  for (const c of calls) {
    for (const id of c.updateIds) {
      const list = callsOfUpdate.get(id) ?? [];
      if (list.length < 20) list.push(c.key);
      callsOfUpdate.set(id, list);
    }
  }
  const updates: UpdateInfo[] = [];
  const pendingById = groupBy(pending, (p) => p.updateId);
  for (const u of st.updates.values()) {
    const fs = failedIds.get(u.updateId);
    const okAfter = (at: LineRef, step: number): boolean => successAfter(u.results, at, step) !== undefined;
    const waits = (pendingById.get(u.updateId) ?? []).map((p) => p.at).sort(cmpRef).pop();
    let outcome: UpdateInfo['outcome'] = 'unknown';
    if (fs) {
      const last = fs.slice().sort((a, b) => cmpRef(a.at, b.at)).pop() as Failure;
      outcome = okAfter(last.at, stepOf(last.operation ?? last.phase)) ? 'succeeded' : 'failed';
      if (outcome === 'succeeded' && waits && before(last.at, waits) && !okAfter(waits, STEP_INSTALL)) outcome = 'unknown';
    } else if (waits) {
      outcome = okAfter(waits, STEP_INSTALL) ? 'succeeded' : 'unknown';
    } else if (u.results.some((r) => !isError(r.code) && r.operation !== 'search')) {
      outcome = 'succeeded';
    }
    updates.push({
      updateId: u.updateId, revision: u.revision, kb: u.kb, title: u.title, titleOriginal: u.titleOriginal, outcome, results: u.results, mentions: refsOf(u.mentions),
      callKeys: callsOfUpdate.get(u.updateId) ?? [], mentionCount: u.mentionCount, parentUpdateId: u.parentId,
    });
  }
  for (const p of pending) p.kb = p.updateId ? st.updates.get(p.updateId)?.kb : undefined;
  return updates;
}

/**
 * Sets `recovered` on every failure: the first later success of the same update (that went at
 * least as far), of a call of the same kind and client, of a CBS session for the same KB, or of a
 * DISM run with the same verb; null when none came after the failure's last occurrence.
 */
export function markRecovered(failures: Failure[], st: State, calls: Call[], callByKey: Map<string, Call>, runs: DismRun[]): void {
  for (const f of failures) {
    const at = f.at;
    let ok: LineRef | undefined;
    const u = f.updateId ? st.updates.get(f.updateId) : undefined;
    if (u) ok = successAfter(u.results, at, stepOf(f.operation ?? f.phase));
    const call = !ok && !u && f.callKey ? callByKey.get(f.callKey) : undefined;
    if (call) {
      // A search of another update service is another operation (an unregistered service keeps failing).
      const later = calls.find((c) => c.file === at.file && c.startLine > at.line && c.kind === call.kind && c.client === call.client && c.result === 'succeeded' &&
        (!c.serviceId || !call.serviceId || c.serviceId === call.serviceId));
      if (later) ok = { file: later.file, line: later.resultLine ?? later.endLine ?? later.startLine };
    }
    // A failure without update or call (a ReportingEvents detection failure): a later success of the same operation.
    if (!ok && !u && !call && f.operation) {
      const later = st.successes.find((x) => x.file === at.file && x.line > at.line && !x.updateId && x.operation === f.operation);
      if (later) ok = { file: later.file, line: later.line };
    }
    if (!ok && f.outcomeKind === 'cbsFailure' && f.kb && f.kb !== FOD_KB) {
      const s = st.cbs.find((x) => x.file === at.file && x.startLine > at.line && x.kbs.includes(f.kb as string) && x.errors.length === 0 && x.endLine !== undefined);
      if (s) ok = { file: s.file, line: s.endLine as number };
    }
    if (!ok && f.dismRunKey) {
      const run = runs.find((r) => r.key === f.dismRunKey);
      const later = run && runs.find((r) => r.file === at.file && r.startLine > at.line && r.verb === run.verb && r.result === 'succeeded');
      if (later) ok = { file: later.file, line: later.resultLine ?? later.endLine ?? later.startLine };
    }
    f.recovered = ok ?? null;
  }
}

/** Where a success of step `step` or further comes after `at`. */
function successAfter(results: UpdateInfo['results'], at: LineRef, step: number): LineRef | undefined {
  // A success counts only after the failure, and only when it went at least as far: a
  // re-download does not undo a failed install.
  const r = results.find((x) => !isError(x.code) && x.at.file === at.file && x.at.line > at.line && covers(stepOf(x.operation), step));
  return r?.at;
}

/** How far an operation goes: 1 download, 2 install/commit, 3 uninstall (its own line), 0 unknown. */
function stepOf(operation: string): number {
  const o = operation.toLowerCase();
  if (o.includes('uninstall')) return 3;
  if (o.includes('install') || o.includes('commit')) return STEP_INSTALL;
  if (o.includes('download')) return 1;
  return 0;
}

/** A success of step `ok` settles a failure of step `failed`. */
function covers(ok: number, failed: number): boolean {
  if (failed === 3 || ok === 3) return ok === failed;
  return ok > 0 && ok >= failed;
}
