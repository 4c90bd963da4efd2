// The incremental analyzer: one pass over the records of one or more files (pushed as a reader
// emits them). Each log family has its own module over the shared model (context.ts):
//
//   every record       → wu/updates.ts  mentions   (update ids, titles, KBs, bundles)
//   WindowsUpdate.log  → wu/record.ts   calls, per-update results, handler proofs, error lines
//   CBS.log            → cbs.ts         sessions, failures, commit phase   + storeHealth.ts
//   DISM.log           → dism.ts        runs (+ cbs.ts for its CBS lines)  + storeHealth.ts
//   setup logs         → setup.ts       upgrade / setup results
//   ReportingEvents    → reporting.ts   update events
//
// `finish()` hands the candidates to finish/ (chains, dedup, links, verdicts, noise). Memory grows
// with the number of calls/updates/outcomes, not with lines: every list kept per line kind is capped.
// `gate()` gives the reader the test that spares records for lines that cannot matter (gate.ts).
import type { FileInfo, LogFormat, LogRecord } from '../model/types';
import type { LineGate } from '../readers/head';
import type { Analysis, AnalysedFile } from './types';
import { Context, newFileState } from './context';
import type { FileState } from './context';
import { attachCounts, closeCall } from './wu/calls';
import { mentions } from './wu/updates';
import { wuRecord } from './wu/record';
import { cbsRecord } from './cbs';
import { reportingRecord } from './reporting';
import { DismTracker } from './dism';
import { SetupTracker } from './setup';
import { StoreHealthTracker } from './storeHealth';
import { IdentityTracker, type SpanValue } from '../bundle/identity';
import { buildAnalysis, runSteps, type Steps } from './finish/index';
import { lineFilter, skippedLine } from './gate';

export class Analyzer {
  private readonly files: FileState[] = [];
  private readonly ctx = new Context();
  /** Per file: machine facts and time span (the bundle inventory). */
  private readonly ids: IdentityTracker[] = [];
  /** Per file, the line of the last record its gate built as light (-1: none). */
  private readonly lightLine: number[] = [];

  /** `gate: false` reads every line into a record (the gate's own test compares both ways). */
  constructor(private readonly options: { gate?: boolean } = {}) {}

  /** Registers a file; returns its index for `push`. */
  addFile(path: string, format: LogFormat): number {
    const index = this.files.length;
    this.files.push(newFileState(index, path, format));
    return index;
  }

  /** Sets the format once the reader has detected it (the file may be registered before). */
  setFormat(file: number, format: LogFormat): void {
    const f = this.files[file];
    if (f) f.format = format;
  }

  /** The gate for file `file` read as `format` (WindowsUpdate.log and CBS.log; other logs are read whole). */
  gate(file: number, format: LogFormat): LineGate | undefined {
    const f = this.files[file];
    if (!f) return undefined;
    f.format = format;
    const filter = this.options.gate === false ? undefined : lineFilter(format);
    if (!filter) return undefined;
    const id = this.identity(file);
    return {
      wants: (text, h, end) => filter.wants(text, h, end),
      skipped: (line, h, text) => {
        skippedLine(f, line, h.time);
        id.used = true;
        id.span.see(h.time, text, h.timeStart, h.timeEnd);
      },
      built: (line, _h, asked) => {
        this.lightLine[file] = asked && filter.light ? line : -1;
      },
    };
  }

  /**
   * A record line the filter skipped in another thread: what it still changes (the file's time
   * span comes whole from that thread: `setSpan`).
   */
  skip(file: number, line: number, time: number): void {
    const f = this.files[file];
    if (f) skippedLine(f, line, time);
  }

  /** The time span of file `file` over all its record lines, measured where they were read. */
  setSpan(file: number, span: SpanValue): void {
    if (!this.files[file] || span.firstTime === undefined) return;
    const id = this.identity(file);
    id.used = true;
    id.span.take(span);
  }

  private identity(file: number): IdentityTracker {
    return (this.ids[file] ??= new IdentityTracker(file));
  }

  /**
   * Analyses one record of file `file`. `light`: the gate found that only the update ids it names
   * matter (LineFilter `light`; the gate of this thread says so itself).
   */
  push(file: number, rec: LogRecord, light = false): void {
    const f = this.files[file];
    if (!f) return;
    f.lastLine = rec.endLine;
    const ctx = this.ctx;
    try {
      this.identity(file).push(rec);
      mentions(ctx, f, rec);
      if ((light || this.lightLine[file] === rec.line) && !rec.continuation) return;
      switch (f.format) {
        case 'wu10':
        case 'wu7':
          wuRecord(ctx, f, rec);
          break;
        case 'cbs':
          cbsRecord(ctx, f, rec);
          (f.health ??= new StoreHealthTracker(f.index, f.format)).push(rec);
          break;
        case 'dism':
          (f.dism ??= new DismTracker(f.index)).push(rec);
          (f.health ??= new StoreHealthTracker(f.index, f.format)).push(rec);
          if (isCbsLine(rec)) cbsRecord(ctx, f, rec);
          break;
        case 'setup':
          if (isCbsLine(rec)) cbsRecord(ctx, f, rec);
          else (f.setup ??= new SetupTracker(f.index)).push(rec);
          break;
        case 'reporting':
          reportingRecord(ctx, f, rec);
          break;
        default:
          break;
      }
    } catch {
      // One odd record must never stop the analysis of a whole bundle.
    }
  }

  /** Closes the analysis. `infos[i]` describes file i (from the reader); paths come from addFile. */
  finish(infos: (FileInfo | undefined)[]): Analysis {
    return runSteps(this.finishSteps(infos));
  }

  /** `finish` in steps of a few milliseconds (finish/index.ts `Steps`), for a caller that must not block long. */
  *finishSteps(infos: (FileInfo | undefined)[]): Steps<Analysis> {
    const files: AnalysedFile[] = this.files.map((f, i) => {
      const info = infos[i];
      return {
        path: f.path,
        format: info?.format ?? f.format,
        encoding: info?.encoding ?? 'utf8',
        lines: info?.lines ?? f.lastLine + 1,
        recordLines: info?.recordLines ?? 0,
        continuationLines: info?.continuationLines ?? 0,
        unrecognisedLines: info?.unrecognisedLines ?? 0,
        blankLines: info?.blankLines ?? 0,
        unreadable: info?.unreadable,
        mojibake: info?.mojibake,
        ...(info?.etl ? { etl: info.etl } : {}),
        ...(this.ids[i]?.used ? { identity: this.ids[i].id } : {}),
      };
    });
    const extras: Parameters<typeof buildAnalysis>[2] = { dismRuns: [], storeHealth: [] };
    for (const f of this.files) {
      for (const p of f.pendingCounts.values()) attachCounts(f, p.rec, p.op, p.counts);
      f.pendingCounts.clear();
      for (const c of f.open.slice()) closeCall(this.ctx, f, c, undefined);
      f.open = [];
      const dism = f.dism?.finish();
      const setup = f.setup?.finish();
      for (const c of (dism?.candidates ?? []).concat(setup?.candidates ?? [])) this.ctx.addCandidate(c, f, undefined, c.texts);
      extras.dismRuns.push(...(dism?.runs ?? []));
      extras.storeHealth.push(...(f.health?.finish() ?? []));
    }
    return yield* buildAnalysis(this.ctx.st, files, extras);
  }
}

/** DISM and setup logs carry CBS lines of their own sessions. */
function isCbsLine(rec: LogRecord): boolean {
  return !!rec.component && rec.component.toUpperCase() === 'CBS';
}
