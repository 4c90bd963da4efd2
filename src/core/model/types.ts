// The plain data that every surface (diagnostics, hover, tree, report, CLI) reads.
// Lines are 0-based everywhere in the core; the CLI/JSON adds 1 when printing.
// Columns are UTF-16 offsets into the decoded line text (what VS Code uses).

/** What a file is, decided from its content (and, as a hint only, its name). */
export type LogFormat =
  | 'wu10' // WindowsUpdate.log from Get-WindowsUpdateLog (Windows 10/11)
  | 'wu7' // legacy tab-separated WindowsUpdate.log (Windows 7/8.1)
  | 'cbs' // CBS.log, CbsPersist_*.log
  | 'dism' // DISM.log (DismApi / dism.exe)
  | 'setup' // Panther setupact.log / setuperr.log
  | 'reporting' // ReportingEvents.log (13 tab-separated fields)
  | 'etl' // binary ETL: not readable as text
  | 'undecoded' // Get-WindowsUpdateLog without symbols (1600/12/31 dates, "No Format Information found")
  | 'unknown';

export type TextEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'binary';

/** A column range inside one line: [start, end). */
export interface Span {
  start: number;
  end: number;
}

export type CodeForm =
  | 'hex' // 0x800F0988
  | 'bare' // 800F0988 (in [..], after resultMapped=, after "error")
  | 'decimal'; // -2145124322 or 2149842974

/** An error/result code written in a line. */
export interface CodeRef {
  /** Unsigned 32-bit value. */
  value: number;
  /** The text exactly as written. */
  text: string;
  form: CodeForm;
  span: Span;
  /** A symbolic name the log itself printed next to it (`[HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]`). */
  loggedName?: string;
  /** Key naming where it stood, when the reader knows (`resultMapped`, `resultUnMapped`, `exitCode`, `callError`, `hresult`, `returnCode`, `failedMarker`, `bracket`; also `result` (`Result = `), `error` (`error `, `error code `), `status`, `lastError` (`gle=`, `GLE = `), `reportedError` (the error field of a ReportingEvents / REPORT EVENT line)). */
  role?: string;
}

/** `{GUID}.revision` or a bare GUID. `id` is upper case, without braces. */
export interface UpdateIdRef {
  id: string;
  revision?: number;
  span: Span;
}

export interface KbRef {
  /** Digits only, e.g. "5016623". */
  kb: string;
  span: Span;
}

export interface CvRef {
  cv: string;
  span: Span;
}

export type Level = 'info' | 'warning' | 'error' | 'fatal' | 'verbose' | 'perf' | 'unknown';

/** One logical record: a timestamped line plus its untimestamped continuation lines. */
export interface LogRecord {
  /** First line (0-based). */
  line: number;
  /** Last line (0-based, inclusive); equals `line` when there are no continuation lines. */
  endLine: number;
  /** Timestamp text as logged. */
  timeText?: string;
  /** Milliseconds since 1970 of the logged wall-clock time, read as UTC (logs carry no zone). */
  time?: number;
  pid?: number;
  /** Thread id as a number (Windows 10 logs decimal, Windows 7 logs hex: already converted). */
  tid?: number;
  component?: string;
  level?: Level;
  /** The message of the first line (after the header fields). Continuation lines are in `continuation`. */
  message: string;
  /** Column of `message` in the first line. */
  messageColumn: number;
  /** Text of continuation lines, in order (absent when none). */
  continuation?: string[];
  /** Continuation lines not kept in `continuation` (over the per-record cap); `endLine` still covers them. */
  continuationDropped?: number;
  /** Setup logs: the message-id column (`0x0601c1`), when present. */
  messageId?: string;
  /** The first line was longer than the reader keeps (64 K characters): `message` holds its head only. */
  truncated?: boolean;
  /** Tokens found in the first line (spans on `line`). Read-only: an empty list may be a shared frozen array. */
  codes: CodeRef[];
  updateIds: UpdateIdRef[];
  kbs: KbRef[];
  cvs: CvRef[];
  /** ReportingEvents fields, when format is `reporting`. */
  reporting?: ReportingFields;
}

export interface ReportingFields {
  eventGuid: string;
  eventId: number;
  eventName: string;
  /** Update id of the event (no braces, upper case) and revision when given. */
  updateId?: string;
  /** Detection events (AGENT_DETECTION_*) name the update service in that field instead: its id (no braces, upper case). */
  serviceId?: string;
  revision?: number;
  result: 'success' | 'failure' | 'other';
  caller: string;
  category: string;
  cv?: string;
}

/** What a reader says about the file as a whole. */
export interface FileInfo {
  format: LogFormat;
  encoding: TextEncoding;
  /** Number of lines (after decoding). */
  lines: number;
  /** Lines that started a record. */
  recordLines: number;
  /** Lines joined to a record as continuation. */
  continuationLines: number;
  /** Lines that were neither (blank lines are not counted as unrecognised). */
  unrecognisedLines: number;
  blankLines: number;
  /** Lines longer than the reader keeps (64 K characters); they are still counted and parsed from their head. */
  truncatedLines?: number;
  /** A reason the file cannot be read as a log (etl, undecoded, binary), as a message key. */
  unreadable?: UnreadableReason;
  /** Mojibake (UTF-8 read as GBK/Shift-JIS and saved again) was detected. */
  mojibake?: boolean;
  /** The text was decoded from ETL files (line numbers point into the decoded text). */
  etl?: EtlDecodedInfo;
}

/** What an ETL decoding fed into the analysis. */
export interface EtlDecodedInfo {
  /** Names of the ETL files merged into the text. */
  files: string[];
  /** Events decoded into lines. */
  events: number;
  /** What could not be decoded and why, per file (English, as in the decoded text). */
  notes: string[];
}

export type UnreadableReason = 'etl' | 'undecoded' | 'binary' | 'empty' | 'unknownFormat';
