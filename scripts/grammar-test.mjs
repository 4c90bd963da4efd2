// `npm run test:grammar`: everything that checks the TextMate grammars, with one closing
// `N passed, N failed` line (read by scripts/test-all.mjs). Exits non-zero on any failure.
//
//   node scripts/grammar-test.mjs            run all checks
//   node scripts/grammar-test.mjs --update   rewrite the .snap files (review the diff before committing)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistry, ourGrammars, INITIAL } from '../syntaxes/src/tokenize.mjs';
import { adversarialLines } from '../syntaxes/src/adversarial.mjs';
import { LONG_LINE } from '../syntaxes/src/grammars.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const update = process.argv.includes('--update');
const testDir = join(root, 'test', 'grammar');
const snapDir = join(testDir, 'snap');
const tool = (name) => join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', name);

let passed = 0;
let failed = 0;
function record(ok, label, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${label}${detail ? `\n         ${detail.replace(/\n/g, '\n         ')}` : ''}`);
}

const grammarFiles = Object.entries(ourGrammars); // [scopeName, path]
const suffixOf = (scopeName) => scopeName.split('.').pop();

// 1. The committed JSON is what syntaxes/src/grammars.mjs produces.
{
  console.log('generated grammars');
  const r = spawnSync(process.execPath, [join(root, 'syntaxes', 'src', 'build.mjs'), '--check'], { encoding: 'utf8' });
  record(r.status === 0, 'syntaxes/*.tmLanguage.json match syntaxes/src/grammars.mjs', r.status === 0 ? '' : r.stdout + r.stderr);
}

/** Every regex and scope name in a grammar, with where it sits. */
function walkGrammar(grammar) {
  const regexes = [];
  const names = [];
  const visit = (node, path) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') regexes.push({ where: `${path}.${k}`, re: v });
      else if ((k === 'name' || k === 'contentName') && typeof v === 'string' && path !== '') names.push({ where: `${path}.${k}`, name: v });
      else visit(v, `${path}.${k}`);
    }
  };
  visit({ patterns: grammar.patterns, repository: grammar.repository }, '');
  return { regexes, names };
}

/**
 * Unbounded quantifiers outside character classes: `+`, `*`, `{n,}`. Bounded repetition is the
 * rule that keeps the grammars linear on 100 KB lines (see syntaxes/src/grammars.mjs).
 */
function unboundedQuantifiers(re) {
  const found = [];
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '+' || c === '*') found.push(`'${c}' at ${i}`);
    if (c === '{' && /^\{\d+,\}/.test(re.slice(i))) found.push(`'{n,}' at ${i}`);
  }
  return found;
}

// 2. Static checks on each grammar: bounded regexes, scope names with the grammar's suffix.
const allScopes = new Set();
for (const [scopeName, path] of grammarFiles) {
  console.log(`static checks: ${scopeName}`);
  const grammar = JSON.parse(readFileSync(path, 'utf8'));
  const { regexes, names } = walkGrammar(grammar);
  const bad = regexes.flatMap(({ where, re }) => unboundedQuantifiers(re).map((q) => `${where}: ${q}`));
  record(bad.length === 0 && regexes.length > 0, `${regexes.length} regexes, all repetitions bounded`, bad.join('\n'));
  const suffix = `.${suffixOf(scopeName)}`;
  const wrong = names.filter(({ name }) => name.split(' ').some((n) => !n.endsWith(suffix)));
  record(wrong.length === 0, `${names.length} scope names end in ${suffix}`, wrong.map((w) => `${w.where}: ${w.name}`).join('\n'));
  for (const { name } of names) for (const n of name.split(' ')) allScopes.add(n.slice(0, -suffix.length));
}

// 3. Every scope is documented in the README section "Customizing colors".
{
  console.log('documentation');
  const readme = existsSync(join(root, 'README.md')) ? readFileSync(join(root, 'README.md'), 'utf8') : '';
  const heading = /^(#+) Customizing colors[^\n]*$/m.exec(readme);
  const start = heading ? heading.index : -1;
  let section = '';
  if (heading) {
    const rest = readme.slice(start + heading[0].length);
    const next = new RegExp(`^#{1,${heading[1].length}} `, 'm').exec(rest);
    section = next ? rest.slice(0, next.index) : rest;
  }
  const undocumented = [...allScopes].filter((s) => !section.includes(`\`${s}.`) && !section.includes(`\`${s}\``)).sort();
  record(start >= 0 && undocumented.length === 0, `README "Customizing colors" lists all ${allScopes.size} scopes`,
    start < 0 ? 'section not found' : undocumented.length ? `missing: ${undocumented.join(', ')}` : '');
}

