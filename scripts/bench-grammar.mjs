// `npm run bench:grammar`: how fast our TextMate grammars tokenize real logs, next to VS Code's
// built-in log grammar on the same lines in the same run, then adversarial 100 KB lines.
// Numbers are printed, never asserted (timing belongs in benchmarks, not in tests).
//
//   node scripts/bench-grammar.mjs [--corpus DIR] [--adversarial-only]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRegistry, ourGrammars, INITIAL } from '../syntaxes/src/tokenize.mjs';
import { codeServerDir } from './vscode-offline/paths.mjs';
import { adversarialLines, SIZE } from '../syntaxes/src/adversarial.mjs';
import { LONG_LINE } from '../syntaxes/src/grammars.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const corpusArg = args.indexOf('--corpus');
const corpusDir = corpusArg >= 0 ? resolve(args[corpusArg + 1]) : resolve(root, '..', 'shared', 'corpus');
const adversarialOnly = args.includes('--adversarial-only');

const builtinPath = join(codeServerDir(), 'lib', 'vscode', 'extensions', 'log', 'syntaxes', 'log.tmLanguage.json');
const hasBuiltin = existsSync(builtinPath);
const registry = await createRegistry({ ...ourGrammars, ...(hasBuiltin ? { 'text.log': builtinPath } : {}) });
const ours = {
  wulog: await registry.loadGrammar('text.log.wulog'),
  cbslog: await registry.loadGrammar('text.log.cbslog'),
  wureport: await registry.loadGrammar('text.log.wureport'),
};
const builtin = hasBuiltin ? await registry.loadGrammar('text.log') : null;

/** Decodes a log file as VS Code would (BOM-aware), or returns null for binary data. */
function decode(buf) {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  if (buf.subarray(0, 4096).includes(0)) return null;
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Which of our grammars a file gets, from its first line (as the language detection would). */
function pickGrammar(firstLine) {
  if (/^\{[0-9A-Fa-f-]{36}\}\t/.test(firstLine)) return 'wureport';
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}, /.test(firstLine)) return 'cbslog';
  return 'wulog';
}

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (!name.endsWith('.md')) yield p;
  }
}

const REPEAT = 5;

/**
 * Best of REPEAT timings of one line: the machine is shared, so a single timing includes GC and
 * other load. A line that takes over half a second is timed once (noise no longer matters).
 */
