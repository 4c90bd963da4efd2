// Starts and stops the offline VS Code (code-server) and a headless Chromium pointed at it.
// Used by run-tests.mjs (integration tests), start.mjs (`npm start`) and screenshot.mjs.
//
// API (all paths absolute):
//   freePort(): Promise<number>                     a free TCP port on 127.0.0.1
//   startCodeServer({ workspace, env?, settings?, smokeTestDriver?, port?, tmpRoot? })
//     -> Promise<{ pid, port, url, workspace, tmpDir, userDataDir, extensionsDir, output() }>
//        Fresh user-data and extensions dirs under tmpDir; `settings` is written to the user
//        settings.json; `env` is added to the server's environment (the extension host
//        inherits it); `smokeTestDriver` (default false) lets the workbench honour `payload`
//        (extensionDevelopmentPath / extensionTestsPath). Resolves once HTTP answers.
//   workbenchUrl(server, { folder?, payload? }) -> string   URL that opens `folder` (default: the workspace)
//   remoteUri(server, absPath) -> 'vscode-remote://127.0.0.1:PORT/abs/path'
//   CHROMIUM, chromiumArgs(userDataDir) -> the browser binary and flags that work offline as root
//   startChromium(url, { tmpRoot? }) -> Promise<{ pid, userDataDir }>   headless, detached
//   stopProcess(handle) -> Promise<void>   ends the process group we started (by its pid), then
//                                          removes handle.tmpDir / handle.userDataDir if we made it
//   exthostLogs(server) -> string[]        paths of remoteexthost.log files written so far
/* global fetch */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerDir, nodeBin } from './paths.mjs';

export const CHROMIUM = process.env.WU_LOG_LENS_CHROMIUM || '/usr/bin/chromium';

/** Flags that let Chromium run here: as root, headless, no GPU, no network chatter. */
export function chromiumArgs(userDataDir) {
  return [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage', `--user-data-dir=${userDataDir}`,
  ];
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.exclude': { '**/.gitattributes': true },
};

async function waitForHttp(url, timeoutMs, isAlive) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('code-server exited before it answered');
    try {
      const res = await fetch(url, { redirect: 'manual' });
      await res.body?.cancel();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s`);
}

/**
 * VS Code resolves a display language other than English only when a language pack for it is
 * installed (`languagepacks.json` in the user-data dir); offline there is none. A stub pack with
 * no translations makes `--locale` take effect: VS Code's own UI stays English, while
 * `vscode.env.language`, the extensions' `package.nls.<locale>.json` and `l10n` bundles follow it.
 */
function writeStubLanguagePack(userDataDir, locale) {
  const translations = path.join(userDataDir, `stub-language-pack.${locale}.i18n.json`);
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({
    [locale]: {
      hash: `wulogstub${locale.replace(/[^a-z0-9]/gi, '')}`,
      extensions: [{ extensionIdentifier: { id: `wulog.stub-language-pack-${locale}` }, version: '1.0.0' }],
      translations: { vscode: translations },
      label: locale,
    },
  }));
}

export async function startCodeServer(opts) {
  const {
    workspace, env = {}, settings = {}, smokeTestDriver = false,
    tmpRoot = os.tmpdir(), locale,
  } = opts;
  const entry = path.join(codeServerDir(), 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry) || !fs.existsSync(nodeBin())) {
    throw new Error('offline VS Code is not installed: run `npm run setup-vscode` first');
  }
  const port = opts.port ?? await freePort();
  const tmpDir = fs.mkdtempSync(path.join(tmpRoot, 'wu-log-lens-vscode-'));
  const userDataDir = path.join(tmpDir, 'user-data');
  const extensionsDir = path.join(tmpDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // `untrusted`: workspace trust enabled, no prompt, nothing trusted: the workspace opens in restricted mode.
  const trust = opts.untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never', 'security.workspace.trust.emptyWindow': false } : {};
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...trust, ...settings }, null, 2));

  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(opts.untrusted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  // The display language (`zh-cn` ...): VS Code's and the extensions' bundles follow it.
  if (locale) {
    args.push('--locale', locale);
    if (!locale.startsWith('en')) writeStubLanguagePack(userDataDir, locale);
  }
  args.push(workspace);

  let output = '';
  const child = spawn(nodeBin(), args, {
    detached: true, // own process group: stopProcess ends it with everything it forked
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const keep = (c) => {
    output += c.toString();
    if (output.length > 1_000_000) output = output.slice(-500_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  child.on('exit', () => { exited = true; });

  const handle = {
    pid: child.pid, port, workspace, tmpDir, userDataDir, extensionsDir,
    url: `http://127.0.0.1:${port}/`,
    output: () => output,
    exited: () => exited,
  };
  try {
    await waitForHttp(`${handle.url}healthz`, 60_000, () => !exited);
  } catch (e) {
    await stopProcess(handle);
    throw new Error(`${e.message}\n${output.slice(-4000)}`, { cause: e });
  }
  return handle;
}

export function remoteUri(server, absPath) {
  return `vscode-remote://127.0.0.1:${server.port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

export function workbenchUrl(server, { folder = server.workspace, payload } = {}) {
  let url = `${server.url}?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export async function startChromium(url, { tmpRoot = os.tmpdir() } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(tmpRoot, 'wu-log-lens-chromium-'));
  const child = spawn(CHROMIUM, [...chromiumArgs(userDataDir), url], {
    detached: true,
    stdio: 'ignore',
  });
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (e) => reject(new Error(`cannot start ${CHROMIUM}: ${e.message}`)));
  });
  return { pid: child.pid, userDataDir, tmpDir: userDataDir };
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends the process group started for `handle` (SIGTERM, then SIGKILL after 3 s) and removes its temp dir. */
export async function stopProcess(handle, { keepFiles = false } = {}) {
  if (!handle) return;
  const { pid } = handle;
  if (pid && alive(pid)) {
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    const deadline = Date.now() + 3000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  if (!keepFiles && handle.tmpDir) fs.rmSync(handle.tmpDir, { recursive: true, force: true });
}

/** Extension host logs written so far under the server's user-data dir. */
export function exthostLogs(server) {
  const logsDir = path.join(server.userDataDir, 'logs');
  const found = [];
  const walk = (dir, depth) => {
    let entries;
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 3) walk(p, depth + 1);
      else if (e.isFile() && e.name === 'remoteexthost.log') found.push(p);
    }
  };
  walk(logsDir, 0);
  return found;
}
