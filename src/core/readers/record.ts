// The record the line readers hand out: header fields read at once, token lists (codes, update
// ids, KBs, correlation vectors) and the timestamp text found on first use. Most records are
// looked at for a few words and dropped; finding every token of every line was a good part of
// the reading time. It keeps its line (already a slice of the decoded chunk) for that.
import type { CodeRef, CvRef, KbRef, Level, LogRecord, ReportingFields, UpdateIdRef } from '../model/types';
import { findCodes, findCvs, findKbs, findUpdateIds } from '../tokens';

export class LineRecord implements LogRecord {
  line: number;
  endLine: number;
  time: number;
  pid: number | undefined;
  tid: number | undefined;
  component: string;
  level: Level;
  message: string;
  messageColumn: number;
  declare messageId?: string;
  declare reporting?: ReportingFields;
  declare truncated?: boolean;
  declare continuation?: string[];
  declare continuationDropped?: number;

  readonly #text: string;
  readonly #timeStart: number;
  readonly #timeEnd: number;
  /** WindowsUpdate.log: PID and TID are header fields (JSON order); CBS-family: DISM's, after the tokens. */
  readonly #pidInHeader: boolean;
  #codes: CodeRef[] | undefined;
  #updateIds: UpdateIdRef[] | undefined;
  #kbs: KbRef[] | undefined;
  #cvs: CvRef[] | undefined;

  /** `text`: the whole line; the timestamp is text[timeStart, timeEnd), the message starts at `messageColumn`. */
  constructor(text: string, lineNo: number, timeStart: number, timeEnd: number, time: number, component: string, level: Level, messageColumn: number, pid?: number, tid?: number) {
    this.line = lineNo;
    this.endLine = lineNo;
    this.time = time;
    this.#pidInHeader = pid !== undefined;
    // Always set (CBS-family records get DISM's later): one object shape for every record.
    this.pid = pid;
    this.tid = tid;
    this.component = component;
    this.level = level;
    this.message = text.slice(messageColumn);
    this.messageColumn = messageColumn;
    this.#text = text;
    this.#timeStart = timeStart;
    this.#timeEnd = timeEnd;
  }

  /** The first line, whole (a record read elsewhere is rebuilt from it: scanWorker.ts). */
  get text(): string {
    return this.#text;
  }

  get timeText(): string {
    return this.#text.slice(this.#timeStart, this.#timeEnd);
  }

  get codes(): CodeRef[] {
    return (this.#codes ??= findCodes(this.#text, this.messageColumn));
  }

  get updateIds(): UpdateIdRef[] {
    return (this.#updateIds ??= findUpdateIds(this.#text, this.messageColumn));
  }

  get kbs(): KbRef[] {
    return (this.#kbs ??= findKbs(this.#text, this.messageColumn));
  }

  get cvs(): CvRef[] {
    return (this.#cvs ??= findCvs(this.#text, this.messageColumn));
  }

  /** The record as the plain object readers used to build (same fields, same order). */
  toJSON(): LogRecord {
    const pidFirst = this.#pidInHeader;
    return {
      line: this.line, endLine: this.endLine, timeText: this.timeText, time: this.time,
      ...(pidFirst ? { pid: this.pid, tid: this.tid } : {}),
      component: this.component, level: this.level, message: this.message, messageColumn: this.messageColumn,
      codes: this.codes, updateIds: this.updateIds, kbs: this.kbs, cvs: this.cvs,
      ...(pidFirst ? {} : { messageId: this.messageId, pid: this.pid, tid: this.tid }),
      reporting: this.reporting, truncated: this.truncated, continuation: this.continuation, continuationDropped: this.continuationDropped,
    };
  }
}
