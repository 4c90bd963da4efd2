import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles, analyzeText, InputError } from '../../../src/core/analysis/files';
import { renderMarkdown } from '../../../src/core/report';
import { FIXTURES, analyseFixtures } from './helpers';

describe('analysis: editor and file entry points (real readers)', () => {
  it('analyzeText (editor path) finds the same failure as the streaming file path', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'wu10-install-fail.log'), 'utf8');
    const a = analyzeText(text, 'WindowsUpdate.log');
    assert.equal(a.files[0].format, 'wu10');
    assert.equal(a.failures.length, 1);
    const b = await analyzeFiles([path.join(FIXTURES, 'wu10-install-fail.log')]);
    const pick = (x: typeof a) => x.failures.map((f) => [f.at.line, f.phase, f.code, f.updateId, f.callKey]);
    assert.deepEqual(pick(a), pick(b));
    // The hand-made test records and the real readers agree.
    assert.deepEqual(pick(a), pick(analyseFixtures('wu10-install-fail.log')));
  });

  it('analyses CBS and Windows 7 text through the readers', () => {
    const cbs = analyzeText(fs.readFileSync(path.join(FIXTURES, 'cbs-kb-fail.log'), 'utf8'), 'CBS.log');
    assert.equal(cbs.files[0].format, 'cbs');
    assert.deepEqual(cbs.failures.map((f) => [f.phase, f.code]).sort(), [['commit', 0x800f0922], ['install', 0x800f081f]]);
    const w7 = analyzeText(fs.readFileSync(path.join(FIXTURES, 'wu7-mixed.log'), 'utf8'), 'WindowsUpdate.log');
    assert.equal(w7.files[0].format, 'wu7');
    assert.deepEqual(w7.failures.map((f) => [f.phase, f.code]).sort(), [['install', 0x800f0922], ['scan', 0x80072ee2]]);
  });

  it('undecoded text is reported as unreadable with how to decode it', () => {
    const text = Array.from({ length: 20 }, (_, i) =>
      `1600/12/31 18:00:00.0000000 1234  5678  Unknown( ${10 + i}): GUID=11111111-2222-3333-4444-555555555555 (No Format Information found).`).join('\r\n');
    const a = analyzeText(text, 'WindowsUpdate.log');
    assert.equal(a.files[0].format, 'undecoded');
    assert.equal(a.failures.length, 0);
    assert.match(renderMarkdown(a, { lang: 'en' }), /symbols/);
  });

  it('a missing path is an InputError', async () => {
    await assert.rejects(analyzeFiles([path.join(FIXTURES, 'nope.log')]), (e: unknown) => e instanceof InputError && /no such file/.test((e as Error).message));
  });
});
