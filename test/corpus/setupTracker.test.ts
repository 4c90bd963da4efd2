// SetupTracker over every Panther log of ../shared/corpus (read at run time, never copied): it
// never throws, prints what each file yields, and agrees with the labels an engineer wrote by
// reading the logs (test/corpus/expectations/setup.json). Skips when the corpus is absent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFile } from '../../src/core/readers';
import { SetupTracker } from '../../src/core/analysis/setup';
import type { Candidate } from '../../src/core/analysis/state';
import { formatCode } from '../../src/core/errors';
import { PROJECT_ROOT, SHARED } from '../support';

const PANTHER = path.join(SHARED, 'corpus', 'panther');

interface Label {
  lines: number[];
  range?: [number, number];
  code: string;
  alsoCodes?: string[];
  extended?: string;
  phase: string;
}
type Labels = Record<string, { failures: Label[]; lowConfidence?: Label[] }>;

async function track(file: string): Promise<Candidate[]> {
  const t = new SetupTracker(0);
  await readFile(file, (r) => t.push(r));
  return t.finish().candidates;
}

function describeCandidate(c: Candidate): string {
  const x = c.extended ? ` ext ${formatCode(c.extended.code).replace(/^0x0+/, '0x')} ${c.extended.phaseName}/${c.extended.operationName ?? c.extended.operation}` : '';
  return `line ${c.line + 1} ${formatCode(c.code)}${x} ${c.phase} ${c.confidence ?? 'high'} "${c.subject}" cause ${c.cause ? `${c.cause.at.line + 1} ${c.cause.kind}` : '-'}`;
}

/** Does the candidate state the labelled incident: a right line, a right code, the right phase? */
function matches(c: Candidate, l: Label): boolean {
  const at = c.line + 1;
  const onLine = l.lines.includes(at) || (l.range !== undefined && at >= l.range[0] && at <= l.range[1]);
  const codes = [l.code, ...(l.alsoCodes ?? [])].map((s) => parseInt(s, 16) >>> 0);
  const ext = l.extended === undefined || c.extended?.code === parseInt(l.extended, 16);
  return onLine && codes.includes(c.code) && c.phase === l.phase && ext;
}

describe('corpus: SetupTracker on the Panther logs', function () {
  this.timeout(120000);
  before(function () {
    if (!fs.existsSync(PANTHER)) {
      console.log(`    (skipped: ${PANTHER} is absent)`);
      this.skip();
    }
  });

  it('never throws, yields only setup results, and finds what the labels say', async () => {
    const labels = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'test/corpus/expectations/setup.json'), 'utf8')) as Labels;
    const files = fs.readdirSync(PANTHER).filter((n) => n.endsWith('.log')).sort();
    assert.ok(files.length >= 15, `${files.length} panther files`);
    const problems: string[] = [];
    for (const name of files) {
      const got = await track(path.join(PANTHER, name));
      console.log(`      ${name}: ${got.length ? got.map(describeCandidate).join('; ') : 'no result'}`);
      for (const c of got) {
        assert.equal(c.outcomeKind, 'setupResult');
        assert.equal(c.callLevel, false);
        assert.ok(c.evidence.some((e) => e.line === c.line), `${name}: the result line is evidence`);
        assert.ok(c.texts?.[`0:${c.line}`], `${name}: the result line has a text`);
      }
      const label = labels[`panther/${name}`];
      if (!label) continue;
      for (const [kind, want, have] of [
        ['failure', label.failures, got.filter((c) => c.confidence !== 'low')],
        ['low-confidence outcome', label.lowConfidence ?? [], got.filter((c) => c.confidence === 'low')],
      ] as const) {
        for (const l of want) if (!have.some((c) => matches(c, l))) problems.push(`${name}: missing ${kind} at ${l.lines.join('/')} ${l.code}`);
        for (const c of have) if (!want.some((l) => matches(c, l))) problems.push(`${name}: unexpected ${kind}: ${describeCandidate(c)}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
