// The lines next/previous failure visits, and the move itself (wrapping around the document).
import type { Analysis } from '../analysis/types';

/** `deciding`: the failures that decided an outcome; `all`: also every intermediate failure line the analysis listed. */
export type FailureSet = 'deciding' | 'all';

/** Sorted, unique 0-based lines of file `file`. */
export function failureLines(analysis: Analysis, set: FailureSet, file = 0): number[] {
  const lines = new Set<number>();
  for (const f of analysis.failures) {
    if (f.at.file === file) lines.add(f.at.line);
    for (const r of f.repeats ?? []) if (r.file === file) lines.add(r.line);
  }
  if (set === 'all') {
    for (const n of analysis.noise) if (n.at.file === file) lines.add(n.at.line);
    for (const f of analysis.lowConfidence ?? []) if (f.at.file === file) lines.add(f.at.line);
  }
  return [...lines].sort((a, b) => a - b);
}

export interface FailureMove {
  line: number;
  /** The move went past the last (or first) failure and came round to the other end. */
  wrapped: boolean;
}

/** The failure line after (`next`) or before (`previous`) `current`, wrapping; undefined when there is none. */
export function moveToFailure(lines: readonly number[], current: number, direction: 'next' | 'previous'): FailureMove | undefined {
  if (!lines.length) return undefined;
  if (direction === 'next') {
    const i = upperBound(lines, current);
    return i < lines.length ? { line: lines[i], wrapped: false } : { line: lines[0], wrapped: true };
  }
  const i = lowerBound(lines, current) - 1;
  return i >= 0 ? { line: lines[i], wrapped: false } : { line: lines[lines.length - 1], wrapped: true };
}

/** First index with lines[i] > x. */
function upperBound(lines: readonly number[], x: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with lines[i] >= x. */
function lowerBound(lines: readonly number[], x: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
