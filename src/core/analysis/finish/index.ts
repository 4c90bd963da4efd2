// Finishing an analysis, in order: pending restarts apart, outcome chains → failures (repeats
// merged), names of bundled updates, CBS session links, update verdicts, recovered-or-still-
// failing, low-confidence outcomes apart, and the intermediate error lines sorted into noise.
import type { AnalysedFile, Analysis, Call, DismRun, StoreHealth } from '../types';
import type { State } from '../state';
import { failuresOf, splitPending } from './chains';
import { linkCbsSessions, nameBundled } from './links';
import { markRecovered, updateVerdicts } from './verdicts';
import { classifyNoise } from './noise';
import { chainsAcrossLogs } from './chainsAcrossLogs';

export interface FamilyResults {
  dismRuns: DismRun[];
  storeHealth: StoreHealth[];
}

/**
 * Finishing work that pauses (`yield`) between steps of a few milliseconds: run it at once
 * (`runSteps`), or give the event loop back between steps (the editor: a log with thousands of
 * failures takes hundreds of milliseconds to finish).
 */
export type Steps<T> = Generator<void, T>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export function* buildAnalysis(st: State, files: AnalysedFile[], extras: FamilyResults = { dismRuns: [], storeHealth: [] }): Steps<Analysis> {
  const calls = st.calls.concat(st.keyCalls).sort((a, b) => a.file - b.file || a.startLine - b.startLine);
  // Call keys are unique (file and START line).
  const callByKey = new Map<string, Call>();
  for (const c of calls) callByKey.set(c.key, c);
  const { cands, pending } = splitPending(st, calls, callByKey);
  yield;
  const { failures: all, evidence } = yield* failuresOf(cands, st, callByKey);
  yield;
  nameBundled(all, st);
  linkCbsSessions(all, st, files);
  yield;
  const updates = updateVerdicts(st, all.filter((f) => f.confidence !== 'low'), calls, pending);
  yield;
  markRecovered(all, st, calls, callByKey, extras.dismRuns);
  const failures = all.filter((f) => f.confidence !== 'low');
  const lowConfidence = all.filter((f) => f.confidence === 'low');
  yield;
  const { noise, noiseCounts } = classifyNoise(st, all, evidence, calls, callByKey);
  const chains = chainsAcrossLogs(failures, st, files, calls, extras.dismRuns, extras.storeHealth);
  return {
    files, calls, updates, cbsSessions: st.cbs, failures, noise, noiseCounts, pending,
    dismRuns: extras.dismRuns, storeHealth: extras.storeHealth, lowConfidence, chains,
  };
}
