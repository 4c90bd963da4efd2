import * as assert from 'node:assert/strict';
import { findCvs, findKbs, findUpdateIds } from '../../../src/core/tokens';

describe('findUpdateIds', () => {
  it('reads braced, bare, revisioned and double-braced ids, upper-cased, with spans', () => {
    const line = 'id={3c1f5e2a-7b44-4d0e-9f3a-1e2d3c4b5a69}.201 x 6F3FE9DD-7BCD-4A69-844F-2CF4766E5B0B.1 {{0A1B2C3D-1111-2222-3333-444455556666}.1} {9482F4B4-E343-43B6-B170-9A65BC822C77}';
    const ids = findUpdateIds(line);
    assert.deepEqual(ids.map((r) => [r.id, r.revision, line.slice(r.span.start, r.span.end)]), [
      ['3C1F5E2A-7B44-4D0E-9F3A-1E2D3C4B5A69', 201, '{3c1f5e2a-7b44-4d0e-9f3a-1e2d3c4b5a69}.201'],
      ['6F3FE9DD-7BCD-4A69-844F-2CF4766E5B0B', 1, '6F3FE9DD-7BCD-4A69-844F-2CF4766E5B0B.1'],
      ['0A1B2C3D-1111-2222-3333-444455556666', 1, '{0A1B2C3D-1111-2222-3333-444455556666}.1'],
      ['9482F4B4-E343-43B6-B170-9A65BC822C77', undefined, '{9482F4B4-E343-43B6-B170-9A65BC822C77}'],
    ]);
  });

  it('skips the nil GUID, too-long hex groups and GUID-like parts of longer tokens', () => {
    assert.deepEqual(findUpdateIds('{00000000-0000-0000-0000-000000000000} 3C1F5E2A-7B44-4D0E-9F3A-1E2D3C4B5A691 x3C1F5E2A-7B44-4D0E-9F3A-1E2D3C4B5A69'), []);
  });

  it('ends the id at a sentence full stop', () => {
    const ids = findUpdateIds('for update 54751BC1-F1DA-4868-8662-A3A27A51045F.1.');
    assert.equal(ids.length, 1);
    assert.equal(ids[0].revision, 1);
  });

  it('handles a 1 MB line of dashes and hex', () => {
    assert.deepEqual(findUpdateIds('a-'.repeat(500000)), []);
    assert.deepEqual(findUpdateIds('{0-'.repeat(300000)), []);
  });
});

describe('findKbs', () => {
  it('finds KB numbers in titles, package names and file names', () => {
    const line = 'Title = 2024-04 Update (KB5036893) Package_for_KB976932~31bf windows10.0-kb5016623-x64.msu KB12345 NOTKB5000001';
    assert.deepEqual(findKbs(line).map((k) => [k.kb, line.slice(k.span.start, k.span.end)]), [
      ['5036893', 'KB5036893'],
      ['976932', 'KB976932'],
      ['5016623', 'kb5016623'],
    ]);
  });
});

describe('findCvs', () => {
  it('reads correlation vectors after cV = / cV: with the vector-only span', () => {
    const line = '* START * Finding updates Id = 1570 (cV = bpc72zki10eIdyfl.1.0.1.0.0.2.1) and cV: v+HxwkFO3k66LKM4.1.1';
    const cvs = findCvs(line);
    assert.deepEqual(cvs.map((c) => [c.cv, line.slice(c.span.start, c.span.end)]), [
      ['bpc72zki10eIdyfl.1.0.1.0.0.2.1', 'bpc72zki10eIdyfl.1.0.1.0.0.2.1'],
      ['v+HxwkFO3k66LKM4.1.1', 'v+HxwkFO3k66LKM4.1.1'],
    ]);
    assert.deepEqual(findCvs('no vector here, cV = short'), []);
    assert.deepEqual(findCvs('cV = ' + 'a'.repeat(40)), [], 'too long to be a vector');
  });
});
