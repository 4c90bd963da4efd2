import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogStream, readText } from '../../../src/core/readers';
import type { FileInfo, LogRecord } from '../../../src/core/model/types';
import { rng } from '../../support';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/logs');

function checkInvariants(info: FileInfo, records: LogRecord[], label: string): void {
  assert.equal(info.recordLines + info.continuationLines + info.unrecognisedLines + info.blankLines, info.lines, `${label}: every line counted once`);
  assert.equal(records.length, info.recordLines, `${label}: one record per record line`);
  let last = -1;
  for (const r of records) {
    assert.ok(r.line > last && r.endLine >= r.line && r.endLine < info.lines, `${label}: records in order and in range`);
    last = r.endLine;
    for (const c of [...r.codes, ...r.updateIds, ...r.kbs, ...r.cvs]) assert.ok(c.span.start >= 0 && c.span.end > c.span.start, `${label}: spans`);
  }
}

describe('readers: never throw, every line counted', () => {
  it('random bytes in random chunks', () => {
    const rand = rng(42);
    for (let round = 0; round < 30; round++) {
      const bytes = new Uint8Array(Math.floor(rand() * 20000));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
      const records: LogRecord[] = [];
      const s = new LogStream((r) => records.push(r));
      for (let i = 0; i < bytes.length; ) {
        const n = 1 + Math.floor(rand() * 5000);
        s.pushBytes(bytes.subarray(i, i + n));
        i += n;
      }
      checkInvariants(s.end(), records, `round ${round}`);
    }
  });

  it('fixture lines shuffled, cut and glued with random line ends', () => {
    const rand = rng(7);
    const pool = fs
      .readdirSync(FIXTURES)
      .filter((f) => !f.startsWith('reporting'))
      .flatMap((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8').split(/\r\n|\r|\n/));
    const ends = ['\n', '\r\n', '\r', ''];
    for (let round = 0; round < 40; round++) {
      let text = '';
      for (let i = 0; i < 200; i++) {
        let line = pool[Math.floor(rand() * pool.length)];
        if (rand() < 0.2) line = line.slice(0, Math.floor(rand() * line.length));
        text += line + ends[Math.floor(rand() * ends.length)];
      }
      const { info, records } = readText(text, rand() < 0.5 ? 'CBS.log' : undefined);
      checkInvariants(info, records, `round ${round}`);
    }
  });
});
