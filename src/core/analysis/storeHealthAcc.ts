// The accumulator of one store-health check (a DISM summary, an SFC run, a run of CBS store
// marks): the distinct items it named with their last state, and the lines that state it.
// Everything is capped, so a check that names a million files costs the same as one naming 1000.
import type { StoreHealth } from './types';
import { own } from './state';

export const HEALTH_LIMITS = {
  /** Items kept in a StoreHealth (the report shows a few). */
  items: 20,
  /** Lines kept per check that state corruption or repair. */
  itemLines: 14,
  /** Lines kept per check that state its operation, counts or end. */
  keyLines: 6,
  /** Distinct items remembered per check for matching repeats (more are counted, not matched). */
  tracked: 1000,
  /** Checks kept per file (the newest; the report uses the latest per tool). */
  checks: 100,
};

/** `pending`: named as corrupt, repair not yet stated; the end of the check decides. */
export type ItemState = 'pending' | 'repaired' | 'unrepaired';

interface Entry {
  name: string;
  /** Lower-case folder the file sits in, when the name has one. */
  parent?: string;
  state: ItemState;
}

/** `\??\C:\x\\y.dll`, `[l:30{15}]"y.dll"`, `[ml:520{260},l:46{23}]"\??\C:\x"\[l:..]"y.dll"` → a plain path. */
export function cleanName(text: string): string {
  let t = text.replace(/\[(?:ml|l):[^\]]{0,40}\]/g, '').replace(/["']/g, '').trim();
  if (t.startsWith('\\??\\')) t = t.slice(4);
  return t.replace(/\\{2,}/g, '\\');
}

const onDisk = (name: string): boolean => /^[A-Za-z]:\\/.test(name);

function segments(name: string): { base: string; parent?: string } {
  const parts = name.toLowerCase().split(/[\\/]/).filter((s) => s.length > 0);
  return { base: parts[parts.length - 1] ?? '', parent: parts.length > 1 ? parts[parts.length - 2] : undefined };
}

/**
 * Distinct corrupt items of one check. SFC names one file several ways (a member name in the
 * store, then its path on disk), so items match on the file name and, when both have one, the
 * folder it sits in. An explicit statement (repaired / cannot repair) outranks a repair attempt.
 */
export class HealthItems {
  private byBase = new Map<string, Entry[]>();
  private order: Entry[] = [];
  /** Items past the tracking cap, by state (each line counts as a new item). */
  private extra: Record<ItemState, number> = { pending: 0, repaired: 0, unrepaired: 0 };

  note(name: string, state: ItemState): void {
    if (!name) return;
    const { base, parent } = segments(name);
    const list = this.byBase.get(base);
    const hit = list?.find((e) => e.parent === undefined || parent === undefined || e.parent === parent);
    if (hit) {
      if (state !== 'pending') hit.state = state;
      // Show the most specific name: the path on disk (`C:\...`) over a member name in the store.
      if ((hit.parent === undefined && parent !== undefined) || (onDisk(name) && !onDisk(hit.name))) {
        hit.parent ??= parent;
        hit.name = own(name);
      }
      return;
    }
    if (this.order.length >= HEALTH_LIMITS.tracked) {
      this.extra[state]++;
      return;
    }
    const e: Entry = { name: own(name), parent, state };
    this.order.push(e);
    if (list) list.push(e);
    else this.byBase.set(base, [e]);
  }

  /** The check ended and said its repairs succeeded: attempts still open were repaired. */
  settlePending(): void {
    for (const e of this.order) if (e.state === 'pending') e.state = 'repaired';
    this.extra.repaired += this.extra.pending;
    this.extra.pending = 0;
  }

  /** The check has ended: keep the counts and the names shown, forget what matching needed. */
  compact(): void {
    const shown = new Set(this.ranked().slice(0, HEALTH_LIMITS.items));
    for (const e of this.order) if (!shown.has(e)) this.extra[e.state]++;
    this.order = this.order.filter((e) => shown.has(e));
    this.byBase.clear();
  }

  counts(): Record<ItemState, number> {
    const c = { ...this.extra };
    for (const e of this.order) c[e.state]++;
    return c;
  }

  get size(): number {
    return this.order.length + this.extra.pending + this.extra.repaired + this.extra.unrepaired;
  }

  /** Names, not repaired first (the report names those), then open attempts, then repaired; capped. */
  names(): string[] {
    return this.ranked().slice(0, HEALTH_LIMITS.items).map((e) => e.name);
  }

  private ranked(): Entry[] {
    const rank: Record<ItemState, number> = { unrepaired: 0, pending: 1, repaired: 2 };
    return this.order
      .map((e, i) => ({ e, i }))
      .sort((a, b) => rank[a.e.state] - rank[b.e.state] || a.i - b.i)
      .map((x) => x.e);
  }
}

/** One check being read. The tracker fills the verdict fields; `build` makes the plain result. */
export class HealthAcc {
  readonly items = new HealthItems();
  found?: boolean;
  repaired?: boolean;
  detected?: number;
  repairedCount?: number;
  /** The summary line, once seen; otherwise the last line that said something. */
  at?: number;
  last: number;
  private itemLines: number[] = [];
  private keyLines: number[] = [];

  constructor(
    readonly tool: StoreHealth['tool'],
    public operation: StoreHealth['operation'],
    readonly startLine: number,
    readonly startTime: number | undefined,
  ) {
    this.last = startLine;
  }

  /** A line that names a corrupt or repaired item (`key` false) or states the operation, counts or end. */
  line(n: number, key = false): void {
    const list = key ? this.keyLines : this.itemLines;
    if (n > this.last) this.last = n;
    if (list[list.length - 1] === n) return;
    if (list.length < (key ? HEALTH_LIMITS.keyLines : HEALTH_LIMITS.itemLines)) list.push(n);
    else if (key) list[list.length - 1] = n; // keep the newest statement of the verdict
  }

  build(file: number): StoreHealth {
    const lines = [...new Set([...this.itemLines, ...this.keyLines])].sort((a, b) => a - b);
    const h: StoreHealth = {
      file,
      at: { file, line: this.at ?? this.last },
      tool: this.tool,
      operation: this.operation,
      items: this.items.names(),
      lines: lines.map((line) => ({ file, line })),
    };
    if (this.found !== undefined) h.corruptionFound = this.found;
    if (this.repaired !== undefined) h.repaired = this.repaired;
    if (this.detected !== undefined) h.detected = this.detected;
    if (this.repairedCount !== undefined) h.repairedCount = this.repairedCount;
    if (this.startTime !== undefined) h.startTime = this.startTime;
    return h;
  }
}
