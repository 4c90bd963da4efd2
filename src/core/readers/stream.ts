// LogStream: the one pipeline every caller uses. Bytes (file path) or text (editor path) go
// through the same detection, line splitter and line readers; records come out through a
// callback, so memory stays flat however large the file is. A consumer may put a gate before
// record building (see head.ts): then a line's header is read in place first, and a record line
// the gate does not want is only counted.
import type { FileInfo, LogFormat, LogRecord, TextEncoding, UnreadableReason } from '../model/types';
import { DETECT_SAMPLE_BYTES, detectFormat } from '../format/detect';
import { sniffBytes } from '../text/encoding';
import { ChunkDecoder } from '../text/decode';
import { LineSplitter } from '../text/lines';
import { mojibakeRuns } from '../text/mojibake';
import { cbsHead, cbsRecord, parseCbs } from './cbs';
import { newHead, type HeadReader, type LineGate, type LineHead } from './head';
import { parseReporting } from './reporting';
import { parseWu10, wu10Head, wu10Record } from './wu10';
import { parseWu7, wu7Head, wu7Record } from './wu7';

export type LineParser = (line: string, lineNo: number) => LogRecord | undefined;
/** Builds the record of a line whose header was read (positions from the line's start). */
export type RecordBuilder = (line: string, lineNo: number, h: LineHead) => LogRecord;

/** Continuation lines kept per record (the rest are counted in `continuationDropped`). */
export const MAX_CONTINUATION_LINES = 2000;
/** Characters of continuation text kept per record. */
export const MAX_CONTINUATION_CHARS = 1024 * 1024;
/** Lines with non-ASCII text looked at for mojibake before deciding. */
const MOJIBAKE_SAMPLE_LINES = 200;
/** Records looked at for mojibake at most (titles repeat; an all-ASCII file stops paying here). */
const MOJIBAKE_SAMPLE_RECORDS = 50_000;
const NON_ASCII = /[\u0080-\uffff]/;

/** The gate a consumer puts before record building for a format, if any (called once the format is detected). */
export type GateFactory = (format: LogFormat) => LineGate | undefined;

/**
 * The line reader of each readable format, whether untimestamped lines continue a record, and
 * the header reader a gate needs (the parser's own record-line test).
 */
function readerFor(format: LogFormat): { parse: LineParser; continues: boolean; head?: HeadReader; build?: RecordBuilder } | undefined {
  switch (format) {
    case 'wu10':
      return { parse: parseWu10, continues: false, head: wu10Head, build: wu10Record };
    case 'wu7':
      return { parse: parseWu7, continues: false, head: wu7Head, build: wu7Record };
    case 'cbs':
    case 'dism':
    case 'setup':
      return { parse: parseCbs, continues: true, head: cbsHead, build: cbsRecord };
    case 'reporting':
      return { parse: parseReporting, continues: false };
    default:
      return undefined;
  }
}

/** The line parser of a format (what a LogStream reading it uses), if it is readable. */
export function parserFor(format: LogFormat): LineParser | undefined {
  return readerFor(format)?.parse;
}

/** The record builder of a format whose record lines have a header reader (what a LogStream with a gate uses). */
export function builderFor(format: LogFormat): RecordBuilder | undefined {
  return readerFor(format)?.build;
}

/** Spaces, tabs, a stray BOM, or NULs (the zero-filled tail a crash leaves in a log) only. */
function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xfeff && c !== 0) return false;
  }
  return true;
}

export class LogStream {
  private mode: 'bytes' | 'text' | undefined;
  private pendingBytes: Uint8Array[] = [];
  private pendingByteCount = 0;
  private pendingText = '';
  private started = false;
  private ended = false;
  /** Binary input: no text is decoded at all. */
  private skipAll = false;

  private decoder: ChunkDecoder | undefined;
  private readonly splitter: LineSplitter;
  private parse: LineParser | undefined;
  private continues = false;
  private current: LogRecord | undefined;
  private currentContChars = 0;
  private head: HeadReader | undefined;
  private build: RecordBuilder | undefined;
  private gate: LineGate | undefined;
  private readonly lineHead = newHead();
  /**
   * The last record line, when the gate skipped it: a continuation line that follows makes it a
   * record after all (what a record is depends on its continuation lines too). Held as a range of
   * the text being split; `settle` copies it out before that text goes.
   */
  private skippedText: string | undefined;
  private skippedStart = 0;
  private skippedEnd = 0;
  private skippedLineNo = 0;

  private formatValue: LogFormat = 'unknown';
  private encoding: TextEncoding = 'utf8';
  private unreadable: UnreadableReason | undefined;
  private lineNo = 0;
  private recordLines = 0;
  private continuationLines = 0;
  private unrecognisedLines = 0;
  private blankLines = 0;
  private truncatedLines = 0;
  private mojibakeChecked = 0;
  private mojibakeYes = 0;
  private mojibakeNo = 0;

