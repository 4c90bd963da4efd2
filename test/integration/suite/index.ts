// Entry of the integration suite inside VS Code: `run()` is the contract of
// `extensionTestsPath` (same for code-server via scripts/vscode-offline/run-tests.mjs and
// for desktop VS Code via @vscode/test-electron). It runs every suite/**/*.test.js with
// mocha (bdd) and, when WU_LOG_LENS_TEST_RESULTS names a file, writes the results there
// as JSON, because the offline runner cannot see this process's exit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { notes } from './helpers';

type MochaCtor = typeof import('mocha');

interface TestResult {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
  /** What the test measured (helpers' `note`). */
  notes?: string[];
}

export interface SuiteResults {
  vscodeVersion: string;
  appName: string;
  remoteName?: string;
  tests: TestResult[];
  passed: number;
  failed: number;
  pending: number;
  /** Set when the suite could not run at all (load error). */
  fatal?: string;
}

// Mocha 12's package entry is an ES module; its CommonJS build loads in every extension host.
function loadMocha(): MochaCtor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('mocha/lib/mocha.cjs') as MochaCtor;
}

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(p));
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

function writeResults(results: SuiteResults): void {
  const file = process.env.WU_LOG_LENS_TEST_RESULTS;
  if (!file) return;
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file); // the runner never sees a half-written file
}

/** One line per finished test, appended as it happens, so the runner can show progress. */
function reportProgress(result: TestResult | { started: true; vscodeVersion: string; appName: string }): void {
  const file = process.env.WU_LOG_LENS_TEST_RESULTS;
  if (!file) return;
  try {
    fs.appendFileSync(`${file}.progress`, `${JSON.stringify(result)}\n`);
  } catch {
    // progress is a nicety; the results file is what counts
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export async function run(): Promise<void> {
  const results: SuiteResults = {
    vscodeVersion: vscode.version,
    appName: vscode.env.appName,
    remoteName: vscode.env.remoteName,
    tests: [],
    passed: 0,
    failed: 0,
    pending: 0,
  };
  reportProgress({ started: true, vscodeVersion: results.vscodeVersion, appName: results.appName });
  try {
    const Mocha = loadMocha();
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
    // The `[zh-cn]` tests run in the pass whose display language is Simplified Chinese, the rest in the other.
    const grep = process.env.WU_LOG_LENS_TEST_GREP;
    // Without the offline runner (desktop `npx vscode-test`), the display language VS Code has decides.
    const locale = process.env.WU_LOG_LENS_TEST_LOCALE ?? (vscode.env.language === 'zh-cn' ? 'zh-cn' : 'en');
    const zh = locale === 'zh-cn' ? '(?=.*\\[zh-cn\\])' : '(?!.*\\[zh-cn\\])';
    mocha.grep(new RegExp(`^${zh}${grep ? `(?=.*(?:${grep}))` : ''}`));
    for (const file of findTests(__dirname)) mocha.addFile(file);

    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      const add = (r: TestResult): void => {
        if (notes.length) r.notes = notes.splice(0);
        results.tests.push(r);
        reportProgress(r);
      };
      runner.on('pass', (t) => {
        add({ title: t.title, fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration });
      });
      runner.on('fail', (t, err) => {
        add({ title: t.title, fullTitle: t.fullTitle(), state: 'failed', durationMs: t.duration, error: errorText(err) });
      });
      runner.on('pending', (t) => {
        add({ title: t.title, fullTitle: t.fullTitle(), state: 'pending' });
      });
    });
  } catch (err) {
    results.fatal = errorText(err);
  }
  results.passed = results.tests.filter((t) => t.state === 'passed').length;
  results.failed = results.tests.filter((t) => t.state === 'failed').length + (results.fatal ? 1 : 0);
  results.pending = results.tests.filter((t) => t.state === 'pending').length;
  writeResults(results);
  if (results.fatal) throw new Error(results.fatal);
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
}
