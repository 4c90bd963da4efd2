// Next/previous failure, related ids and focus views.
import * as assert from 'node:assert/strict';
import { definitionLine, failureLines, focusLines, idAt, mentionPattern, mentionsIn, moveToFailure } from '../../../src/core/navigate';
import { lineOf, nav } from './helpers';

describe('navigate: next/previous failure', () => {
  const wu = nav('WindowsUpdate.log');

  it('visits the deciding failures, or every failure line by the setting', () => {
    const deciding = failureLines(wu.analysis, 'deciding');
    assert.deepEqual(deciding, [lineOf(wu, 'resultMapped=800F0922')]);
    const all = failureLines(wu.analysis, 'all');
    assert.ok(all.includes(lineOf(wu, '*FAILED* [80070032]')));
    assert.ok(all.includes(deciding[0]));
    assert.deepEqual(all, [...all].sort((a, b) => a - b));
  });

  it('moves forward and back, and wraps around', () => {
    const lines = [5, 10, 20];
    assert.deepEqual(moveToFailure(lines, 0, 'next'), { line: 5, wrapped: false });
    assert.deepEqual(moveToFailure(lines, 5, 'next'), { line: 10, wrapped: false });
    assert.deepEqual(moveToFailure(lines, 20, 'next'), { line: 5, wrapped: true });
    assert.deepEqual(moveToFailure(lines, 10, 'previous'), { line: 5, wrapped: false });
    assert.deepEqual(moveToFailure(lines, 5, 'previous'), { line: 20, wrapped: true });
    assert.equal(moveToFailure([], 3, 'next'), undefined);
  });
});

describe('navigate: related ids', () => {
  const wu = nav('WindowsUpdate.log');

  it('finds the id under the cursor: update, KB, cV, call ids, CBS session, a ReportingEvents cV', () => {
    const title = wu.lines[9];
    assert.deepEqual(idAt(title, title.indexOf('A1B2C3D4') + 3)?.kind, 'update');
    assert.equal(idAt(title, title.indexOf('KB5053598') + 2)?.value, '5053598');
    const start = wu.lines[6];
    assert.deepEqual(idAt(start, start.indexOf('Id = 3') + 1), { kind: 'callId', value: '3', span: { start: start.indexOf('Id = 3'), end: start.indexOf('Id = 3') + 6 } });
    assert.equal(idAt(start, start.indexOf('NaViGaTe') + 1)?.value, 'NaViGaTe0TeSt001.1.0.0.1');
    const deploy = wu.lines[21];
    assert.deepEqual(idAt(deploy, deploy.indexOf('6E6E') + 1)?.kind, 'callId');
    const cbs = nav('CBS.log');
    const session = cbs.lines[3];
    assert.deepEqual(idAt(session, session.indexOf('31160001') + 2)?.value, '31160001_2000000002');
    const re = nav('ReportingEvents.log');
    const ev = re.lines[1];
    assert.equal(idAt(ev, ev.length - 3)?.value, 'NaViGaTe0TeSt001.3.0.0.2');
    assert.equal(idAt('plain text', 3), undefined);
  });

  it('matches a vector and the vectors that extend it, not a longer sibling', () => {
    const re = mentionPattern({ kind: 'cv', value: 'NaViGaTe0TeSt001.1.0' });
    assert.ok(re.test('(cV = NaViGaTe0TeSt001.1.0)'));
    re.lastIndex = 0;
    assert.ok(re.test('(cV = NaViGaTe0TeSt001.1.0.0.1)'));
    re.lastIndex = 0;
    assert.ok(!re.test('(cV = NaViGaTe0TeSt001.1.01)'));
    assert.equal(mentionsIn('KB5053598 kb5053598 KB50535981', { kind: 'kb', value: '5053598' }).length, 2);
  });

  it('a numbered call id is matched only where the line names its caller', () => {
    const token = { kind: 'callId' as const, value: '3' };
    const lines = wu.lines.map((l, i) => (mentionsIn(l, token).length ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(lines, [4, 5, 6, 8, 38, 39]);
  });

  it('defines an update at its title line, other ids at their first mention', () => {
    const token = { kind: 'update' as const, value: 'A1B2C3D4-1111-4222-8333-0123456789AB' };
    const mentions = wu.lines.map((l, i) => (mentionsIn(l, token).length ? i : -1)).filter((i) => i >= 0);
    assert.equal(mentions[0], 9);
    assert.equal(definitionLine(token, mentions, (l) => wu.lines[l]), 9);
    assert.equal(definitionLine({ kind: 'cv' }, [4, 8], (l) => wu.lines[l]), 4);
    assert.equal(definitionLine({ kind: 'kb' }, [], (l) => wu.lines[l]), undefined);
  });
});

describe('navigate: focus views', () => {
  const wu = nav('WindowsUpdate.log');
  const src = { analysis: wu.analysis, index: wu.index, lineText: wu.lineText, lineCount: wu.lines.length };

  it('one update: every line that names its id or KB', () => {
    const r = focusLines(src, { kind: 'update', updateId: 'A1B2C3D4-1111-4222-8333-0123456789AB', kb: '5053598' });
    assert.deepEqual(r.lines, [9, 14, 25, 26, 28, 29]);
    assert.equal(r.truncated, false);
  });

  it('one thread, one component', () => {
    assert.deepEqual(focusLines(src, { kind: 'thread', tid: 1310 }).lines, [22, 23, 25, 26, 27, 28]);
    const handler = focusLines(src, { kind: 'component', component: 'Handler' }).lines;
    assert.deepEqual(handler, [22, 23, 25, 26, 27, 28]);
    assert.deepEqual(focusLines(src, { kind: 'component', component: 'Nope' }).lines, []);
  });

  it('one logical call: its halves on their threads, and the lines of its cV', () => {
    const install = wu.analysis.calls.find((c) => c.startLine === 19);
    assert.ok(install);
    const lines = focusLines(src, { kind: 'call', callKey: install.key }).lines;
    for (const l of [19, 20, 21, 24, 29, 30, 33]) assert.ok(lines.includes(l), `line ${l} in ${lines}`);
    assert.ok(!lines.includes(22), 'a handler line is on another thread');
    assert.ok(!lines.includes(10));
  });

  it('one CBS session with its continuation lines; only failures', () => {
    const cbs = nav('CBS.log');
    const s = cbs.analysis.cbsSessions.find((x) => x.client === 'WindowsUpdateAgent');
    assert.ok(s);
    const csrc = { analysis: cbs.analysis, index: cbs.index, lineText: cbs.lineText, lineCount: cbs.lines.length };
    assert.deepEqual(focusLines(csrc, { kind: 'session', sessionKey: s.key }).lines, [3, 4, 5, 6, 7, 8, 9, 10]);
    const failures = focusLines(csrc, { kind: 'failures' }).lines;
    assert.ok(failures.includes(6) && failures.includes(7) && failures.includes(8), String(failures));
    assert.ok(!failures.includes(0));
  });
});
