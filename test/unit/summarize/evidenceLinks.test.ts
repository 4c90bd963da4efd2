import * as assert from 'node:assert/strict';
import { linkEvidence, proseRanges } from '../../../src/summarize/evidenceLinks';

const files = [
  { path: '/logs/WindowsUpdate.log', target: 'file:///logs/WindowsUpdate.log' },
  { path: '/logs/CBS.log', target: 'file:///logs/CBS.log' },
];

describe('summarize: evidence links', () => {
  it('links file:line references of analysed files to the line', () => {
    const md = '- WindowsUpdate.log:12 (outcome): `Agent * END *`\n- CBS.log:3';
    const out = linkEvidence(md, files);
    assert.equal(out, '- [WindowsUpdate.log:12](file:///logs/WindowsUpdate.log#L12) (outcome): `Agent * END *`\n- [CBS.log:3](file:///logs/CBS.log#L3)');
  });

  it('links references in parentheses, but not inside code spans (quoted log text)', () => {
    const md = 'why: session (CBS.log:4); `see CBS.log:9 here` and ``a ` CBS.log:7``';
    const out = linkEvidence(md, files);
    assert.ok(out.includes('([CBS.log:4](file:///logs/CBS.log#L4))'), out);
    assert.ok(out.includes('`see CBS.log:9 here`'), out);
    assert.ok(out.includes('``a ` CBS.log:7``'), out);
    assert.equal((out.match(/\]\(/g) ?? []).length, 1);
  });

  it('does not treat a longer file name as a shorter one', () => {
    const out = linkEvidence('- xCBS.log:3 and MyWindowsUpdate.log:2', files);
    assert.equal(out, '- xCBS.log:3 and MyWindowsUpdate.log:2');
  });

  it('prefers the longest name when one name ends another', () => {
    const out = linkEvidence('- old-CBS.log:5 and CBS.log:6', [...files, { path: 'C:\\x\\old-CBS.log', target: 'file:///c%3A/x/old-CBS.log' }]);
    assert.ok(out.includes('[old-CBS.log:5](file:///c%3A/x/old-CBS.log#L5)'), out);
    assert.ok(out.includes('[CBS.log:6](file:///logs/CBS.log#L6)'), out);
  });

  it('matches names the way the report escapes them', () => {
    const out = linkEvidence('- \\_odd\\_.log:2', [{ path: '/l/_odd_.log', target: 'file:///l/_odd_.log' }]);
    assert.equal(out, '- [\\_odd\\_.log:2](file:///l/_odd_.log#L2)');
  });

  it('leaves files without a target, and names shared by two files, unlinked', () => {
    assert.equal(linkEvidence('- CBS.log:3', [{ path: 'CBS.log' }]), '- CBS.log:3');
    const two = [{ path: '/a/CBS.log', target: 'file:///a/CBS.log' }, { path: '/b/CBS.log', target: 'file:///b/CBS.log' }];
    assert.equal(linkEvidence('- CBS.log:3', two), '- CBS.log:3');
  });

  it('keeps link destinations intact when the path has parentheses or spaces', () => {
    const out = linkEvidence('- CBS.log:1', [{ path: '/a b/CBS.log', target: 'file:///a b/(x)/CBS.log' }]);
    assert.equal(out, '- [CBS.log:1](file:///a%20b/%28x%29/CBS.log#L1)');
  });

  it('returns a report that already has links unchanged', () => {
    const md = '- [CBS.log:3](file:///logs/CBS.log#L3) and CBS.log:4';
    assert.equal(linkEvidence(md, files), md);
  });

  it('finds prose outside code spans, with escapes and unmatched backticks', () => {
    assert.deepEqual(proseRanges('a `b` c'), [[0, 2], [5, 7]]);
    assert.deepEqual(proseRanges('a \\`b` c'), [[0, 8]]);
    assert.deepEqual(proseRanges('``x`y`` z'), [[7, 9]]);
    assert.deepEqual(proseRanges('only ` one'), [[0, 10]]);
  });

  it('stays fast on a long line of backticks and names', () => {
    const line = '`'.repeat(5000) + ' CBS.log:1 '.repeat(20000);
    const t = Date.now();
    const out = linkEvidence(line, files);
    assert.ok(out.includes('[CBS.log:1]'));
    assert.ok(Date.now() - t < 2000);
  });
});
