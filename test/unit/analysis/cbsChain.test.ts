// One failed CBS session gives one failure: the session's outcome, the stage failure as its root cause.
import * as assert from 'node:assert/strict';
import { analyseFixtures, lines } from './helpers';

describe('analysis: CBS failure chains', () => {
  it('a stage failure and the session result are one failure with the session KB', () => {
    const a = analyseFixtures('cbs-stage-fail.log');
    assert.equal(a.failures.length, 1, JSON.stringify(a.failures.map((f) => [f.at.line + 1, f.kb])));
    const f = a.failures[0];
    assert.equal(f.code, 0x800f0988);
    assert.equal(f.kb, '5099001');
    assert.equal(f.phase, 'install');
    assert.equal(f.at.line + 1, 10, 'the session result decides');
    assert.equal(f.rootCause && f.rootCause.line + 1, 6, 'the stage failure is the root cause');
    for (const l of [2, 6, 10]) assert.ok(lines(f.evidence).includes(l), `evidence has line ${l}: ${lines(f.evidence)}`);
    const session = a.cbsSessions.find((s) => s.id === '40200001_500000001');
    assert.ok(session && f.cbsSessionKeys.includes(session.key));
  });

  it('errors logged while a session executes belong to it, not to a session initialised meanwhile', () => {
    const a = analyseFixtures('cbs-stage-fail.log');
    const idle = a.cbsSessions.find((s) => s.id === '40200001_600000002');
    assert.ok(idle);
    assert.equal(idle.errors.length, 0);
    const busy = a.cbsSessions.find((s) => s.id === '40200001_500000001');
    assert.ok(busy && busy.errors.some((e) => e.at.line + 1 === 6));
  });
});
