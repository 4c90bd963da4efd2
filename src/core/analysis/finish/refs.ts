// Small helpers over line references and lists, shared by the finishing steps.
import type { LineRef } from '../types';

export function cmpRef(a: LineRef, b: LineRef): number {
  return a.file - b.file || a.line - b.line;
}

export function before(a: LineRef, b: LineRef): boolean {
  return cmpRef(a, b) < 0;
}

export function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export function uniqBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function uniqRefs(xs: LineRef[]): LineRef[] {
  return uniqBy(xs, (r) => `${r.file}:${r.line}`);
}

export function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** Flat (file, line) pairs → LineRefs. */
export function refsOf(pairs: number[]): LineRef[] {
  const out: LineRef[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) out.push({ file: pairs[i], line: pairs[i + 1] });
  return out;
}
