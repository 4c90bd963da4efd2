// What the ETL decoder gives its callers: events in time order, and per file an account of
// everything it could not turn into text (and why).
import type { Instant, TimeZoneInfo } from './time';

/** Where an ETL file's bytes come from (a local file, a VS Code file system, memory). */
export interface EtlSource {
  /** File name (or path) as the user knows it. */
  readonly name: string;
  readonly size: number;
  /** Reads `length` bytes at `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>;
  close?(): Promise<void> | void;
}

export interface EtlEvent {
  time: Instant;
  pid: number;
  tid: number;
  /** ETW level: 1 critical, 2 error, 3 warning, 4 information, 5 verbose (0: always). */
  level: number;
  /** TraceLogging provider name (`WUTraceLogging`), else the provider GUID. */
  provider: string;
  /** Event name: the component Get-WindowsUpdateLog prints. */
  name: string;
  message: string;
  /** Index of the source file. */
  file: number;
}

/** A count of events of one kind that are not decoded, by provider. */
export type ProviderCounts = Record<string, number>;

export interface EtlFileReport {
  name: string;
  size: number;
  /** Why nothing at all could be read (not an ETL file, unreadable header). */
  fatal?: string;
  osVersion?: string;
  loggerName?: string;
  startTime?: Instant;
  endTime?: Instant;
  timeZone?: TimeZoneInfo;
  clock?: string;
  bufferSize: number;
  buffers: number;
  /** Buffers whose records stopped making sense partway (offset and reason of the first few). */
  corruptBuffers: { offset: number; reason: string }[];
  corruptBufferCount: number;
  /** The file ends inside a buffer. */
  truncated: boolean;
  /** The logger never finalised the header (file copied while the session was writing it). */
  headerNotFinalised: boolean;
  /** Events turned into lines. */
  decoded: number;
  /** TraceLogging events whose payload ran past the event's end (message kept as far as read). */
  incomplete: number;
  /** Events skipped: WPP messages (need the provider's TMF/PDB), manifest events (need the manifest), classic MOF events, kernel events. */
  wpp: ProviderCounts;
  manifest: ProviderCounts;
  classic: ProviderCounts;
  system: number;
  /** Events whose schema could not be read. */
  badSchema: number;
  /** Events whose timestamp lies far outside the session (a corrupt stamp): skipped. */
  badTime: number;
  /** Events lost by the logger (header) */
  eventsLost: number;
  buffersLost: number;
  /** TraceLogging providers decoded, with their event counts. */
  providers: ProviderCounts;
}
