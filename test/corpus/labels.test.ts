// The judgement against truth: every corpus log with labelled expectations (read by hand, see
// expectations/README.md) is analysed alone, and recall and precision are printed per log family.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../../src/core/analysis/files';
import { PROJECT_ROOT, SHARED } from '../support';
import { scoreFile } from './labelScore';
import type { FileLabels, FileScore } from './labelScore';

const CORPUS = path.join(SHARED, 'corpus');
const DIR = path.join(PROJECT_ROOT, 'test/corpus/expectations');
const MIN_RECALL = 0.95;
const MIN_PRECISION = 0.9;
const MIN_PHASE = 0.9;

function loadLabels(): Map<string, FileLabels> {
  const out = new Map<string, FileLabels>();
  for (const name of fs.readdirSync(DIR).filter((n) => n.endsWith('.json')).sort()) {
    const data = JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Record<string, FileLabels>;
    for (const [file, labels] of Object.entries(data)) out.set(file, labels);
  }
  return out;
}

const pct = (a: number, b: number): string => (b === 0 ? '  -   ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

describe('corpus: judgement against the labelled expectations', function () {
  this.timeout(300000);
  const scores: FileScore[] = [];

  before(async function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`    (skipped: corpus not found at ${CORPUS})`);
      this.skip();
    }
    for (const [file, labels] of loadLabels()) {
      const p = path.join(CORPUS, file);
      if (!fs.existsSync(p)) continue;
      scores.push(scoreFile(file, labels, await analyzeFiles([p])));
    }
  });

  it('labels every corpus log of our formats', () => {
    const labelled = new Set(loadLabels().keys());
    const logs = fs.readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'sccm' && d.name !== 'other')
      .flatMap((d) => fs.readdirSync(path.join(CORPUS, d.name)).filter((n) => n.endsWith('.log')).map((n) => `${d.name}/${n}`));
    assert.deepEqual(logs.filter((l) => !labelled.has(l)), []);
  });

  it(`finds at least ${MIN_RECALL * 100}% of the deciding failures with at least ${MIN_PRECISION * 100}% precision, per family`, () => {
    const families = new Map<string, FileScore[]>();
    for (const s of scores) families.set(s.file.split('/')[0], (families.get(s.file.split('/')[0]) ?? []).concat(s));
    const rows: string[] = [];
    const low: string[] = [];
    let te = 0; let tm = 0; let tr = 0; let tp = 0; let tRec = 0; let tRecOk = 0;
    for (const [fam, list] of [...families].sort()) {
      const exp = list.reduce((n, s) => n + s.expected, 0);
      const matched = list.reduce((n, s) => n + s.matched.length, 0);
      const reported = list.reduce((n, s) => n + s.matched.length + s.extra.length, 0);
      const phaseOk = list.reduce((n, s) => n + s.matched.filter((m) => m.got.phase === m.exp.phase).length, 0);
      const withRec = list.flatMap((s) => s.matched.filter((m) => m.exp.recovered !== undefined));
      const recOk = withRec.filter((m) => (m.got.recovered != null) === m.exp.recovered).length;
      te += exp; tm += matched; tr += reported; tp += phaseOk; tRec += withRec.length; tRecOk += recOk;
      rows.push(`    ${fam.padEnd(10)} files ${String(list.length).padStart(3)}  expected ${String(exp).padStart(3)}  reported ${String(reported).padStart(3)}  recall ${pct(matched, exp)}  precision ${pct(matched, reported)}  phase ${pct(phaseOk, matched)}  recovered ${pct(recOk, withRec.length)}`);
      if ((exp && matched / exp < MIN_RECALL) || (reported && matched / reported < MIN_PRECISION) || (matched && phaseOk / matched < MIN_PHASE)) low.push(fam);
    }
    rows.push(`    ${'all'.padEnd(10)} files ${String(scores.length).padStart(3)}  expected ${String(te).padStart(3)}  reported ${String(tr).padStart(3)}  recall ${pct(tm, te)}  precision ${pct(tm, tr)}  phase ${pct(tp, tm)}  recovered ${pct(tRecOk, tRec)}`);
    console.log(rows.join('\n'));
    const detail: string[] = [];
    for (const s of scores) {
      for (const e of s.missed) detail.push(`    missed ${s.file}:${e.lines[0]} ${e.code} ${e.phase} ${e.subject ?? ''}`);
      for (const f of s.extra) detail.push(`    extra  ${s.file}:${f.at.line + 1} 0x${f.code.toString(16).toUpperCase()} ${f.phase} ${f.updateId ?? f.subject ?? ''}`);
      for (const m of s.matched) if (m.got.phase !== m.exp.phase) detail.push(`    phase  ${s.file}:${m.got.at.line + 1} got ${m.got.phase}, expected ${m.exp.phase}`);
      for (const m of s.matched) {
        if (m.exp.recovered === undefined || (m.got.recovered != null) === m.exp.recovered) continue;
        detail.push(`    recov  ${s.file}:${m.got.at.line + 1} got ${m.got.recovered ? `recovered at ${m.got.recovered.line + 1}` : 'still failing'}, expected ${m.exp.recovered ? 'recovered' : 'still failing'}`);
      }
    }
    if (detail.length) console.log(detail.join('\n'));
    assert.deepEqual(low, [], `families below ${MIN_RECALL * 100}% recall, ${MIN_PRECISION * 100}% precision or ${MIN_PHASE * 100}% phase agreement`);
  });
});
