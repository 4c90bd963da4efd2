// Folding regions of one log: each call (START to END; a logical call and its halves inside it),
// each CBS session, each DISM run, each setup run and phase, and each record with continuation
// lines. Regions of one start line are merged (the widest wins); overlapping ones are left for
// the editor to sort out, as it does for any provider.
import type { Analysis } from '../analysis/types';
import { logicalCalls } from './logicalCalls';
import type { OutlineNode } from './outline';
import type { RecordIndex } from './recordIndex';

export type FoldKind = 'call' | 'session' | 'dismRun' | 'setup' | 'record';

export interface FoldRegion {
  start: number;
  end: number;
  kind: FoldKind;
}

/** Folding regions of file `file`, sorted by start line. `setupOutline`: the outline's setup runs and phases, when built. */
export function foldingRegions(analysis: Analysis, index: RecordIndex | undefined, file = 0, setupOutline: readonly OutlineNode[] = []): FoldRegion[] {
  const byStart = new Map<number, FoldRegion>();
  const add = (start: number, end: number | undefined, kind: FoldKind): void => {
    if (end === undefined || end <= start) return;
    const old = byStart.get(start);
    if (!old || old.end < end) byStart.set(start, { start, end, kind: old && old.kind !== 'record' ? old.kind : kind });
  };
  for (const l of logicalCalls(analysis.calls.filter((c) => c.file === file))) {
    add(l.startLine, l.endLine, 'call');
    for (const h of l.halves) add(h.startLine, h.endLine, 'call');
  }
  for (const s of analysis.cbsSessions) if (s.file === file) add(s.startLine, s.endLine, 'session');
  for (const r of analysis.dismRuns ?? []) if (r.file === file) add(r.startLine, r.endLine ?? r.resultLine, 'dismRun');
  const walk = (nodes: readonly OutlineNode[]): void => {
    for (const n of nodes) {
      if (n.kind === 'run' || n.kind === 'phase') {
        add(n.line, n.endLine, 'setup');
        walk(n.children);
      }
    }
  };
  walk(setupOutline);
  if (index) for (let r = 0; r < index.count; r++) if (index.end[r] > index.start[r]) add(index.start[r], index.end[r], 'record');
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}