// 4. Assertion tests (vscode-tmgrammar-test): one test per asserted source line, from its xunit report.
{
  console.log('assertion tests (vscode-tmgrammar-test)');
  const files = readdirSync(testDir).filter((f) => /\.test\.(wulog|cbslog|wureport)$/.test(f)).map((f) => join(testDir, f));
  const reportDir = mkdtempSync(join(tmpdir(), 'wulog-grammar-'));
  try {
    const r = spawnSync(process.execPath, [tool('unit.js'), '--compact', '--xunit-report', reportDir, ...files], { encoding: 'utf8', cwd: root });
    let cases = 0;
    let caseFailures = 0;
    for (const f of readdirSync(reportDir)) {
      const xml = readFileSync(join(reportDir, f), 'utf8');
      for (const m of xml.matchAll(/<testcase\b[\s\S]*?<\/testcase>/g)) {
        cases++;
        if (m[0].includes('<failure')) caseFailures++;
      }
    }
    for (const line of (r.stdout + r.stderr).split('\n')) if (line.trim() && !line.includes('run successfuly')) console.log(`         ${line}`);
    const ok = r.status === 0 && caseFailures === 0 && cases > 0;
    passed += cases - caseFailures;
    failed += caseFailures;
    if (!ok && caseFailures === 0) record(false, 'vscode-tmgrammar-test', `exit code ${r.status}, ${cases} test cases read`);
    console.log(`         ${files.length} files, ${cases} asserted lines, ${caseFailures} failing`);
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

// 5. Snapshot tests (vscode-tmgrammar-snap): one test per fixture; a missing .snap is a failure.
{
  console.log(`snapshot tests (vscode-tmgrammar-snap)${update ? ', updating' : ''}`);
  const files = readdirSync(snapDir).filter((f) => /\.(wulog|cbslog|wureport|wutimeline)$/.test(f)).sort();
  const missing = update ? [] : files.filter((f) => !existsSync(join(snapDir, `${f}.snap`)));
  for (const f of missing) record(false, `${f}: no .snap file (run: npm run test:grammar -- --update)`);
  const present = files.filter((f) => !missing.includes(f));
  if (present.length) {
    const args = [tool('snapshot.js'), '--config', join(testDir, 'languages.json'), ...(update ? ['--updateSnapshot'] : []), ...present.map((f) => join(snapDir, f))];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    const out = r.stdout + r.stderr;
    for (const f of present) {
      const ok = update ? r.status === 0 : new RegExp(`✓ \\S*${f.replace(/[.]/g, '\\.')} run successfully`).test(out);
      record(ok, `snapshot ${f}`);
    }
    if (r.status !== 0) console.log(out.split('\n').map((l) => `         ${l}`).join('\n'));
  }
}

// 6. Adversarial 100 KB lines tokenize to the end in every grammar (not timed: see npm run bench:grammar).
{
  console.log('adversarial lines');
  const registry = await createRegistry(ourGrammars);
  for (const [scopeName] of grammarFiles) {
    const grammar = await registry.loadGrammar(scopeName);
    const problems = [];
    for (const [label, line] of Object.entries(adversarialLines())) {
      const r = grammar.tokenizeLine(line, INITIAL);
      const last = r.tokens[r.tokens.length - 1];
      if (r.stoppedEarly || !last || last.endIndex < line.length) problems.push(`${label}: stopped at ${last ? last.endIndex : 0} of ${line.length}`);
    }
    record(problems.length === 0, `${scopeName}: ${Object.keys(adversarialLines()).length} adversarial lines tokenized to the end`, problems.join('\n'));
  }
}

// 7. Long lines: at LONG_LINE characters or more a line is one `meta.long-line` token (as VS Code
// leaves it untokenized); one character less keeps full highlighting; the next line starts afresh.
// Lines are built here (a 1 MB fixture would bloat the repository).
{
  console.log(`long lines (${LONG_LINE} characters or more)`);
  const registry = await createRegistry(ourGrammars);
  const heads = {
    wulog: '2022/09/26 15:55:37.5603397 4792  12396 Agent           ',
    cbslog: '2016-09-28 04:30:30, Info                  CBS    ',
    wureport: '',
    wutimeline: 'WU     | 2022/09/26 15:55:37.5603397 4792  12396 Agent           ',
  };
  const message = '*FAILED* [80070005] Install';
  /** A record of exactly `size` characters that ends with `message`. */
  const lineOf = (head, size) => head + 'x'.repeat(size - head.length - message.length) + message;
  /** The scopes of the first token whose text is `text`, without the root scope. */
  const scopesOf = (line, tokens, text) => {
    const t = tokens.find((k) => line.slice(k.startIndex, k.endIndex) === text);
    return t ? t.scopes.slice(1) : null;
  };
  for (const [scopeName] of grammarFiles) {
    const s = suffixOf(scopeName);
    const grammar = await registry.loadGrammar(scopeName);
    const sizes = [LONG_LINE, LONG_LINE + 1, 102400, 250000, 1024 * 1024]; // 250,000 is past Oniguruma's largest repeat count
    const problems = [];
    for (const size of sizes) {
      const line = lineOf(heads[s], size);
      const r = grammar.tokenizeLine(line, INITIAL);
      const only = r.tokens.length === 1 ? r.tokens[0] : null;
      const ok = only && only.startIndex === 0 && only.endIndex === line.length &&
        only.scopes.length === 2 && only.scopes[1] === `meta.long-line.${s}`;
      if (!ok) {
        const first = r.tokens.slice(0, 3).map((k) => `${k.startIndex}-${k.endIndex} ${k.scopes.slice(1).join(' ')}`).join('; ');
        problems.push(`${size} chars: ${r.tokens.length} tokens (${first})`);
        continue;
      }
      // The line after a long one is highlighted as if the long one were not there.
      const next = grammar.tokenizeLine(lineOf(heads[s], 120), r.ruleStack);
      const fresh = grammar.tokenizeLine(lineOf(heads[s], 120), INITIAL);
      const shape = (res) => JSON.stringify(res.tokens.map((k) => [k.startIndex, k.endIndex, k.scopes]));
      if (shape(next) !== shape(fresh)) problems.push(`${size} chars: the next line is tokenized differently from a first line`);
    }
    record(problems.length === 0, `${scopeName}: lines of ${sizes.join(', ')} characters are one meta.long-line.${s} token`, problems.join('\n'));

    // Every line starts afresh: a run of lines (empty, plain, long, record) tokenizes as each would alone.
    {
      const run = ['', 'plain text 0x80070005', lineOf(heads[s], 120), '', lineOf(heads[s], LONG_LINE + 5), lineOf(heads[s], 120), ' '];
      const shape = (res) => JSON.stringify(res.tokens.map((k) => [k.startIndex, k.endIndex, k.scopes]));
      let stack = INITIAL;
      const differ = [];
      run.forEach((line, i) => {
        const inRun = grammar.tokenizeLine(line, stack);
        stack = inRun.ruleStack;
        if (shape(inRun) !== shape(grammar.tokenizeLine(line, INITIAL))) differ.push(`line ${i + 1} (${line.length} chars)`);
      });
      record(differ.length === 0, `${scopeName}: no rule stays open across lines (empty, plain, long, record)`, differ.join(', '));
    }

    // Just under the limit and short: full highlighting, no long-line scope.
    for (const size of [LONG_LINE - 1, 120]) {
      const line = lineOf(heads[s], size);
      const { tokens } = grammar.tokenizeLine(line, INITIAL);
      const failedScopes = scopesOf(line, tokens, '*FAILED*') ?? [];
      const codeScopes = scopesOf(line, tokens, '80070005') ?? [];
      const longScoped = tokens.some((k) => k.scopes.some((n) => n.startsWith('meta.long-line.')));
      const ok = !longScoped && failedScopes.at(-1) === `invalid.illegal.failed.${s}` && codeScopes.at(-1) === `invalid.illegal.hresult.error.${s}`;
      record(ok, `${scopeName}: a line of ${size} characters keeps its scopes (*FAILED*, [80070005])`,
        ok ? '' : `*FAILED* -> ${failedScopes.join(' ') || '(not a token)'}; 80070005 -> ${codeScopes.join(' ') || '(not a token)'}${longScoped ? '; has meta.long-line' : ''}`);
    }
  }
}

console.log('');
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
