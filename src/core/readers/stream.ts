// LogStream: the one pipeline every caller uses. Bytes (file path) or text (editor path) go
// through the same detection, line splitter and line readers; records come out through a
// callback, so memory stays flat however large the file is.
import type { FileInfo, LogFormat, LogRecord, TextEncoding, UnreadableReason } from '../model/types';
import { DETECT_SAMPLE_BYTES, detectFormat } from '../format/detect';
import { sniffBytes } from '../text/encoding';
import { ChunkDecoder } from '../text/decode';
import { LineSplitter } from '../text/lines';
import { mojibakeRuns } from '../text/mojibake';
import { parseCbs } from './cbs';
import { parseReporting } from './reporting';
import { parseWu10 } from './wu10';
import { parseWu7 } from './wu7';

type LineParser = (line: string, lineNo: number) => LogRecord | undefined;

/** Continuation lines kept per record (the rest are counted in `continuationDropped`). */
export const MAX_CONTINUATION_LINES = 2000;
/** Characters of continuation text kept per record. */
export const MAX_CONTINUATION_CHARS = 1024 * 1024;
/** Lines with non-ASCII text looked at for mojibake before deciding. */
const MOJIBAKE_SAMPLE_LINES = 200;
/** Records looked at for mojibake at most (titles repeat; an all-ASCII file stops paying here). */
const MOJIBAKE_SAMPLE_RECORDS = 50_000;
const NON_ASCII = /[\u0080-\uffff]/;

/** The line reader of each readable format, and whether untimestamped lines continue a record. */
function readerFor(format: LogFormat): { parse: LineParser; continues: boolean } | undefined {
  switch (format) {
    case 'wu10':
      return { parse: parseWu10, continues: false };
    case 'wu7':
      return { parse: parseWu7, continues: false };
    case 'cbs':
    case 'dism':
    case 'setup':
      return { parse: parseCbs, continues: true };
    case 'reporting':
      return { parse: parseReporting, continues: false };
    default:
      return undefined;
  }
}

/** Spaces, tabs, a stray BOM, or NULs (the zero-filled tail a crash leaves in a log) only. */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
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

  constructor(
    private readonly onRecord: (record: LogRecord) => void,
    private readonly fileName?: string,
  ) {
    this.splitter = new LineSplitter((text, truncated) => this.onLine(text, truncated));
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
    if (reader) {
      this.parse = reader.parse;
      this.continues = reader.continues;
    }
    this.pushDecoded(text);
  }

  private pushDecoded(text: string): void {
    if (text.length) this.splitter.push(text);
  }

  private onLine(text: string, truncated: boolean): void {
    const lineNo = this.lineNo++;
    if (truncated) this.truncatedLines++;
    const rec = this.parse ? this.parse(text, lineNo) : undefined;
    if (rec) {
      if (truncated) rec.truncated = true;
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
      return;
    }
    if (isBlank(text)) {
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