  /** `gateFor`: the consumer's gate for the detected format (none: every record line is built). */
  constructor(
    private readonly onRecord: (record: LogRecord) => void,
    private readonly fileName?: string,
    private readonly gateFor?: GateFactory,
  ) {
    this.splitter = new LineSplitter((text, start, end, truncated) => this.onLine(text, start, end, truncated));
  }

  /** The detected format (`unknown` until enough input was seen). */
  get format(): LogFormat {
    return this.formatValue;
  }

  /** Push the file's bytes, in order, in chunks of any size. */
  pushBytes(chunk: Uint8Array): void {
    this.setMode('bytes');
    if (this.skipAll || chunk.length === 0) return;
    if (this.started) {
      this.pushDecoded(this.decoder ? this.decoder.push(chunk) : '');
      return;
    }
    // Copied: a caller may reuse its buffer for the next read before detection has run.
    this.pendingBytes.push(new Uint8Array(chunk));
    this.pendingByteCount += chunk.length;
    if (this.pendingByteCount >= DETECT_SAMPLE_BYTES) this.startFromBytes();
  }

  /** Push already decoded text (a document's content), in order, in chunks of any size. */
  pushText(text: string): void {
    this.setMode('text');
    if (text.length === 0) return;
    if (this.started) {
      this.pushDecoded(text);
      return;
    }
    this.pendingText += text;
    if (this.pendingText.length >= DETECT_SAMPLE_BYTES) this.startFromText();
  }

  /** Flushes the last line and record and says what the file was. */
  end(): FileInfo {
    if (!this.ended) {
      this.ended = true;
      if (!this.started) {
        if (this.mode === 'text') this.startFromText();
        else this.startFromBytes();
      }
      if (this.decoder) this.pushDecoded(this.decoder.end());
      this.splitter.end();
      this.flush();
    }
    return this.info();
  }

  private setMode(mode: 'bytes' | 'text'): void {
    if (this.ended) throw new Error('LogStream: push after end()');
    if (this.mode && this.mode !== mode) throw new Error('LogStream: do not mix pushBytes and pushText');
    this.mode = mode;
  }

  private startFromBytes(): void {
    this.started = true;
    const head = concat(this.pendingBytes, this.pendingByteCount);
    this.pendingBytes = [];
    if (head.length === 0) {
      this.unreadable = 'empty';
      return;
    }
    const sniff = sniffBytes(head, this.fileName);
    this.encoding = sniff.encoding;
    if (sniff.etl || sniff.encoding === 'binary') {
      this.formatValue = sniff.etl ? 'etl' : 'unknown';
      this.unreadable = sniff.etl ? 'etl' : 'binary';
      this.skipAll = true;
      return;
    }
    this.decoder = new ChunkDecoder(sniff);
    this.begin(this.decoder.push(head));
  }

  private startFromText(): void {
    this.started = true;
    let text = this.pendingText;
    this.pendingText = '';
    if (text.charCodeAt(0) === 0xfeff) {
      this.encoding = 'utf8bom';
      text = text.slice(1);
    }
    this.begin(text);
  }

  private begin(text: string): void {
    this.formatValue = detectFormat(text.slice(0, DETECT_SAMPLE_BYTES), this.fileName);
    const reader = readerFor(this.formatValue);
    // The consumer hears the format once detected, whatever it is; its gate is used where a header reader exists.
    const gate = this.gateFor?.(this.formatValue);
    if (reader) {
      this.parse = reader.parse;
      this.continues = reader.continues;
      if (gate && reader.head) {
        this.gate = gate;
        this.head = reader.head;
        this.build = reader.build;
      }
    }
    this.pushDecoded(text);
  }

  private pushDecoded(text: string): void {
    if (text.length) {
      this.splitter.push(text);
      this.settle();
    }
  }

  /** A skipped line kept as a range of a chunk becomes its own string before the chunk goes. */
  private settle(): void {
    const t = this.skippedText;
    if (t !== undefined && (this.skippedStart !== 0 || this.skippedEnd !== t.length)) {
      this.skippedText = t.slice(this.skippedStart, this.skippedEnd);
      this.skippedStart = 0;
      this.skippedEnd = this.skippedText.length;
    }
  }

  private onLine(text: string, start: number, end: number, truncated: boolean): void {
    const head = this.head;
    if (head === undefined) {
      const line = start === 0 && end === text.length ? text : text.slice(start, end);
      const lineNo = this.lineNo++;
      const rec = this.parse ? this.parse(line, lineNo) : undefined;
      if (rec) this.record(rec, truncated);
      else this.other(line, lineNo, truncated);
      return;
    }
    const h = this.lineHead;
    if (head(text, start, end, h)) {
      // The record before goes to the consumer first: the gate judges on its state after it.
      this.flush();
      if (!truncated && !(this.gate as LineGate).wants(text, h, end)) {
        this.skip(text, start, end, h.msg);
        return;
      }
      const line = start === 0 && end === text.length ? text : text.slice(start, end);
      const lineNo = this.lineNo++;
      const rec = (this.build as RecordBuilder)(line, lineNo, shift(h, -start));
      this.gate?.built?.(lineNo, h, !truncated);
      this.record(rec, truncated);
      return;
    }
    if (this.skippedText !== undefined && !isBlank(text, start, end)) this.unskip();
    this.other(text.slice(start, end), this.lineNo++, truncated);
  }

