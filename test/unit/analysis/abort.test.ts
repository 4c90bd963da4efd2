// analyzeFiles(paths, { signal, onFile }): progress per file, and a stop between chunks on abort.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles, AnalysisAbortedError, isAbortError } from '../../../src/core/analysis/files';

const LINE = '2024/05/06 07:08:09.1234567 1111  2222  Agent           Loop iteration of an invented test log with no failures at all\n';

describe('analysis: analyzeFiles progress and abort', () => {
  let dir = '';
  let small: string[] = [];
  let big = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-abort-'));
    small = ['a', 'b', 'c'].map((n) => path.join(dir, `WindowsUpdate-${n}.log`));
    for (const f of small) fs.writeFileSync(f, LINE.repeat(20));
    // Several 1 MB chunks.
    big = path.join(dir, 'WindowsUpdate-big.log');
    fs.writeFileSync(big, LINE.repeat(Math.ceil((6 * 1024 * 1024) / LINE.length)));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports each file before reading it, with its index and the total', async () => {
    const seen: [string, number, number][] = [];
    const a = await analyzeFiles([dir], { onFile: (p, i, n) => seen.push([path.basename(p), i, n]) });
    assert.equal(a.files.length, 4);
    assert.deepEqual(seen, a.files.map((f, i) => [path.basename(f.path), i, 4]));
  });

  it('rejects with an AbortError when the signal aborts while a file is read', async () => {
    const ac = new AbortController();
    const started: string[] = [];
    const run = analyzeFiles([big, ...small], {
      signal: ac.signal,
      onFile: (p) => {
        started.push(p);
        // Fires once the first chunk read is under way.
        if (p === big) setImmediate(() => ac.abort());
      },
    });
    await assert.rejects(run, (err: unknown) => {
      assert.ok(isAbortError(err), String(err));
      assert.ok(err instanceof AnalysisAbortedError);
      assert.equal((err as Error).name, 'AbortError');
      return true;
    });
    assert.deepEqual(started, [big], 'no later file is read');
  });

  it('rejects at once for an aborted signal and reads nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    let calls = 0;
    await assert.rejects(analyzeFiles(small, { signal: ac.signal, onFile: () => calls++ }), (err: unknown) => isAbortError(err));
    assert.equal(calls, 0);
  });
});
