// The hand-curated table: every row carries facts, a source and a confidence, and agrees with
// the decoding ranges it sits in.
import * as assert from 'node:assert/strict';
import curated from '../../../src/core/errors/data/curated.json';
import { tables } from '../../../src/core/errors/tables';
import { explainCode } from '../../../src/core/errors';

interface Entry { value: string; name: string | null; facility: string; component?: string; confidence: string; source: string }
const entries = (curated as unknown as { entries: Entry[] }).entries;

describe('errors: curated servicing table', () => {
  it('has well-formed rows with a source and a confidence', () => {
    assert.ok(entries.length >= 200, `${entries.length} rows`);
    for (const e of entries) {
      assert.match(e.value, /^0x[0-9A-F]{8}$/, JSON.stringify(e));
      assert.ok(e.name === null || /^[A-Z][A-Z0-9_]+$/.test(e.name), JSON.stringify(e));
      assert.ok(['documented', 'community'].includes(e.confidence), JSON.stringify(e));
      assert.ok(e.source.trim().length > 5, JSON.stringify(e));
      assert.ok(e.facility.length > 0);
    }
  });

  it('has no value twice and no name on two values', () => {
    const values = new Set<string>();
    const names = new Map<string, string>();
    for (const e of entries) {
      assert.ok(!values.has(e.value), `duplicate ${e.value}`);
      values.add(e.value);
      if (e.name) {
        assert.ok(!names.has(e.name), `${e.name} on ${names.get(e.name)} and ${e.value}`);
        names.set(e.name, e.value);
      }
    }
  });

  it('marks only the Microsoft-documented CBS/PSFX codes as documented', () => {
    const documented = entries.filter((e) => /^(CBS|PSFX)_/.test(e.name ?? '') && e.confidence === 'documented').map((e) => e.value).sort();
    assert.deepEqual(documented, ['0x800F081F', '0x800F0821', '0x800F0825', '0x800F0831', '0x800F0920', '0x800F0922', '0x800F0982', '0x800F0984', '0x800F0986']);
  });

  it('keeps CBS/PSFX rows inside the servicing ranges and DO rows in facility 0xD0', () => {
    for (const e of entries) {
      const v = parseInt(e.value, 16) >>> 0;
      if (/^(CBS_E|PSFX_E)_/.test(e.name ?? '')) assert.ok(v >= 0x800f0800 && v <= 0x800f09ff, e.value);
      if (/^DO_E_/.test(e.name ?? '')) assert.equal((v >>> 16) & 0x1fff, 0xd0, e.value);
      if (/^WU_/.test(e.name ?? '')) assert.equal((v >>> 16) & 0x1fff, 0x24, e.value);
    }
  });

  it('adds names no generated header row has (except known header aliases)', () => {
    const t = tables();
    const overlaps = entries.filter((e) => e.name && t.hresult.has(parseInt(e.value, 16) >>> 0)).map((e) => e.value);
    // dismapi.h reuses two CBS values (DISMAPI_E_UNKNOWN_FEATURE, DISMAPI_E_BUSY).
    assert.deepEqual(overlaps.sort(), ['0x800F080C', '0x800F0902']);
    const e = explainCode(0x800f080c, 'en');
    assert.ok(e.aliases?.includes('CBS_E_UNKNOWN_UPDATE'), JSON.stringify(e.aliases));
  });
});
