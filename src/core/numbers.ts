// A list of numbers in one Float64Array that doubles as it fills: no boxed numbers, one copy out.

export class NumberBuffer {
  private buf: Float64Array;
  length = 0;

  constructor(size = 1024) {
    this.buf = new Float64Array(size);
  }

  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }

  set(i: number, v: number): void {
    this.buf[i] = v;
  }

  /** The numbers pushed, as a view of the buffer (valid until the next push). */
  values(): Float64Array {
    return this.buf.subarray(0, this.length);
  }

  /** A copy of the numbers pushed, and the list emptied (its buffer is kept). */
  take(): Float64Array {
    const out = this.buf.slice(0, this.length);
    this.length = 0;
    return out;
  }
}
