// Takes a PNG of a file opened in the real workbench (code-server + headless Chromium driven by
// playwright-core), with the extension loaded from this checkout and a given color theme.
//
//   node scripts/vscode-offline/screenshot.mjs --file <log> --out <png> [--theme "Default Dark Modern"]
//        [--folder <dir>] [--width 1280] [--height 800] [--wait 5000] [--setting key=jsonValue ...]
//        [--command "<Command Palette title>" ...] [--hover "<text in the editor>"] [--after 3000]
//
// `--command` runs a command through the Command Palette (F1, its title, Enter), in order;
// `--hover` moves the mouse over the first occurrence of the text in the editor and waits for
// the hover; `--after` waits that long after the steps (a report view rendering).
//
// Also importable: `takeScreenshot({ file, out, theme, folder, width, height, waitMs, settings, prepare })`
// where `prepare(page)` may drive the page (hover, open a view) before the shot is taken;
// `runCommand(page, title)` and `hoverText(page, text)` are the steps above.
// Build first (`npm run build`); the offline VS Code must be installed (`npm run setup-vscode`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { install } from './install.mjs';
import { projectRoot } from './paths.mjs';
import {
  CHROMIUM, chromiumArgs, remoteUri, startCodeServer, stopProcess, workbenchUrl,
} from './server.mjs';

export async function takeScreenshot(opts) {
  const {
    file, out, theme = 'Default Dark Modern', width = 1280, height = 800, waitMs = 5000,
    settings = {}, prepare,
  } = opts;
  const absFile = path.resolve(file);
  const folder = path.resolve(opts.folder ?? path.dirname(absFile));
  install();
  const server = await startCodeServer({
    workspace: folder,
    smokeTestDriver: true,
    settings: {
      'workbench.colorTheme': theme,
      'window.commandCenter': false,
      'editor.occurrencesHighlight': 'off',
      'editor.selectionHighlight': false,
      ...settings,
    },
  });
  let browser;
  try {
    const url = workbenchUrl(server, {
      payload: [
        ['extensionDevelopmentPath', remoteUri(server, projectRoot)],
        ['openFile', remoteUri(server, absFile)],
      ],
    });
    // Playwright manages the profile and headless mode itself; the other flags are ours.
    const args = chromiumArgs('unused').filter((a) => a !== '--headless' && !a.startsWith('--user-data-dir'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args });
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(url);
    // The editor shows the file's first line once the workbench, the file and the extension are up.
    await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(waitMs); // tokenization and extension features settle
    if (prepare) await prepare(page);
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    await page.screenshot({ path: out });
    return out;
  } finally {
    await browser?.close();
    await stopProcess(server);
  }
}

/** Runs a command through the Command Palette by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.waitForTimeout(500);
  await page.keyboard.press('Enter');
}

/** Moves the mouse over the first occurrence of `text` in the editor and waits for the hover. */
export async function hoverText(page, text) {
  const token = page.locator('.monaco-editor .view-lines span span', { hasText: text }).first();
  await token.waitFor({ state: 'visible', timeout: 10_000 });
  const box = await token.boundingBox();
  if (!box) throw new Error(`"${text}" is not visible in the editor`);
  // Over the first characters of the token, as a person would point at it.
  await page.mouse.move(box.x + Math.min(12, box.width / 2), box.y + box.height / 2);
  await page.locator('.monaco-hover').first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.waitForTimeout(500);
}

function parseArgs(argv) {
  const opts = { settings: {}, commands: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--file') opts.file = v();
    else if (a === '--out') opts.out = v();
    else if (a === '--theme') opts.theme = v();
    else if (a === '--folder') opts.folder = v();
    else if (a === '--width') opts.width = Number(v());
    else if (a === '--height') opts.height = Number(v());
    else if (a === '--wait') opts.waitMs = Number(v());
    else if (a === '--command') opts.commands.push(v());
    else if (a === '--hover') opts.hover = v();
    else if (a === '--after') opts.afterMs = Number(v());
    else if (a === '--setting') {
      const [key, ...rest] = v().split('=');
      opts.settings[key] = JSON.parse(rest.join('='));
    } else throw new Error(`unknown option ${a}`);
  }
  if (!opts.file || !opts.out) throw new Error('usage: screenshot.mjs --file <log> --out <png> [--theme <name>]');
  return opts;
}

/** The CLI's steps (`--command`, `--hover`, `--after`) as a `prepare` function. */
function stepsOf(opts) {
  if (!opts.commands.length && !opts.hover && !opts.afterMs) return undefined;
  return async (page) => {
    for (const c of opts.commands) {
      await runCommand(page, c);
      await page.waitForTimeout(1500);
    }
    if (opts.hover) await hoverText(page, opts.hover);
    if (opts.afterMs) await page.waitForTimeout(opts.afterMs);
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = parseArgs(process.argv.slice(2));
  takeScreenshot({ ...opts, prepare: stepsOf(opts) }).then(
    (out) => console.log(`saved ${out}`),
    (e) => {
      console.error(`[screenshot] ${e instanceof Error ? e.message : e}`);
      process.exitCode = 1;
    },
  );
}
