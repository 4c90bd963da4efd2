// `npm test`: every test suite of the project, in order, with one closing line.
// Each stage runs as its own process; its pass/fail counts are read from its output
// (mocha's "N passing / N failing", or a plain "N passed, N failed" line).
import { spawn } from 'node:child_process';

const stages = [
  { name: 'build', cmd: 'npm', args: ['run', '-s', 'build'], counts: false },
  { name: 'compile tests', cmd: 'npm', args: ['run', '-s', 'compile-tests'], counts: false },
  { name: 'lint', cmd: 'npm', args: ['run', '-s', 'lint'], counts: false },
  { name: 'unit', cmd: 'npm', args: ['run', '-s', 'test:unit'], counts: true },
  { name: 'grammar', cmd: 'npm', args: ['run', '-s', 'test:grammar'], counts: true },
  { name: 'corpus', cmd: 'npm', args: ['run', '-s', 'test:corpus'], counts: true },
  { name: 'integration (VS Code)', cmd: 'npm', args: ['run', '-s', 'test:integration', '--', '--no-build'], counts: true },
  { name: 'integration (untrusted workspace)', cmd: 'npm', args: ['run', '-s', 'test:integration', '--', '--no-build', '--untrusted', '--locale', 'en', '--grep', 'untrusted'], counts: true },
];

function run(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.cmd, stage.args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    const keep = (chunk) => {
      const s = chunk.toString();
      out += s;
      if (out.length > 2_000_000) out = out.slice(-1_000_000);
      return s;
    };
    child.stdout.on('data', (c) => process.stdout.write(keep(c)));
    child.stderr.on('data', (c) => process.stderr.write(keep(c)));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

// Reads the counts a stage printed: mocha's summary or our own closing line.
function readCounts(out) {
  let passed = 0;
  let failed = 0;
  let pending = 0;
  let found = false;
  for (const m of out.matchAll(/^\s*(\d+) passing\b/gm)) { passed += Number(m[1]); found = true; }
  for (const m of out.matchAll(/^\s*(\d+) failing\b/gm)) { failed += Number(m[1]); found = true; }
  for (const m of out.matchAll(/^\s*(\d+) pending\b/gm)) { pending += Number(m[1]); }
  for (const m of out.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/gm)) {
    passed += Number(m[1]);
    failed += Number(m[2]);
    pending += Number(m[3] ?? 0);
    found = true;
  }
  return { passed, failed, pending, found };
}

const onlyArg = process.argv.slice(2);
const selected = onlyArg.length ? stages.filter((s) => onlyArg.some((a) => s.name.startsWith(a))) : stages;

let passed = 0;
let failed = 0;
let skipped = 0;
const broken = [];
for (const stage of selected) {
  console.log(`\n=== ${stage.name} ===`);
  const { code, out } = await run(stage);
  if (stage.counts) {
    const c = readCounts(out);
    passed += c.passed;
    failed += c.failed;
    skipped += c.pending;
    if (!c.found && code === 0) {
      broken.push(`${stage.name}: ran but reported no test counts`);
    }
  }
  if (code !== 0) {
    broken.push(`${stage.name}: exit code ${code}`);
    if (!stage.counts) break; // nothing after a broken build can be trusted
  }
}

console.log('');
if (broken.length) console.log(`Broken stages:\n  ${broken.join('\n  ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = broken.length || failed ? 1 : 0;
