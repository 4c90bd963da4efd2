// The README screenshots of moving through a log: the Outline view of a WindowsUpdate.log, a focus
// view beside its log, and the merged timeline of a bundle (the `navigate/` logs of the
// integration workspace, written for the tests). Drives the real workbench like a user: keys,
// the Command Palette and the Explorer's context menu.
//
//   npm run build && node scripts/vscode-offline/screenshots-navigation.mjs [--only outline|focus|timeline]
import * as path from 'node:path';
import { projectRoot } from './paths.mjs';
import { takeScreenshot } from './screenshot.mjs';

const workspace = path.join(projectRoot, 'test/integration/workspace');
const wuLog = path.join(workspace, 'navigate/WindowsUpdate.log');
const outDir = path.join(projectRoot, 'docs/images');
const settings = { 'wuLogLens.language': 'en', 'workbench.startupEditor': 'none', 'editor.minimap.enabled': false, 'editor.stickyScroll.enabled': false };

async function palette(page, command) {
  await page.keyboard.press('F1');
  await page.keyboard.type(command, { delay: 10 });
  await page.waitForTimeout(600);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
}

async function goToLine(page, line) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line), { delay: 10 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
}

/** Drags the side bar's edge `by` pixels to the right. */
async function widenSideBar(page, by) {
  const bar = await page.locator('.part.sidebar').first().boundingBox();
  if (!bar) return;
  const x = bar.x + bar.width + 1;
  await page.mouse.move(x, bar.y + 300);
  await page.mouse.down();
  await page.mouse.move(x + by, bar.y + 300, { steps: 10 });
  await page.mouse.up();
  await page.waitForTimeout(300);
}

const shots = {
  outline: {
    out: 'navigate-outline.png',
    async prepare(page) {
      await goToLine(page, 30);
      await palette(page, 'Explorer: Focus on Outline View');
      // The folder tree collapsed, the side bar wider: the outline has the room.
      await page.locator('.pane-header', { hasText: /^workspace/i }).first().click();
      await widenSideBar(page, 300);
      // Expand every symbol: the calls with their updates and failure.
      const rows = page.locator('.outline-pane .monaco-list-row');
      await rows.first().click();
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowDown');
      }
      await goToLine(page, 30);
      await page.waitForTimeout(1500);
    },
  },
  focus: {
    out: 'navigate-focus-view.png',
    async prepare(page) {
      await palette(page, 'View: Close Primary Side Bar');
      await goToLine(page, 30);
      await palette(page, 'WU Log Lens: Open Focus View');
      await page.keyboard.press('Enter'); // "This update"
      await page.waitForTimeout(3000);
    },
  },
  timeline: {
    out: 'navigate-merged-timeline.png',
    async prepare(page) {
      await palette(page, 'View: Show Explorer');
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^navigate$/ }).first();
      await row.click({ button: 'right' });
      await page.locator('.context-view .action-label', { hasText: 'Open Merged Timeline' }).first().click();
      await page.waitForTimeout(3000);
      await palette(page, 'View: Close Primary Side Bar');
      await page.waitForTimeout(1000);
    },
  },
};

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
for (const [name, shot] of Object.entries(shots)) {
  if (only && name !== only) continue;
  const out = path.join(outDir, shot.out);
  await takeScreenshot({ file: wuLog, folder: workspace, out, width: 1600, height: 860, settings, waitMs: 4000, prepare: shot.prepare });
  console.log(`saved ${path.relative(projectRoot, out)}`);
}
