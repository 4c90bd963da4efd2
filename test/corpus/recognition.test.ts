// Runs every file of ../shared/corpus through the readers: no exception, the right format per
// folder, and >= 99.5% of non-blank lines of every readable text file recognised as records or
// continuation lines. Prints a table of the worst files. Skips when the corpus is absent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFile, readText } from '../../src/core/readers';
import type { FileInfo, LogFormat } from '../../src/core/model/types';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
const MIN_RECOGNISED = 0.995;

/** Folder -> the format every file in it must come out as. */
const EXPECTED: Record<string, LogFormat> = {
  wu10: 'wu10',
  wu7: 'wu7',
  cbs: 'cbs',
  dism: 'dism',
  panther: 'setup',
  reporting: 'reporting',
  other: 'etl',
  etl: 'etl',
  // ConfigMgr CMTrace logs: not supported, must not be misread.
  sccm: 'unknown',
};

interface Row {
  file: string;
  info: FileInfo;
  records: number;
  share: number;
}

function share(info: FileInfo): number {
  const nonBlank = info.lines - info.blankLines;
  return nonBlank === 0 ? 1 : (info.recordLines + info.continuationLines) / nonBlank;
}

describe('corpus: recognition of every file in ../shared/corpus', function () {
  this.timeout(300_000);
  const present = fs.existsSync(CORPUS) && fs.statSync(CORPUS).isDirectory();
  if (!present) {
    it(`skipped: corpus folder not found at ${CORPUS}`, function () {
      this.skip();
    });
    return;
  }
  const folders = fs.readdirSync(CORPUS).filter((d) => fs.statSync(path.join(CORPUS, d)).isDirectory());
  const rows: Row[] = [];

  for (const folder of folders) {
    const files = fs.readdirSync(path.join(CORPUS, folder)).filter((f) => fs.statSync(path.join(CORPUS, folder, f)).isFile());
    for (const file of files) {
      const rel = `${folder}/${file}`;
      it(rel, async () => {
        const full = path.join(CORPUS, folder, file);
        let records = 0;
        let previousLine = -1;
        const info = await readFile(full, (r) => {
          records++;
          assert.ok(r.line > previousLine && r.endLine >= r.line, `${rel}: records in order`);
          previousLine = r.endLine;
        });
        const row = { file: rel, info, records, share: share(info) };
        rows.push(row);
        // The reference decoding beside an ETL file is WindowsUpdate.log-style text.
        const want = file.endsWith('.reference.txt') ? 'wu10' : EXPECTED[folder];
        if (want) assert.equal(info.format, want, `${rel}: format`);
        if (want === 'unknown' || want === 'etl') {
          assert.equal(records, 0, `${rel}: no records from an unsupported file`);
          assert.ok(info.unreadable, `${rel}: says why it is unreadable`);
          return;
        }
        if (info.unreadable) return;
        assert.ok(row.share >= MIN_RECOGNISED, `${rel}: ${(row.share * 100).toFixed(2)}% of non-blank lines recognised`);
        // The editor path (decoded text) reads the same file the same way.
        const bytes = fs.readFileSync(full);
        const utf16 = info.encoding === 'utf16le';
        const decoded = new TextDecoder(utf16 ? 'utf-16le' : 'utf-8').decode(bytes);
        const viaText = readText(decoded, file);
        assert.equal(viaText.records.length, records, `${rel}: text path record count`);
        assert.equal(viaText.info.format, info.format, `${rel}: text path format`);
        assert.equal(viaText.info.continuationLines, info.continuationLines, `${rel}: text path continuation lines`);
      });
    }
  }

  after(() => {
    const worst = rows.filter((r) => !r.info.unreadable).sort((a, b) => a.share - b.share).slice(0, 10);
    console.log('\n      worst recognition (records + continuation lines / non-blank lines):');
    console.log('      ' + ['file', 'format', 'encoding', 'lines', 'records', 'cont.', 'unrec.', '%'].join('\t'));
    for (const r of worst) {
      const i = r.info;
      console.log('      ' + [r.file, i.format, i.encoding, i.lines, i.recordLines, i.continuationLines, i.unrecognisedLines, (r.share * 100).toFixed(2)].join('\t'));
    }
    const unreadable = rows.filter((r) => r.info.unreadable);
    console.log(`      unreadable as intended (${unreadable.length}): ` + unreadable.map((r) => `${r.file} [${r.info.format}/${r.info.unreadable}]`).join(', '));
  });
});
