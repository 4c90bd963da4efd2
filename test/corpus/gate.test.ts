// The gate (lines that cannot matter get no record) changes nothing in the analysis of any real
// log of ../shared/corpus: each is analysed with and without it, whole and in small chunks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SHARED } from '../support';
import { analysisJson, firstDifference } from '../unit/analysis/gateCheck';

const CORPUS = path.join(SHARED, 'corpus');

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(p) : /\.(md|etl)$/i.test(e.name) ? [] : [p];
  });
}

describe('corpus: the gate changes no analysis', function () {
  this.timeout(300000);
  before(function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`    (skipped: corpus not found at ${CORPUS})`);
      this.skip();
    }
  });

  it('every text log, read whole and in chunks of 4093 bytes', () => {
    for (const file of allFiles(CORPUS)) {
      const bytes = fs.readFileSync(file);
      const name = path.basename(file);
      const all = analysisJson(bytes, name, false);
      for (const chunk of [bytes.length, 4093]) {
        const gated = analysisJson(bytes, name, true, chunk);
        assert.ok(gated === all, `${path.relative(CORPUS, file)} (chunks of ${chunk}): ${firstDifference(gated, all)}`);
      }
    }
  });
});
