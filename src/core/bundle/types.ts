// What a bundle (a zip as customers send it, a folder, several files) held: the archives read,
// every entry that was not analysed and why, which machine and OS build the logs describe, the
// time span of each log, which expected logs are missing, and which log to ask for next.
// Plain data; lines 0-based like the rest of the analysis.
import type { LineRef } from '../analysis/types';

/**
 * Why an entry was not analysed. `notALog`: another kind of file; `encrypted`; `unsafeName`: an
 * absolute or `../` name (nothing is ever written to disk; such entries are not trusted either);
 * `bomb`: its expansion ratio or overlapping data says zip bomb; `tooLarge`: over the size cap;
 * `nestedTooDeep`: an archive inside a nested archive; `nestedTooLarge`: a nested archive over the
 * memory cap; `corrupt`: its data could not be read (bad CRC, truncated, size mismatch);
 * `unsupportedMethod`: a compression method we cannot inflate (deflate64, bzip2, LZMA, AES);
 * `cabNoTool` / `cabUntrusted` / `cabFailed`: a CAB archive (no reader, untrusted workspace,
 * the reader failed); `tooManyFiles`: over the number of logs analysed in one report;
 * `budget`: the bundle's total of uncompressed bytes was spent; `cancelled`.
 */
export type SkipReason =
  | 'notALog' | 'encrypted' | 'unsafeName' | 'bomb' | 'tooLarge' | 'nestedTooDeep' | 'nestedTooLarge' | 'corrupt'
  | 'unsupportedMethod' | 'cabNoTool' | 'cabUntrusted' | 'cabFailed' | 'tooManyFiles' | 'budget';

export interface SkippedEntry {
  /** Path inside the bundle (`bundle.zip!Logs/evt/System.evtx`), as stored (shown escaped). */
  name: string;
  reason: SkipReason;
  /** English detail from the reader (error message, sizes), for tools and the report's note. */
  detail?: string;
  /** Declared uncompressed size, when known. */
  size?: number;
}

/** A problem with an archive as a whole (the rest of the bundle is still analysed). */
export interface ArchiveProblem {
  /** `corruptDirectory`: the central directory could not be read (entries before the damage were read);
   *  `notAnArchive`: no archive structure at all; `tooManyEntries`: listing stopped at the cap; `readError`. */
  kind: 'corruptDirectory' | 'notAnArchive' | 'tooManyEntries' | 'readError';
  detail: string;
}

export interface ArchiveSource {
  /** Path of the archive (the outer file, or `outer.zip!inner.zip`). */
  path: string;
  kind: 'zip' | 'cab' | 'folder';
  /** Entries seen (files, not folders). */
  entries: number;
  /** Entries analysed as logs. */
  logs: number;
  problem?: ArchiveProblem;
}

/** What one log says about the machine it comes from. */
export interface MachineFact {
  kind: 'osBuild' | 'servicingStack' | 'wuClient' | 'oem' | 'model' | 'computerName';
  value: string;
  at: LineRef;
}

/** Kinds of logs a servicing bundle is expected to hold (or may hold), by name or content. */
export type LogKind =
  | 'wu' | 'wuEtl' | 'cbs' | 'cbsPersist' | 'dism' | 'reporting' | 'setupact' | 'setuperr' | 'setupapi'
  | 'deliveryOptimization' | 'eventLog' | 'setupDiag' | 'other';

export interface MissingLog {
  /** The log to ask for (a LogKind or `cbsWindow`: a CBS log covering a given time). */
  kind: LogKind | 'cbsWindow';
  /** Why it is needed: a stable key the report phrases in both languages. */
  reason: 'installNoCbs' | 'installCbsWindow' | 'downloadNoDo' | 'upgradeNoSetupapi' | 'upgradeNoSetupact' | 'cbsNoWu' | 'reportingNoWu'
    | 'dismNoCbs' | 'storeNoCbs' | 'expected';
  /** The failures this request is for (keys), empty for `expected`. */
  failures: string[];
  /** The time the requested log must cover (ms, wall clock of the logs), when known. */
  at?: number;
  atText?: string;
  /** For `installCbsWindow`: the spans the bundle's CBS logs do cover (at most 4, in time order). */
  covered?: { from: number; to: number }[];
}

export interface BundleInfo {
  /** Archives and folders read. */
  sources: ArchiveSource[];
  /** Entries not analysed (capped list; `skippedCount` counts all). */
  skipped: SkippedEntry[];
  skippedCount: number;
  /** Kind of every file the bundle held (analysed or not), by path (capped like `skipped`). */
  kinds: { path: string; kind: LogKind }[];
  /** What the logs say about the machine (first statement per kind and file). */
  machine: MachineFact[];
  /** Expected logs not in the bundle. */
  missingExpected: LogKind[];
  /** Logs to ask for next because a verdict's evidence lies in them. */
  missing: MissingLog[];
  /** The OS builds stated differ: the logs may come from more than one machine. */
  severalMachines?: boolean;
}
