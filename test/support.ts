// Shared by the test suites (not a test itself): where the project and ../shared are,
// and a seeded random generator for reproducible fuzzing.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Project root: the nearest folder above the running test with our package.json, else the cwd. */
function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && /"name":\s*"wu-log-lens"/.test(fs.readFileSync(pkg, 'utf8'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export const PROJECT_ROOT = findRoot();
/** ../shared beside the checkout (corpus, errcodes); absent on some machines. */
export const SHARED = path.resolve(PROJECT_ROOT, '../shared');

/** Deterministic pseudo-random numbers in [0, 1) (xorshift32). */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/** Runs `fn` with process.stdout/stderr captured (for in-process CLI tests). */
export async function captureOutput(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => { out += s; return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  try {
    const code = await fn();
    return { code, out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}
