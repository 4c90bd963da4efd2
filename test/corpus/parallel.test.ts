// Reading a file in a worker thread (parallel.ts) gives the same analysis as reading it on the
// analysing thread: every corpus file, each family folder and the whole corpus, both ways.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../../src/core/analysis/files';
import { SHARED } from '../support';
import { firstDifference } from '../unit/analysis/gateCheck';

const CORPUS = path.join(SHARED, 'corpus');

describe('corpus: a file read in a worker thread is analysed the same', function () {
  this.timeout(300000);
  before(function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`    (skipped: corpus not found at ${CORPUS})`);
      this.skip();
    }
  });

  it('every file, every folder, the whole corpus', async () => {
    const inputs = fs.readdirSync(CORPUS, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(CORPUS, e.name);
      return e.isDirectory() ? [p, ...fs.readdirSync(p).map((n) => path.join(p, n))] : [];
    }).concat([CORPUS]);
    for (const input of inputs) {
      const one = JSON.stringify(await analyzeFiles([input], { parallel: 'never' }));
      const two = JSON.stringify(await analyzeFiles([input], { parallel: 'always', parallelMinBytes: 0 }));
      assert.ok(two === one, `${path.relative(CORPUS, input) || 'corpus'}: ${firstDifference(two, one)}`);
    }
  });
});
