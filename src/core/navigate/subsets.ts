// Part of an analysis, for a report on one thing: the failures, update, calls and CBS sessions of
// one update. Intermediate lines, DISM runs and store health are left out (they are not the
// update's). Plain data, same shape as the whole.
import type { Analysis, Failure } from '../analysis/types';

export function analysisForUpdate(a: Analysis, updateId: string, kb?: string): Analysis {
  const id = updateId.toUpperCase();
  const mine = (f: Failure): boolean => f.updateId === id || f.parentUpdateId === id || (!!kb && f.kb === kb);
  const failures = a.failures.filter(mine);
  const lowConfidence = (a.lowConfidence ?? []).filter(mine);
  const updates = a.updates.filter((u) => u.updateId === id || u.parentUpdateId === id);
  const callKeys = new Set(failures.map((f) => f.callKey).concat(updates.flatMap((u) => u.callKeys)).filter((k): k is string => !!k));
  const sessionKeys = new Set(failures.flatMap((f) => f.cbsSessionKeys));
  return {
    files: a.files,
    calls: a.calls.filter((c) => callKeys.has(c.key) || c.updateIds.includes(id)),
    updates,
    cbsSessions: a.cbsSessions.filter((s) => sessionKeys.has(s.key) || (!!kb && s.kbs.includes(kb))),
    failures,
    lowConfidence,
    noise: [],
    noiseCounts: { evidence: 0, benign: 0, transient: 0, other: 0 },
    pending: (a.pending ?? []).filter((p) => p.updateId === id || (!!kb && p.kb === kb)),
    dismRuns: [],
    storeHealth: [],
  };
}
