// `npm run test:integration`: runs test/integration/suite inside a real VS Code (code-server,
// the web workbench loaded by headless Chromium, our extension in its Node extension host).
//
//   node scripts/vscode-offline/run-tests.mjs [--no-build] [--grep <text>] [--timeout <seconds>] [--keep] [--untrusted] [--locale en|zh-cn]
//
// Two passes by default: the suite in English, then its `[zh-cn]` tests with VS Code's display
// language set to Simplified Chinese (`--locale zh-cn`); `--locale` runs one pass only.
//
// Installs the offline VS Code when missing (cached), builds, starts code-server on a free
// loopback port with the smoke-test driver (so the workbench honours `payload`), opens Chromium on
// the workbench with extensionDevelopmentPath/extensionTestsPath, waits for the results file the
// suite writes (WU_LOG_LENS_TEST_RESULTS), prints each test and the VS Code version, checks the
// extension host log for errors from our extension, ends both processes and prints
// `N passed, N failed`. Exit code 1 on any failure, no tests, or timeout.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { install } from './install.mjs';
import { projectRoot } from './paths.mjs';
import {
  exthostLogs, remoteUri, startChromium, startCodeServer, stopProcess, workbenchUrl,
} from './server.mjs';

const EXTENSION_ID = 'wulog.wu-log-lens';