  /** A record line the gate does not want: counted (and sampled for mojibake) like a record. */
  private skip(text: string, start: number, end: number, msg: number): void {
    const lineNo = this.lineNo++;
    this.recordLines++;
    if (this.mojibakeChecked < MOJIBAKE_SAMPLE_LINES && this.recordLines <= MOJIBAKE_SAMPLE_RECORDS && !this.decoder?.allAscii) this.checkMojibake(text.slice(msg, end));
    this.skippedText = this.continues ? text : undefined;
    this.skippedStart = start;
    this.skippedEnd = end;
    this.skippedLineNo = lineNo;
    (this.gate as LineGate).skipped(lineNo, this.lineHead, text);
  }

  /** The skipped record line gets continuation lines: it is read as a record after all. */
  private unskip(): void {
    const text = (this.skippedText as string).slice(this.skippedStart, this.skippedEnd);
    this.skippedText = undefined;
    const rec = (this.parse as LineParser)(text, this.skippedLineNo);
    if (rec) {
      this.current = rec;
      this.currentContChars = 0;
    }
  }

  private record(rec: LogRecord, truncated: boolean): void {
    this.skippedText = undefined;
    if (truncated) {
      this.truncatedLines++;
      rec.truncated = true;
    }
    this.recordLines++;
    this.flush();
    // An all-ASCII file (known from the decoder) has no text beyond ASCII to look at.
    if (this.mojibakeChecked < MOJIBAKE_SAMPLE_LINES && this.recordLines <= MOJIBAKE_SAMPLE_RECORDS && !this.decoder?.allAscii) this.checkMojibake(rec.message);
    if (this.continues) {
      this.current = rec;
      this.currentContChars = 0;
    } else {
      this.onRecord(rec);
    }
  }

  /** A line that is not a record line: blank, a continuation of the current record, or unrecognised. */
  private other(text: string, lineNo: number, truncated: boolean): void {
    if (truncated) this.truncatedLines++;
    if (isBlank(text, 0, text.length)) {
      this.blankLines++;
    } else if (this.current) {
      this.continuationLines++;
      const cur = this.current;
      cur.endLine = lineNo;
      if ((cur.continuation?.length ?? 0) < MAX_CONTINUATION_LINES && this.currentContChars + text.length <= MAX_CONTINUATION_CHARS) {
        (cur.continuation ??= []).push(text);
        this.currentContChars += text.length;
      } else {
        cur.continuationDropped = (cur.continuationDropped ?? 0) + 1;
      }
    } else {
      this.unrecognisedLines++;
    }
  }

  private checkMojibake(message: string): void {
    // Cheap gate: only text beyond ASCII can be mojibake.
    if (!NON_ASCII.test(message)) return;
    this.mojibakeChecked++;
    const r = mojibakeRuns(message);
    this.mojibakeYes += r.yes;
    this.mojibakeNo += r.no;
  }

  private flush(): void {
    if (this.current) {
      const rec = this.current;
      this.current = undefined;
      this.onRecord(rec);
    }
  }

  private info(): FileInfo {
    const info: FileInfo = {
      format: this.formatValue,
      encoding: this.encoding,
      lines: this.lineNo,
      recordLines: this.recordLines,
      continuationLines: this.continuationLines,
      unrecognisedLines: this.unrecognisedLines,
      blankLines: this.blankLines,
    };
    if (this.truncatedLines) info.truncatedLines = this.truncatedLines;
    let reason = this.unreadable;
    if (!reason) {
      if (this.lineNo === this.blankLines) reason = 'empty';
      else if (this.formatValue === 'undecoded') reason = 'undecoded';
      else if (this.formatValue === 'etl') reason = 'etl';
      else if (!this.parse) reason = 'unknownFormat';
    }
    if (reason) info.unreadable = reason;
    if (this.mojibakeYes >= 2 && this.mojibakeYes >= this.mojibakeNo) info.mojibake = true;
    return info;
  }
}

/** Moves the positions of a header by `by` (from a chunk's to its line's). */
function shift(h: LineHead, by: number): LineHead {
  if (by !== 0) {
    h.msg += by;
    h.compStart += by;
    h.compEnd += by;
    h.levelStart += by;
    h.levelEnd += by;
    h.timeStart += by;
    h.timeEnd += by;
  }
  return h;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}
