// Work on a large document without stalling the extension host: its text is read a slice of
// lines at a time, and a long computation runs in steps; after SLICE_MS of work the event loop
// runs before the next slice or step. Work per document version is started once (RunsByVersion).
import * as vscode from 'vscode';

/** The event loop gets control back once a slice has run this long. */
const SLICE_MS = 10;
/**
 * Lines read from the document at a time: a first slice small enough for code not yet compiled
 * (the first thousand lines took up to 70 ms), then as many as take about a third of SLICE_MS.
 */
const FIRST_SLICE_LINES = 100;
const MAX_SLICE_LINES = 4000;

/** Gives the event loop back every SLICE_MS; `pause()` resolves false once the work is no longer wanted. */
export class Slicer {
  private since = performance.now();

  constructor(private readonly current: () => boolean) {}

  async pause(): Promise<boolean> {
    if (performance.now() - this.since < SLICE_MS) return true;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
    return this.current();
  }

  /** Hands the document's text to `push` in slices of lines; false when abandoned. */
  async read(document: vscode.TextDocument, push: (text: string) => void): Promise<boolean> {
    const lines = document.lineCount;
    let size = FIRST_SLICE_LINES;
    for (let start = 0; start < lines;) {
      const end = Math.min(lines, start + size);
      // Up to the start of line `end` (its line break included); the last slice to the document's end.
      const to = end < lines ? new vscode.Position(end, 0) : document.lineAt(lines - 1).range.end;
      const t = performance.now();
      push(document.getText(new vscode.Range(new vscode.Position(start, 0), to)));
      const took = performance.now() - t;
      size = Math.max(FIRST_SLICE_LINES, Math.min(MAX_SLICE_LINES, 2 * size, Math.round((size * SLICE_MS) / 3 / Math.max(took, 0.1))));
      start = end;
      if (!(await this.pause())) return false;
    }
    return true;
  }

  /** Runs a generator of steps to its value; undefined when abandoned. */
  async run<T>(steps: Generator<unknown, T>): Promise<T | undefined> {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (!(await this.pause())) return undefined;
    }
  }
}

/** Work per document version under way: a second ask for the same version joins the first. */
export class RunsByVersion<T> {
  private readonly runs = new Map<string, { version: number; done: Promise<T> }>();

  /** The run for `document`'s current version, started with `start` when there is none. */
  join(document: vscode.TextDocument, start: (version: number) => Promise<T>): Promise<T> {
    const key = document.uri.toString();
    const version = document.version;
    const run = this.runs.get(key);
    if (run && run.version === version) return run.done;
    const done = start(version).finally(() => {
      if (this.runs.get(key)?.done === done) this.runs.delete(key);
    });
    this.runs.set(key, { version, done });
    return done;
  }

  /** The version whose run is under way for a document (a newer one makes older runs stop). */
  versionOf(uri: vscode.Uri): number | undefined {
    return this.runs.get(uri.toString())?.version;
  }

  forget(uri: vscode.Uri): void {
    this.runs.delete(uri.toString());
  }

  clear(): void {
    this.runs.clear();
  }
}
