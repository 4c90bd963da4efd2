// SFC (System File Checker) as CBS.log records it: CSI `[SR]` lines. A run verifies the
// components in batches (`Verifying 100 components` ... `Verify complete`), names the files it
// found damaged, then, for /scannow, repairs them (`Repairing N components` ... `Repair
// complete`, `Verify and Repair Transaction completed`).
import type { StoreHealth } from './types';
import { cleanName, HealthAcc, type ItemState } from './storeHealthAcc';

/** Components a clean verify-only run must have checked to speak for the system (a file-level verify checks a few). */
export const SFC_FULL_SCAN_COMPONENTS = 100;

export type SrLine =
  | { kind: 'verifying' | 'repairing'; count: number }
  | { kind: 'verifyComplete' | 'repairComplete' | 'completed' | 'other' }
  | { kind: 'file'; name: string; state: ItemState };

const COUNT = /^(?:Verifying|Repairing) (\d{1,9})\b/;

/** A quoted or bare file name from `from` to the first `stop` (or the end). */
function nameAt(text: string, from: number, stops: string[]): string {
  let end = text.length;
  for (const s of stops) {
    const i = text.indexOf(s, from);
    if (i >= 0 && i < end) end = i;
  }
  return cleanName(text.slice(from, Math.min(end, from + 1000)));
}

/** Reads the text after `[SR] `. */
export function parseSrLine(t: string): SrLine {
  switch (t.charCodeAt(0)) {
    case 86: // V
      if (t.startsWith('Verify complete')) return { kind: 'verifyComplete' };
      if (t.startsWith('Verify and Repair Transaction completed')) return { kind: 'completed' };
      if (t.startsWith('Verifying ')) return { kind: 'verifying', count: +(COUNT.exec(t)?.[1] ?? 0) };
      break;
    case 82: // R
      if (t.startsWith('Repair complete')) return { kind: 'repairComplete' };
      if (t.startsWith('Repairing file ')) return { kind: 'file', name: nameAt(t, 15, [' from store', ' from ']), state: 'pending' };
      if (t.startsWith('Repairing corrupted file ')) return { kind: 'file', name: nameAt(t, 25, [' from store', ' from ']), state: 'pending' };
      if (t.startsWith('Repaired file ')) return { kind: 'file', name: nameAt(t, 14, [' by copying', ' from ']), state: 'repaired' };
      if (t.startsWith('Repairing ')) {
        const m = COUNT.exec(t);
        if (m) return { kind: 'repairing', count: +m[1] };
      }
      break;
    case 67: // C
      // The store's own copy is damaged: SFC has nothing to repair the file from.
      if (t.startsWith('Cannot repair member file ')) return { kind: 'file', name: nameAt(t, 26, [' of ']), state: 'unrepaired' };
      if (t.startsWith('Could not reproject corrupted file ')) return { kind: 'file', name: nameAt(t, 35, [';', ' source file']), state: 'unrepaired' };
      break;
  }
  return { kind: 'other' };
}

/** One SFC run being read. */
export class SfcRun {
  readonly acc: HealthAcc;
  verified = 0;
  repairCount?: number;
  /** `Repair complete` was logged (the repair pass ran to its end). */
  repairDone = false;
  /** `Verify and Repair Transaction completed`: the repairs were committed. */
  committed = false;

  constructor(startLine: number, startTime: number | undefined) {
    this.acc = new HealthAcc('sfc', 'scan', startLine, startTime);
  }

  /** True when the run has ended (nothing more belongs to it). */
  get ended(): boolean {
    return this.committed || (this.repairDone && this.repairCount === 0);
  }

  /** A `Verifying` batch after the repair pass belongs to the next run. */
  startsNext(sr: SrLine): boolean {
    return this.ended || (sr.kind === 'verifying' && this.repairCount !== undefined);
  }

  apply(sr: SrLine, line: number): void {
    const a = this.acc;
    a.last = Math.max(a.last, line);
    switch (sr.kind) {
      case 'verifying':
        this.verified += sr.count;
        break;
      case 'repairing':
        this.repairCount = sr.count;
        a.operation = 'repair';
        a.line(line, true);
        break;
      case 'repairComplete':
        this.repairDone = true;
        a.at = line;
        a.line(line, true);
        break;
      case 'completed':
        this.committed = true;
        a.at = line;
        a.line(line, true);
        break;
      case 'file':
        a.items.note(sr.name, sr.state);
        a.line(line);
        break;
    }
  }

  /** The verdict, or undefined for a run that says nothing about the system (a few components verified, nothing found). */
  result(file: number): StoreHealth | undefined {
    const a = this.acc;
    const done = this.ended;
    if (this.committed) a.items.settlePending();
    const c = a.items.counts();
    const n = a.items.size;
    if (n === 0 && !done && this.verified < SFC_FULL_SCAN_COMPONENTS) return undefined;
    a.detected = n;
    a.found = n > 0;
    if (n > 0) {
      a.repairedCount = c.repaired;
      if (c.unrepaired > 0) a.repaired = false;
      else if (c.pending === 0 && a.operation === 'repair') a.repaired = true;
    }
    return a.build(file);
  }
}
