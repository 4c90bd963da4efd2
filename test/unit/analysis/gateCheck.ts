// Shared by the gate tests (unit and corpus): the analysis of a log with the gate (lines that
// cannot matter get no record) and without it (every line read), which must be the same.
import { Analyzer } from '../../../src/core/analysis/analyzer';
import { feedFile } from '../../../src/core/analysis/fileFeed';

/** The analysis of `bytes` as JSON, fed in chunks of `chunk` bytes (chunk boundaries cut lines). */
export function analysisJson(bytes: Uint8Array, name: string, gate: boolean, chunk = bytes.length): string {
  const a = new Analyzer({ gate });
  const idx = a.addFile(name, 'unknown');
  const feed = feedFile(a, idx, name);
  for (let i = 0; i < bytes.length; i += Math.max(1, chunk)) feed.pushBytes(bytes.subarray(i, i + Math.max(1, chunk)));
  return JSON.stringify(a.finish([feed.end()]));
}

/** The first place two JSON texts differ, for a readable failure. */
export function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 80), i + 80))} vs ${JSON.stringify(b.slice(Math.max(0, i - 80), i + 80))}`;
}
