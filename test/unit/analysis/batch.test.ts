// The batches a reading thread hands to the analysing thread (batch.ts): what goes in comes out,
// in order, whatever numbers end a record.
import * as assert from 'node:assert/strict';
import { BatchWriter, replay, type BatchSink } from '../../../src/core/analysis/batch';
import { newHead } from '../../../src/core/readers/head';
import type { LogRecord } from '../../../src/core/model/types';

interface Seen {
  records: { line: number; endLine: number; built: boolean; light: boolean; text: string; cont?: string[]; dropped?: number; truncated?: boolean; timeEnd?: number }[];
  skips: [number, number][];
}

/** Replays a batch with a parser and a builder that say which one made each record. */
function read(w: BatchWriter): Seen {
  const seen: Seen = { records: [], skips: [] };
  const sink: BatchSink = {
    push: (_f, rec, light) => {
      const r = rec as LogRecord & { built: boolean; timeEnd?: number };
      seen.records.push({ line: r.line, endLine: r.endLine, built: r.built, light, text: r.message, cont: r.continuation, dropped: r.continuationDropped, truncated: r.truncated, timeEnd: r.timeEnd });
    },
    skip: (_f, line, time) => seen.skips.push([line, time]),
  };
  const make = (text: string, line: number, built: boolean, timeEnd?: number): LogRecord =>
    ({ line, endLine: line, message: text, built, timeEnd } as unknown as LogRecord);
  const batch = w.take();
  assert.ok(batch);
  replay(sink, 0, (text, line) => make(text, line, false), (text, line, h) => make(text, line, true, h.timeEnd), batch);
  return seen;
}

const head = (timeEnd: number): ReturnType<typeof newHead> => ({ ...newHead(), timeEnd });

describe('analysis: batches between the reading and the analysing thread', () => {
  it('a skipped line after a record whose last number equals the skip event code is an event of its own', () => {
    const w = new BatchWriter();
    // Without a header, a record's numbers end with dropped (2), truncated, flags.
    w.record({ line: 0, endLine: 4, text: 'a', continuation: ['c1', 'c2'], continuationDropped: 2 });
    w.skipped(5, 500);
    w.skipped(6, 600);
    // With a header, they end with its last fields: here the time's end is 2.
    w.built(7, { ...head(2), pid: 2, tid: 2 }, false);
    w.record({ line: 7, endLine: 7, text: 'b' });
    w.skipped(8, 800);
    const seen = read(w);
    assert.deepEqual(seen.records.map((r) => [r.line, r.endLine, r.dropped, r.cont, r.built, r.timeEnd]), [
      [0, 4, 2, ['c1', 'c2'], false, undefined],
      [7, 7, undefined, undefined, true, 2],
    ]);
    // A run of skipped lines is one event, the last line of the run.
    assert.deepEqual(seen.skips, [[6, 600], [8, 800]]);
  });

  it('a header goes only with the record line it was read from; light only with a header and no continuation', () => {
    const w = new BatchWriter();
    w.built(3, head(27), true);
    w.record({ line: 3, endLine: 3, text: 'light' });
    // Rebuilt from a skipped line: never built here, so parsed there (the header of line 3 is not its own).
    w.record({ line: 4, endLine: 5, text: 'unskipped', continuation: ['more'] });
    w.built(6, head(27), true);
    w.record({ line: 6, endLine: 7, text: 'continued', continuation: ['more'], truncated: true });
    const seen = read(w);
    assert.deepEqual(seen.records.map((r) => [r.text, r.built, r.light, r.truncated ?? false]), [
      ['light', true, true, false],
      ['unskipped', false, false, false],
      ['continued', true, false, true],
    ]);
    assert.deepEqual(seen.records[1].cont, ['more']);
  });

  it('each batch starts afresh: no skip merged into the previous batch, nothing when empty', () => {
    const w = new BatchWriter();
    assert.equal(w.take(), undefined);
    w.skipped(1, 100);
    assert.deepEqual(read(w).skips, [[1, 100]]);
    w.skipped(2, 200);
    w.record({ line: 3, endLine: 3, text: 'x' });
    const seen = read(w);
    assert.deepEqual(seen.skips, [[2, 200]]);
    assert.deepEqual(seen.records.map((r) => r.line), [3]);
  });
});
