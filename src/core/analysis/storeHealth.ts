// Component-store and system-file health, one StoreHealth per check, from the records of one
// CBS.log or DISM.log (offline servicing writes CBS/CSI lines into DISM.log too):
//   DISM ScanHealth / RestoreHealth in CBS: `Client specifies manual store corruption detect or
//     repair`, `(p) CSI Payload Corrupt (w) (Fixed) component\file`, then a `Summary:` block
//     (`Operation: Detect and Repair`, `Total Detected Corruption: 9`, `Total Repaired Corruption: 9`),
//     one record per line or one record with the block as continuation lines;
//   SFC: CSI `[SR]` lines (storeHealthSfc.ts);
//   CSI `Attempting to mark store corrupt with category ...` outside a DISM check;
//   DISM.log: the verdict dism.exe prints (`No component store corruption detected`, `The
//     component store is repairable`, `The restore operation completed successfully` ...).
// Every record passes a few literal tests before any regex; state and results are capped.
import type { LogFormat, LogRecord } from '../model/types';
import type { StoreHealth } from './types';
import { head, hex, isError } from './patterns';
import { cleanName, HEALTH_LIMITS, HealthAcc } from './storeHealthAcc';
import { parseSrLine, SfcRun } from './storeHealthSfc';

/** A DISM check in CBS lines: from its start to the end of its summary. */
interface DismCheck {
  acc: HealthAcc;
  total?: number;
  repairedTotal?: number;
  /** CSI's own count (`Corruption detection complete. numCorruptions = 9`), when no summary comes. */
  csiCount?: number;
  result?: number;
}

/**
 * In a CBS.log the tracker acts only on lines with one of these words (gate.ts), and while a DISM
 * check is open also on lines with one of CHECK_WORDS. DISM.log is read whole.
 */
export const HEALTH_WORDS = [
  'TI: --- Initializing Trusted Installer', 'TiWorker: Client requests SFP repair object', 'Client specifies manual store corruption',
  'Checking System Update Readiness', 'Summary:', 'Exec: Session processing started', '(p)', '(f)',
  // CSI lines
  '[SR] ', 'Attempting to mark store corrupt', 'StoreCorruptionRepair transaction begun', 'Corruption detection complete',
];
export const CHECK_WORDS = ['Operation', 'Total ', 'Repair failed:', 'Exec: Processing complete'];

const HEALTH_VERB = /\/(ScanHealth|RestoreHealth|CheckHealth)\b/i;
const API_VERB = /Dism(Check|Restore)ImageHealth/;
const FIRST_INT = /(\d{1,9})/;

function operationOfVerb(verb: string): StoreHealth['operation'] {
  const v = verb.toLowerCase();
  return v.startsWith('restore') ? 'repair' : v.startsWith('scan') ? 'scan' : 'check';
}

export class StoreHealthTracker {
  private done: HealthAcc[] = [];
  /** Verdicts of ended SFC runs (a run never changes once it has ended). */
  private sfcDone: StoreHealth[] = [];
  private sfc?: SfcRun;
  private check?: DismCheck;
  /** The newest DISM check (open or closed): a DISM.log verdict of the same run completes it. */
  private lastCheck?: HealthAcc;
  private marks?: HealthAcc;
  /** DISM.log: the dism.exe run being read (its command's verb and first line) and its verdict. */
  private run?: { start: number; op?: StoreHealth['operation']; verdict?: HealthAcc };

  constructor(
    private readonly file: number,
    private readonly format: LogFormat,
  ) {}

  push(rec: LogRecord): void {
    try {
      const comp = rec.component ?? '';
      this.text(rec.message, rec.line, comp, rec.time);
      const cont = rec.continuation;
      if (!cont || comp !== 'CBS') return;
      // Line numbers of continuation lines are exact only when no blank line was skipped between them.
      const exact = rec.endLine - rec.line === cont.length + (rec.continuationDropped ?? 0);
      for (let i = 0; i < cont.length; i++) this.text(cont[i], exact ? rec.line + 1 + i : rec.line, comp, rec.time);
    } catch {
      // Odd input never stops the analysis; this record simply says nothing about health.
    }
  }

  finish(): StoreHealth[] {
    this.closeCheck();
    this.closeSfc();
    this.closeMarks();
    this.closeRun();
    const out = [...this.done.map((a) => a.build(this.file)), ...this.sfcDone];
    out.sort((a, b) => a.at.line - b.at.line);
    return out.slice(-HEALTH_LIMITS.checks);
  }

