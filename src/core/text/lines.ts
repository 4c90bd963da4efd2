// Splits decoded text, pushed in arbitrary chunks, into lines. CRLF, LF and lone CR all end a
// line, mixed in one file too; a CRLF split across two chunks counts once. Lines longer than
// the cap keep their head only, so one huge line cannot exhaust memory. A line is handed out as
// a range of the pushed text (no substring): most lines of a large log are only looked at.

/** Characters kept of one line; the rest is dropped (the line is still counted). */
export const MAX_LINE_CHARS = 64 * 1024;

/**
 * Receives each line as `text.slice(start, end)`, without its line end: `text` is the pushed
 * chunk or, for a line split across chunks or cut at the cap, a string of that line alone.
 * Past `end` comes a line end or the end of `text`. `truncated` says the line was longer than the cap.
 */
export type LineSink = (text: string, start: number, end: number, truncated: boolean) => void;

export class LineSplitter {
  /** Text of the current line so far (at most `max` characters). */
  private carry = '';
  private carryTruncated = false;
  private hasCarry = false;
  /** The previous chunk ended in CR: a LF at the start of the next one belongs to it. */
  private skipLf = false;
  private count = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly max = MAX_LINE_CHARS,
  ) {}

  /** Lines emitted so far. */
  get lines(): number {
    return this.count;
  }

  push(text: string): void {
    const n = text.length;
    if (n === 0) return;
    let pos = 0;
    if (this.skipLf) {
      this.skipLf = false;
      if (text.charCodeAt(0) === 10) pos = 1;
    }
    let nextLf = text.indexOf('\n', pos);
    let nextCr = text.indexOf('\r', pos);
    while (pos < n) {
      if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
      let eol: number;
      let next: number;
      if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
        eol = nextCr;
        if (eol + 1 < n) {
          next = text.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1;
        } else {
          next = eol + 1;
          this.skipLf = true;
        }
      } else if (nextLf !== -1) {
        eol = nextLf;
        next = eol + 1;
      } else {
        this.append(text, pos, n);
        return;
      }
      this.emit(text, pos, eol);
      pos = next;
    }
  }

  /** Flushes a last line that had no line end. */
  end(): void {
    if (this.hasCarry) this.emit('', 0, 0);
    this.skipLf = false;
  }

  private append(text: string, from: number, to: number): void {
    this.hasCarry = true;
    const room = this.max - this.carry.length;
    if (to - from > room) {
      this.carryTruncated = true;
      if (room > 0) this.carry += text.slice(from, from + room);
    } else {
      this.carry += text.slice(from, to);
    }
  }

  private emit(text: string, from: number, to: number): void {
    this.count++;
    if (this.hasCarry) {
      this.append(text, from, to);
      const line = this.carry;
      const truncated = this.carryTruncated;
      this.carry = '';
      this.carryTruncated = false;
      this.hasCarry = false;
      this.sink(line, 0, line.length, truncated);
    } else if (to - from > this.max) {
      const line = text.slice(from, from + this.max);
      this.sink(line, 0, line.length, true);
    } else {
      this.sink(text, from, to, false);
    }
  }
}