function parseArgs(argv) {
  const opts = {
    build: true,
    grep: undefined,
    timeoutSec: Number(process.env.WU_LOG_LENS_IT_TIMEOUT || 600),
    keep: false,
    locale: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-build') opts.build = false;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--grep') opts.grep = argv[++i];
    else if (a === '--untrusted') opts.untrusted = true;
    else if (a === '--timeout') opts.timeoutSec = Number(argv[++i]);
    else if (a === '--locale') opts.locale = argv[++i];
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

function log(msg) {
  console.log(`[integration] ${msg}`);
}

function npmRun(script) {
  const r = spawnSync('npm', ['run', '-s', script], { cwd: projectRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run ${script} failed (exit ${r.status})`);
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Copies the fixture workspace so tests may add files without touching the checkout. */
function copyWorkspace(dest) {
  fs.cpSync(path.join(projectRoot, 'test', 'integration', 'workspace'), dest, { recursive: true });
}

/** Server output, marked so that test counts in it are never read as ours. */
function indentOutput(text) {
  return text.split('\n').map((l) => `  | ${l}`).join('\n');
}

/** Prints the tests the suite reported so far (it appends one JSON line per finished test). */
function makeProgressPrinter(file) {
  let seen = 0; // progress lines read
  let printed = 0; // tests printed
  return () => {
    let text;
    try { text = fs.readFileSync(`${file}.progress`, 'utf8'); } catch { return printed; }
    const lines = text.split('\n');
    lines.pop(); // the last piece may be incomplete
    for (; seen < lines.length; seen++) {
      const entry = JSON.parse(lines[seen]);
      if (entry.started) {
        console.log(`Running in VS Code ${entry.vscodeVersion} (${entry.appName})`);
      } else {
        printTest(entry);
        printed++;
      }
    }
    return printed;
  };
}

async function waitForResults(file, timeoutMs, server, progress) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    progress();
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
    if (server.exited()) throw new Error(`code-server exited during the tests\n${indentOutput(server.output().slice(-4000))}`);
    await sleep(250);
  }
  return undefined;
}

const TIMESTAMPED = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+ \[(\w+)\]/;

/**
 * Error entries of the extension host log that concern our extension: an `[error]` entry
 * (with its stack lines) naming our extension id or a file of this checkout.
 */
export function extensionErrors(logText, extensionPath) {
  const entries = [];
  let current;
  for (const line of logText.split(/\r?\n/)) {
    const m = TIMESTAMPED.exec(line);
    if (m) {
      current = { level: m[1], lines: [line] };
      entries.push(current);
    } else if (current) {
      current.lines.push(line);
    }
  }
  return entries
    .filter((e) => e.level === 'error')
    .map((e) => e.lines.join('\n'))
    .filter((text) => text.includes(EXTENSION_ID) || text.includes(extensionPath));
}

function printTest(t) {
  const mark = t.state === 'passed' ? 'ok  ' : t.state === 'failed' ? 'FAIL' : 'skip';
  const ms = t.durationMs !== undefined ? ` (${t.durationMs} ms)` : '';
  console.log(`  ${mark} ${t.fullTitle}${ms}`);
  for (const n of t.notes ?? []) console.log(`         ${n}`);
  if (t.error) console.log(t.error.split('\n').map((l) => `         ${l}`).join('\n'));
}

/** Prints the tests not shown live, then a load failure if any. */
function printResults(results, alreadyPrinted) {
  for (const t of results.tests.slice(alreadyPrinted)) printTest(t);
  if (results.fatal) console.log(`  FAIL the suite could not run:\n${results.fatal}`);
}

/** One run of the suite in a fresh code-server whose display language is `locale`. */
async function runPass(locale, opts, testsIndex, started) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wu-log-lens-it-'));
  const workspace = path.join(root, 'workspace');
  const resultsFile = path.join(root, 'results.json');
  copyWorkspace(workspace);

  let server;
  let browser;
  const cleanup = async () => {
    await stopProcess(browser);
    await stopProcess(server, { keepFiles: opts.keep });
    if (!opts.keep) fs.rmSync(root, { recursive: true, force: true });
  };
  const onSignal = async (sig) => {
    await cleanup();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let passed = 0;
  let failed = 0;
  let ran = 0;
  try {
    server = await startCodeServer({
      workspace,
      tmpRoot: root,
      smokeTestDriver: true,
      // `--untrusted`: workspace trust on and the workspace not trusted (restricted mode).
      ...(opts.untrusted ? { untrusted: true } : {}),
      env: {
        WU_LOG_LENS_TEST_RESULTS: resultsFile,
        ...(opts.grep ? { WU_LOG_LENS_TEST_GREP: opts.grep } : {}),
        ...(opts.untrusted ? { WU_LOG_LENS_UNTRUSTED: '1' } : {}),
        WU_LOG_LENS_TEST_LOCALE: locale,
      },
      locale: locale === 'en' ? undefined : locale,
    });
    log(`code-server pid ${server.pid} on ${server.url} (started in ${Math.round((Date.now() - started) / 1000)} s)`);
    const url = workbenchUrl(server, {
      payload: [
        ['extensionDevelopmentPath', remoteUri(server, projectRoot)],
        ['extensionTestsPath', remoteUri(server, testsIndex)],
      ],
    });
    browser = await startChromium(url, { tmpRoot: root });
    log(`chromium pid ${browser.pid}; waiting for the suite (timeout ${opts.timeoutSec} s)`);

    const progress = makeProgressPrinter(resultsFile);
    const results = await waitForResults(resultsFile, opts.timeoutSec * 1000, server, progress);
    const shown = progress();
    if (!results) {
      console.log(`  FAIL no results within ${opts.timeoutSec} s (the suite did not finish or did not load)`);
      console.log(indentOutput(server.output().slice(-3000)));
      failed += 1;
    } else {
      printResults(results, shown);
      console.log(`Ran in VS Code ${results.vscodeVersion} (${results.appName}${results.remoteName ? `, remote ${results.remoteName}` : ''})`);
      passed += results.passed;
      failed += results.failed;
      ran += results.tests.length;
      if (results.pending) console.log(`  (${results.pending} pending)`);
    }

    // The extension host log is flushed lazily: give it a moment before reading.
    await sleep(1500);
    const logs = exthostLogs(server);
    const title = `extension host log has no errors from ${EXTENSION_ID}`;
    if (logs.length === 0) {
      console.log(`  FAIL ${title}: no remoteexthost.log was written`);
      failed += 1;
    } else {
      const text = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      const errors = extensionErrors(text, projectRoot);
      const activation = text.split(/\r?\n/).find((l) => l.includes(`_doActivateExtension ${EXTENSION_ID}`));
      if (!activation) {
        console.log(`  FAIL ${title}: the log never shows ${EXTENSION_ID} being activated`);
        failed += 1;
      } else if (errors.length) {
        console.log(`  FAIL ${title}:`);
        for (const e of errors) console.log(e.split('\n').map((l) => `         ${l}`).join('\n'));
        failed += 1;
      } else {
        const event = /activationEvent: '([^']*)'/.exec(activation)?.[1] ?? '?';
        console.log(`  ok   ${title} (activated by ${event}; ${logs.map((f) => path.relative(root, f)).join(', ')})`);
        passed += 1;
      }
    }
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  return { passed, failed, ran };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  install();
  if (opts.build) {
    log('building (esbuild bundle + tsc for the tests)');
    npmRun('build');
    npmRun('compile-tests');
  }
  const testsIndex = path.join(projectRoot, 'out', 'test', 'integration', 'suite', 'index.js');
  if (!fs.existsSync(testsIndex)) throw new Error(`${testsIndex} is missing: run npm run compile-tests`);
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build');

  let passed = 0;
  let failed = 0;
  let ran = 0;
  for (const locale of opts.locale ? [opts.locale] : ['en', 'zh-cn']) {
    log(`pass with VS Code's display language ${locale}`);
    const r = await runPass(locale, opts, testsIndex, started);
    passed += r.passed;
    failed += r.failed;
    ran += r.ran;
  }
  if (ran === 0) {
    console.log('  FAIL the suite ran no tests');
    failed += 1;
  }
  log(`finished in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(`[integration] ${e instanceof Error ? e.message : e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