  private text(raw: string, line: number, comp: string, time: number | undefined): void {
    if (comp === 'CSI') return this.csi(raw, line, time);
    if (comp === 'DISM') {
      if (this.format === 'dism') this.dism(raw, line, time);
      return;
    }
    // SFC's and DISM's summary lines are indented with tabs.
    let p = 0;
    while (p < raw.length && (raw.charCodeAt(p) === 9 || raw.charCodeAt(p) === 32)) p++;
    const t = p ? raw.slice(p) : raw;
    if (t.length < 8) return;
    if (t.startsWith('TI: --- Initializing Trusted Installer')) {
      // A new TrustedInstaller process: whatever the previous one was checking is over.
      this.closeCheck();
      this.closeSfc();
      this.closeMarks();
      return;
    }
    if (t.startsWith('TiWorker: Client requests SFP repair object')) {
      this.closeSfc();
      this.sfc = new SfcRun(line, time);
      return;
    }
    if (t.startsWith('Client specifies manual store corruption') || t.startsWith('Checking System Update Readiness') || t.startsWith('Summary:')) {
      // One check logs its start, then `Checking System Update Readiness`, then `Summary:`.
      if (!this.check || (t.startsWith('Client') && this.check.acc.startLine !== line)) this.openCheck(line, time);
      if (t.startsWith('Summary:') && this.check) {
        this.check.acc.at = line;
        this.check.acc.line(line, true);
      }
      return;
    }
    if (t.startsWith('Exec: Session processing started') && !this.check && head(t).indexOf('Store Corruption') >= 0) {
      this.openCheck(line, time);
      return;
    }
    const c0 = t.charCodeAt(0);
    if (c0 === 40 /* ( */ && (t.startsWith('(p)') || t.startsWith('(f)'))) return this.corruptLine(t, line, time);
    const ch = this.check;
    if (!ch) return;
    if (c0 === 79 /* O */) {
      if (t.startsWith('Operation result:')) {
        const m = /0x([0-9A-Fa-f]{1,8})/.exec(head(t));
        if (m) ch.result = hex(m[1]);
        ch.acc.line(line, true);
      } else if (t.startsWith('Operation:')) {
        ch.acc.operation = /repair/i.test(head(t)) ? 'repair' : /detect/i.test(head(t)) ? 'scan' : 'check';
      }
    } else if (c0 === 84 /* T */) {
      if (t.startsWith('Total Detected Corruption:')) {
        ch.total = +(FIRST_INT.exec(t.slice(26))?.[1] ?? NaN);
        ch.acc.line(line, true);
      } else if (t.startsWith('Total Repaired Corruption:')) {
        ch.repairedTotal = +(FIRST_INT.exec(t.slice(26))?.[1] ?? NaN);
        ch.acc.line(line, true);
      } else if (t.startsWith('Total Operation Time:')) {
        this.closeCheck();
      }
    } else if (c0 === 82 /* R */ && t.startsWith('Repair failed:')) {
      ch.acc.line(line);
    } else if (c0 === 69 /* E */ && t.startsWith('Exec: Processing complete') && head(t).indexOf('Corruption') >= 0) {
      ch.acc.last = Math.max(ch.acc.last, line);
      this.closeCheck();
    }
  }

  /** CSI: `0000001e [SR] ...`, `00000032@2019/7/29:15:36:17.166 (F) Attempting to mark store corrupt ...`. */
  private csi(t: string, line: number, time: number | undefined): void {
    const sp = t.indexOf(' ');
    if (sp < 0 || sp > 40) return;
    const s = sp + 1;
    if (t.startsWith('[SR] ', s)) {
      const sr = parseSrLine(t.slice(s + 5));
      if (!this.sfc || this.sfc.startsNext(sr)) {
        if (sr.kind === 'other' || sr.kind === 'verifyComplete') return; // a stray tail line starts nothing
        this.closeSfc();
        this.sfc = new SfcRun(line, time);
      }
      this.sfc.apply(sr, line);
      if (this.sfc.ended) this.closeSfc();
      return;
    }
    if (t.startsWith('Attempting to mark store corrupt', s) || t.startsWith('(F) Attempting to mark store corrupt', s)) return this.mark(t, line, time);
    if (t.startsWith('StoreCorruptionRepair transaction begun', s)) {
      if (!this.check) this.openCheck(line, time);
      return;
    }
    if (this.check && t.startsWith('Corruption detection complete', s)) {
      const m = /numCorruptions = (\d{1,9})/.exec(head(t));
      if (m) this.check.csiCount = +m[1];
      this.check.acc.line(line, true);
    }
  }

  /** `(p)\tCSI Payload Corrupt\t(w)\t(Fixed)\tcomponent\file`: category, flags, the item last. */
  private corruptLine(t: string, line: number, time: number | undefined): void {
    if (!this.check) this.openCheck(line, time);
    const ch = this.check as DismCheck;
    const fields = head(t).slice(3).split(/\t| {2,}/).map((f) => f.trim()).filter((f) => f.length > 0);
    const flags = fields.filter((f) => /^\(\w{1,12}\)$/.test(f));
    const item = fields.slice(1).filter((f) => !flags.includes(f)).pop();
    ch.acc.found = true;
    ch.acc.line(line);
    if (item) ch.acc.items.note(cleanName(item), flags.includes('(Fixed)') ? 'repaired' : 'unrepaired');
  }

