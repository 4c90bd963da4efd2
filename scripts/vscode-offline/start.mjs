// `npm start`: opens the extension in a VS Code with the sample logs (samples/).
//
//   npm start [-- --port <n>] [-- --folder <dir>] [-- --file <log>] [-- --desktop|--web]
//
// Default: the offline VS Code (code-server) on 127.0.0.1, the extension loaded from this
// checkout, samples/WindowsUpdate.log open; prints the address and runs until Ctrl-C.
// With --desktop (or when a desktop `code` is on PATH and a display is available), opens
// desktop VS Code with the extension loaded from this checkout instead.
/* global setInterval, clearInterval */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { install } from './install.mjs';
import { codeServerDir, projectRoot } from './paths.mjs';
import { remoteUri, startCodeServer, stopProcess, workbenchUrl } from './server.mjs';

function parseArgs(argv) {
  const opts = { port: undefined, folder: path.join(projectRoot, 'samples'), file: undefined, mode: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') opts.port = Number(argv[++i]);
    else if (a === '--folder') opts.folder = path.resolve(argv[++i]);
    else if (a === '--file') opts.file = path.resolve(argv[++i]);
    else if (a === '--desktop') opts.mode = 'desktop';
    else if (a === '--web') opts.mode = 'web';
    else throw new Error(`unknown option ${a}`);
  }
  opts.file ??= path.join(opts.folder, 'WindowsUpdate.log');
  return opts;
}

function desktopCode() {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split(/\r?\n/)[0].trim() : undefined;
}

function hasDisplay() {
  return process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
}

function build() {
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(projectRoot, 'node_modules'))) {
    throw new Error('dependencies are missing: run `bash scripts/setup.sh` (or `npm ci`) first');
  }
  build();

  const code = desktopCode();
  if (opts.mode === 'desktop' || (opts.mode === 'auto' && code && hasDisplay())) {
    if (!code) throw new Error('--desktop: no `code` command on PATH');
    console.log(`Opening desktop VS Code (${code}) with the extension from ${projectRoot}`);
    const r = spawnSync(code, ['--new-window', `--extensionDevelopmentPath=${projectRoot}`, opts.folder, opts.file], { stdio: 'inherit' });
    process.exitCode = r.status ?? 1;
    return;
  }

  install();
  const server = await startCodeServer({ workspace: opts.folder, port: opts.port, smokeTestDriver: true });
  // The workbench loads the extension from this checkout (as an Extension Development Host) and opens the file.
  const url = workbenchUrl(server, {
    payload: [
      ['extensionDevelopmentPath', remoteUri(server, projectRoot)],
      ['openFile', remoteUri(server, opts.file)],
    ],
  });
  const stop = async () => {
    await stopProcess(server);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log('');
  console.log(`WU Log Lens is running in VS Code ${readVersion()} (code-server) on ${server.url}`);
  console.log('Open this address in a browser on this machine (or through an SSH tunnel to the port):');
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log('Press Ctrl-C to stop.');
  // Stay in the foreground until code-server ends or we are interrupted.
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      if (server.exited()) {
        clearInterval(timer);
        console.error(server.output().slice(-3000));
        resolve();
      }
    }, 1000);
  });
  process.exitCode = 1;
}

/** VS Code version bundled in code-server (lib/vscode/package.json). */
function readVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(codeServerDir(), 'lib', 'vscode', 'package.json'), 'utf8')).version ?? '';
  } catch {
    return '';
  }
}

main().catch((e) => {
  console.error(`[start] ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
});
