// Noise lines carry a stable reason key (and its parameters) next to the English reason.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyseFixtures, FIXTURES } from './helpers';

describe('analysis: noise reason keys', () => {
  const names = fs.readdirSync(FIXTURES).filter((n) => n.endsWith('.log'));

  it('every noise line has a key that agrees with its kind and English reason', () => {
    const keys = new Set<string>();
    for (const name of names) {
      const a = analyseFixtures(name);
      for (const n of a.noise) {
        assert.ok(n.reasonKey, `${name}:${n.at.line + 1} has no reasonKey (${n.reason})`);
        keys.add(n.reasonKey);
        const args = n.reasonArgs ?? {};
        switch (n.reasonKey) {
          case 'inFailedCall':
          case 'callSucceeded': {
            const call = a.calls.find((c) => c.file === n.at.file && c.startLine === args.callLine);
            assert.ok(call, `${name}: the call at ${args.callLine} exists`);
            assert.equal(args.callKind, call.kind);
            assert.ok(n.reason.includes(`(line ${call.startLine + 1})`), n.reason);
            assert.equal(n.kind, n.reasonKey === 'inFailedCall' ? 'evidence' : 'transient');
            break;
          }
          case 'cancelledCall':
          case 'callCancelled':
            assert.equal(n.kind, 'benign');
            assert.ok(n.reason.includes(`(${args.client ?? 'unknown'})`), n.reason);
            break;
          case 'lookup':
            assert.equal(n.kind, 'benign');
            break;
          case 'evidenceChain':
            assert.equal(n.kind, 'evidence');
            break;
          case 'untied':
            assert.equal(n.kind, 'other');
            break;
        }
      }
    }
    for (const k of ['evidenceChain', 'callSucceeded', 'lookup', 'cancelledCall', 'untied']) assert.ok(keys.has(k), `fixtures show ${k}: ${[...keys]}`);
  });
});