  private mark(t: string, line: number, time: number | undefined): void {
    if (this.check) {
      this.check.acc.found = true;
      this.check.acc.line(line);
      return;
    }
    const m = this.marks ?? (this.marks = new HealthAcc('cbs', 'check', line, time));
    m.found = true;
    m.at = line;
    m.line(line);
    // The category names what CSI found (`CorruptPayloadFile`, `MissingManifest` ...).
    const h = head(t);
    const k = h.indexOf('with category');
    const cat = k >= 0 ? cleanName(h.slice(k + 13).replace(/\[gle=.*$/, '')) : '';
    if (cat && cat.length <= 80) m.items.note(cat, 'unrepaired');
  }

  /** DISM.log: the run's command and the verdict dism.exe printed. */
  private dism(t: string, line: number, time: number | undefined): void {
    if (t.startsWith('DISM.EXE: ')) {
      if (t.startsWith('Executing command line:', 10)) {
        this.closeRun();
        const v = HEALTH_VERB.exec(head(t));
        this.run = { start: line, op: v ? operationOfVerb(v[1]) : undefined };
      } else if (t.indexOf('<----- ', 10) >= 0) {
        this.closeRun();
      }
      return;
    }
    const h = head(t);
    if (h.indexOf('ImageHealth') >= 0) {
      const v = API_VERB.exec(h);
      if (v && !this.run?.op) this.run = { start: line, op: v[1] === 'Restore' ? 'repair' : 'scan' };
      return;
    }
    let found: boolean | undefined;
    let repaired: boolean | undefined;
    let op: StoreHealth['operation'] | undefined;
    if (h.indexOf('No component store corruption detected') >= 0) found = false;
    else if (h.indexOf('The component store is repairable') >= 0) found = true;
    else if (h.indexOf('The component store cannot be repaired') >= 0 || h.indexOf('The component store is not repairable') >= 0) {
      found = true;
      repaired = false;
    } else if (h.indexOf('The restore operation completed successfully') >= 0) {
      op = 'repair';
      repaired = true;
    } else if (h.indexOf('Failed to restore the image health') >= 0) {
      op = 'repair';
      repaired = false;
    } else return;
    const run = this.run ?? (this.run = { start: line });
    // A CBS summary of the same run (offline servicing) already holds the counts: complete it.
    const last = this.lastCheck;
    const acc = last && last.startLine >= run.start ? last : (run.verdict ??= new HealthAcc('dism', run.op ?? op ?? 'check', run.start, time));
    if (op && acc.operation !== 'repair' && !run.op) acc.operation = op;
    if (found !== undefined && acc.found === undefined) acc.found = found;
    if (repaired !== undefined) acc.repaired = repaired;
    acc.at = line;
    acc.line(line, true);
  }

  private openCheck(line: number, time: number | undefined): void {
    this.closeCheck();
    this.closeMarks();
    const acc = new HealthAcc('dism', 'scan', line, time);
    this.check = { acc };
    this.lastCheck = acc;
  }

  private closeCheck(): void {
    const ch = this.check;
    if (!ch) return;
    this.check = undefined;
    const a = ch.acc;
    const c = a.items.counts();
    const total = Number.isFinite(ch.total) ? ch.total : ch.csiCount ?? (a.items.size || undefined);
    const fixed = Number.isFinite(ch.repairedTotal) ? ch.repairedTotal : a.items.size ? c.repaired : undefined;
    if (total === undefined && a.found === undefined && ch.result === undefined) {
      if (this.lastCheck === a) this.lastCheck = undefined;
      return; // started, said nothing (the log ends or another check begins)
    }
    if (ch.result !== undefined && isError(ch.result) && !total && !a.found) {
      // It stopped before counting anything: no verdict on the store, only that no repair happened.
      if (a.operation === 'repair') a.repaired = false;
    } else {
      a.detected = total;
      if (total !== undefined) a.found = total > 0 || a.found === true;
      if (a.operation === 'repair' && a.found) {
        a.repairedCount = fixed ?? 0;
        a.repaired = total !== undefined && (fixed ?? 0) >= total && c.unrepaired === 0;
      }
    }
    this.keep(a);
  }

  private closeSfc(): void {
    const h = this.sfc?.result(this.file);
    this.sfc = undefined;
    if (!h) return;
    this.sfcDone.push(h);
    if (this.sfcDone.length > HEALTH_LIMITS.checks) this.sfcDone.shift();
  }

  private closeMarks(): void {
    if (this.marks) this.keep(this.marks);
    this.marks = undefined;
  }

  private closeRun(): void {
    if (this.run?.verdict) this.keep(this.run.verdict);
    this.run = undefined;
  }

  private keep(a: HealthAcc): void {
    a.items.compact();
    this.done.push(a);
    if (this.done.length > HEALTH_LIMITS.checks) this.done.shift();
  }
}
