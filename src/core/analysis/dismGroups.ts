// Failed DISM runs that failed alike, for one report line: "RestoreHealth failed 9 times with
// 0x800F081F, same cause".
import type { DismRun } from './types';
import { E_FAIL } from './dismCause';

export interface DismRunGroup {
  verb: string;
  code: number;
  causeKind?: string;
  count: number;
  runs: DismRun[];
}

/** Failed runs that failed alike (same verb, code and cause kind), largest group first: "RestoreHealth failed 9 times with 0x800F081F". */
export function groupDismRuns(runs: DismRun[]): DismRunGroup[] {
  const groups = new Map<string, DismRunGroup>();
  for (const r of runs) {
    if (r.result !== 'failed') continue;
    const verb = r.verb ?? 'command';
    const code = r.code ?? E_FAIL;
    const key = `${verb.toLowerCase()}|${code}|${r.cause?.kind ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { verb, code, count: 0, runs: [] };
      if (r.cause?.kind) g.causeKind = r.cause.kind;
      groups.set(key, g);
    }
    g.count++;
    g.runs.push(r);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
