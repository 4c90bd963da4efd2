// CAB archives (CbsPersist_*.cab, diagnostic cabs) through libarchive's bsdtar, which Debian
// ships in libarchive-tools and Windows 10/11 and macOS ship as `tar`: the cab goes in on stdin,
// a pax tar stream comes out on stdout and tar-stream splits it into members. Nothing is written
// to disk; the tool gets a time limit and its output a byte limit.
import { execFile, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';

let found: Promise<string | undefined> | undefined;

/** The bsdtar executable (`bsdtar`, or a `tar` that is bsdtar), found once; undefined when there is none. */
export function findBsdtar(): Promise<string | undefined> {
  found ??= (async () => {
    for (const cmd of ['bsdtar', 'tar']) if (await isBsdtar(cmd)) return cmd;
    return undefined;
  })();
  return found;
}

function isBsdtar(cmd: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      execFile(cmd, ['--version'], { timeout: 5000, windowsHide: true }, (err, stdout) => resolve(!err && /bsdtar|libarchive/i.test(String(stdout))));
    } catch {
      resolve(false);
    }
  });
}

/** A stream of bytes that can be iterated and dropped (a Node Readable, a tar-stream entry). */
export interface ByteStream extends AsyncIterable<Uint8Array> {
  destroy(err?: Error): unknown;
}

export interface CabMember {
  name: string;
  size: number;
  stream: ByteStream;
}

export interface CabOptions {
  signal?: AbortSignal;
  /** The tool is stopped after this long (ms). */
  timeoutMs: number;
}

/**
 * Lists and streams the members of a CAB read from `input`. `onMember` must consume or discard
 * the stream before it resolves. Resolves with the tool's complaint when it failed (the members
 * before the failure were delivered); never rejects for bad content.
 */
export async function readCab(tool: string, input: Readable, onMember: (m: CabMember) => Promise<void>, opts: CabOptions): Promise<{ error?: string }> {
  const child = spawn(tool, ['-c', '-f', '-', '--format', 'pax', '@-'], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  let stderr = '';
  let killedFor: string | undefined;
  const kill = (why: string): void => {
    killedFor ??= why;
    child.kill();
  };
  const timer = setTimeout(() => kill(`stopped after ${Math.round(opts.timeoutMs / 1000)} s`), opts.timeoutMs);
  const onAbort = (): void => kill('cancelled');
  opts.signal?.addEventListener('abort', onAbort);
  child.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 2000) stderr += c.toString('utf8');
  });
  // The tool may stop reading early (bad archive): a broken pipe is its answer, not ours to throw.
  child.stdin.on('error', () => undefined);
  input.on('error', () => child.stdin.destroy());
  input.pipe(child.stdin);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.on('error', (err) => kill(err.message));
  const extract = tar.extract();
  let parseError: string | undefined;
  try {
    child.stdout.pipe(extract);
    for await (const entry of extract) {
      const h = entry.header;
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      await onMember({ name: h.name, size: h.size ?? 0, stream: entry as unknown as ByteStream });
      entry.resume();
    }
  } catch (err) {
    parseError = err instanceof Error ? err.message : String(err);
    kill('output unreadable');
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    input.unpipe(child.stdin);
    input.resume();
  }
  const code = await exited;
  if (killedFor) return { error: killedFor };
  if (code !== 0) return { error: (stderr.trim().split('\n').pop() ?? '').replace(/^bsdtar: /, '') || `${tool} exited with code ${code}` };
  return parseError ? { error: parseError } : {};
}
