// Lookup tables over the generated header facts and the curated servicing table.
// Built lazily on first use so that activating the extension stays cheap.
import generatedJson from './data/codes.generated.json';
import curatedJson from './data/curated.json';

type Row = [string | number, string, number];

interface GeneratedData {
  source: string;
  headers: string[];
  facilities: Record<string, string[]>;
  win32: Row[];
  hresult: Row[];
  ntstatus: Row[];
}

export interface HeaderFact {
  name: string;
  /** Header file the name comes from, e.g. "wuerror.h". */
  header: string;
}

export interface CuratedFact {
  value: number;
  name: string | null;
  facility: string;
  component?: string;
  confidence: 'documented' | 'community';
  source: string;
}

export interface Tables {
  /** "mingw-w64-common 10.0.0-3" */
  source: string;
  win32: Map<number, HeaderFact[]>;
  hresult: Map<number, HeaderFact[]>;
  ntstatus: Map<number, HeaderFact[]>;
  curated: Map<number, CuratedFact[]>;
  /** FACILITY_* names from winerror.h by number. */
  facilities: Map<number, string[]>;
}

let cache: Tables | undefined;

// Range markers (REGDB_E_FIRST, ..._LAST) name a bound, not an error: prefer any other name.
// S_OK/S_FALSE are the names everyone uses for 0 and 1 (SEC_E_OK, NOERROR are aliases).
const rank = (name: string): number => (/_(FIRST|LAST)$/.test(name) ? 2 : name === 'S_OK' || name === 'S_FALSE' ? 0 : 1);

function index(rows: Row[], headers: string[], hex: boolean): Map<number, HeaderFact[]> {
  const map = new Map<number, HeaderFact[]>();
  for (const [v, name, h] of rows) {
    const value = hex ? parseInt(String(v), 16) >>> 0 : Number(v);
    const list = map.get(value) ?? [];
    list.push({ name, header: headers[h] ?? 'unknown' });
    map.set(value, list);
  }
  for (const list of map.values()) {
    // Stable: rows come in header-preference order; markers move last.
    list.sort((a, b) => rank(a.name) - rank(b.name));
  }
  return map;
}

export function tables(): Tables {
  if (cache) return cache;
  const g = generatedJson as unknown as GeneratedData;
  const curated = new Map<number, CuratedFact[]>();
  const entries = (curatedJson as unknown as { entries: Array<Omit<CuratedFact, 'value'> & { value: string }> }).entries;
  for (const e of entries) {
    const value = parseInt(e.value, 16) >>> 0;
    const list = curated.get(value) ?? [];
    list.push({ ...e, value });
    curated.set(value, list);
  }
  const facilities = new Map<number, string[]>();
  for (const [id, names] of Object.entries(g.facilities)) facilities.set(Number(id), names);
  cache = {
    source: g.source,
    win32: index(g.win32, g.headers, false),
    hresult: index(g.hresult, g.headers, true),
    ntstatus: index(g.ntstatus, g.headers, true),
    curated,
    facilities,
  };
  return cache;
}