function timeLine(grammar, line, stack) {
  let best = Infinity;
  for (let k = 0; k < REPEAT && (k === 0 || best < 500); k++) {
    const t0 = performance.now();
    grammar.tokenizeLine(line, stack);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * Tokenizes lines with one grammar, timing each line. The slowest line is the worst of the
 * ten slowest single timings, each re-timed as the best of REPEAT runs from the same rule stack.
 */
function run(grammar, lines) {
  // Warm-up, untimed: compiles the regexes of the rule states the first lines reach.
  let stack = INITIAL;
  for (let i = 0; i < Math.min(lines.length, 200); i++) stack = grammar.tokenizeLine(lines[i], stack).ruleStack;
  stack = INITIAL;
  let total = 0;
  const top = [];
  for (let i = 0; i < lines.length; i++) {
    const t0 = performance.now();
    const r = grammar.tokenizeLine(lines[i], stack);
    const ms = performance.now() - t0;
    total += ms;
    if (top.length < 10 || ms > top[top.length - 1].ms) {
      top.push({ ms, index: i, stack });
      top.sort((a, b) => b.ms - a.ms);
      if (top.length > 10) top.pop();
    }
    stack = r.ruleStack;
  }
  let slowest = { ms: -1, index: -1 };
  for (const c of top) {
    const ms = timeLine(grammar, lines[c.index], c.stack);
    if (ms > slowest.ms) slowest = { ms, index: c.index };
  }
  return { total, slowest };
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

if (!adversarialOnly) {
  if (!existsSync(corpusDir)) {
    console.log(`corpus: ${corpusDir} not found; skipping the corpus benchmark.`);
  } else {
    if (!hasBuiltin) console.log(`built-in log grammar: not found at ${builtinPath} (run npm run setup-vscode); comparing ours only.`);
    const sum = { lines: 0, bytes: 0, ours: 0, builtin: 0 };
    let worst = { ms: -1, where: '' };
    let worstBuiltin = { ms: -1, where: '' };
    console.log('file'.padEnd(58), 'grammar'.padEnd(9), 'lines'.padStart(7), 'ours l/s'.padStart(11), 'built-in l/s'.padStart(13));
    for (const file of walk(corpusDir)) {
      const rel = relative(corpusDir, file);
      const text = decode(readFileSync(file));
      if (text === null) {
        console.log(`${rel.padEnd(58)} skipped (binary)`);
        continue;
      }
      const lines = text.split(/\r\n|\r|\n/);
      if (lines.length && lines[lines.length - 1] === '') lines.pop();
      const lang = pickGrammar(lines[0] ?? '');
      const o = run(ours[lang], lines);
      const b = builtin ? run(builtin, lines) : null;
      sum.lines += lines.length;
      sum.bytes += text.length;
      sum.ours += o.total;
      if (o.slowest.ms > worst.ms) worst = { ms: o.slowest.ms, where: `${rel}:${o.slowest.index + 1}`, len: lines[o.slowest.index].length };
      if (b) {
        sum.builtin += b.total;
        if (b.slowest.ms > worstBuiltin.ms) worstBuiltin = { ms: b.slowest.ms, where: `${rel}:${b.slowest.index + 1}`, len: lines[b.slowest.index].length };
      }
      console.log(rel.padEnd(58), lang.padEnd(9), String(lines.length).padStart(7),
        fmt(lines.length / (o.total / 1000)).padStart(11), (b ? fmt(lines.length / (b.total / 1000)) : '-').padStart(13));
    }
    console.log('');
    console.log(`corpus: ${fmt(sum.lines)} lines, ${(sum.bytes / 1e6).toFixed(1)} M characters`);
    const oursRate = sum.lines / (sum.ours / 1000);
    console.log(`ours:     ${fmt(oursRate)} lines/s (${fmt(sum.ours)} ms); slowest line ${worst.where} (${worst.len} chars) ${worst.ms.toFixed(2)} ms`);
    if (builtin) {
      const builtinRate = sum.lines / (sum.builtin / 1000);
      console.log(`built-in: ${fmt(builtinRate)} lines/s (${fmt(sum.builtin)} ms); slowest line ${worstBuiltin.where} (${worstBuiltin.len} chars) ${worstBuiltin.ms.toFixed(2)} ms`);
      console.log(`ratio:    ours take ${(sum.ours / sum.builtin).toFixed(2)}x the time of the built-in log grammar`);
    }
  }
}

// Adversarial lines: each grammar on each 100 KB line, first line of a file (empty rule stack).
// From LONG_LINE characters on, a line is one meta.long-line token (as VS Code leaves such lines
// untokenized), so "1 MB" shows the cost still grows no faster than the line (growth = t(1 MB) /
// t(100 KB), about 10 when linear), and "<limit" is the same run one character under the limit,
// where every rule still runs (the costliest line the grammars fully tokenize).
console.log('');
console.log(`adversarial ${SIZE / 1024} KB lines (ms per line, best of ${REPEAT}); 1 MB and <limit (${LONG_LINE - 1} chars): worst grammar; growth = t(1 MB) / t(100 KB):`);
const names = Object.keys(ours);
console.log('line'.padEnd(24), ...names.map((n) => n.padStart(9)), '1 MB'.padStart(8), 'growth'.padStart(7), '<limit'.padStart(8), ...(builtin ? ['built-in'.padStart(10)] : []));
const big = adversarialLines(1024 * 1024);
const underLimit = Object.fromEntries(Object.entries(adversarialLines(LONG_LINE - 1)).map(([k, l]) => [k, l.slice(0, LONG_LINE - 1)]));
for (const n of names) ours[n].tokenizeLine('x'.repeat(LONG_LINE), INITIAL); // warm-up of the long-line path
const max = { adv: { ms: -1, where: '' }, big: { ms: -1, where: '' }, under: { ms: -1, where: '' }, growth: { x: 0, where: '' } };
const worse = (slot, ms, where) => { if (ms > max[slot].ms) max[slot] = { ms, where }; };
for (const [label, line] of Object.entries(adversarialLines())) {
  const cells = [];
  let msBig = 0;
  let msUnder = 0;
  let ms100 = 0;
  for (const n of names) {
    ours[n].tokenizeLine('warm-up', INITIAL); // compiles the grammar's first rule state
    const ms = timeLine(ours[n], line, INITIAL);
    ms100 = Math.max(ms100, ms);
    cells.push(ms.toFixed(2).padStart(9));
    worse('adv', ms, `${n} / ${label}`);
    const b = timeLine(ours[n], big[label], INITIAL);
    msBig = Math.max(msBig, b);
    worse('big', b, `${n} / ${label}`);
    const u = timeLine(ours[n], underLimit[label], INITIAL);
    msUnder = Math.max(msUnder, u);
    worse('under', u, `${n} / ${label}`);
  }
  const growth = msBig / Math.max(ms100, 0.01);
  if (growth > max.growth.x) max.growth = { x: growth, where: label };
  cells.push(msBig.toFixed(2).padStart(8), growth.toFixed(1).padStart(7), msUnder.toFixed(2).padStart(8));
  if (builtin) {
    builtin.tokenizeLine('warm-up', INITIAL);
    cells.push(timeLine(builtin, line, INITIAL).toFixed(2).padStart(10));
  }
  console.log(label.padEnd(24), ...cells);
}
console.log(`adversarial max (ours): ${max.adv.ms.toFixed(2)} ms (${max.adv.where}); 1 MB: ${max.big.ms.toFixed(2)} ms (${max.big.where}); ` +
  `worst growth 100 KB -> 1 MB: ${max.growth.x.toFixed(1)}x (${max.growth.where}); just under the ${LONG_LINE}-character limit: ${max.under.ms.toFixed(2)} ms (${max.under.where})`);
