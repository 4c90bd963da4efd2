// Checks the report view as a person uses it, with real mouse clicks in the workbench (which the
// integration suite, running inside the extension host, cannot make): "Copy Rich Text" puts HTML
// and plain text on the clipboard, without local paths, and a click on an evidence reference
// opens the log at that line. Exit code 1 on a failure.
//
//   node scripts/vscode-offline/check-report-view.mjs        (build first: npm run build)
/* global navigator */
import * as path from 'node:path';
import { projectRoot } from './paths.mjs';
import { runCommand, takeScreenshot } from './screenshot.mjs';

function check(ok, what) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) process.exitCode = 1;
}

await takeScreenshot({
  file: path.join(projectRoot, 'samples', 'WindowsUpdate.log'),
  out: path.join(projectRoot, 'out', 'check-report-view.png'),
  width: 1400,
  height: 900,
  prepare: async (page) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await runCommand(page, 'WU Log Lens: Summarize Failures');
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await view.locator('h2').first().waitFor({ state: 'visible', timeout: 20_000 });
    await view.locator('button[data-action="copy-html"]').click();
    await page.waitForTimeout(1000);
    const clip = await page.evaluate(async () => {
      const out = {};
      for (const item of await navigator.clipboard.read()) for (const t of item.types) out[t] = await (await item.getType(t)).text();
      return out;
    });
    const html = clip['text/html'] ?? '';
    const text = clip['text/plain'] ?? '';
    check(/<h2>Verdict<\/h2>/.test(html) && /<code[^>]*>0x800F0922 CBS_E_INSTALLERS_FAILED<\/code>/.test(html), 'Copy Rich Text: HTML on the clipboard');
    check(/^Verdict\n-------$/m.test(text), 'Copy Rich Text: plain text beside it');
    check(!/file:|vscode-|\/work\/|<a |<script/.test(html + text), 'no local path, link or script in what was copied');
    await view.locator('a.ref', { hasText: 'WindowsUpdate.log:20' }).first().click();
    await page.waitForTimeout(1500);
    const status = await page.locator('.statusbar').innerText();
    check(/Ln 20, Col \d+/.test(status), `a click on WindowsUpdate.log:20 opens the log at line 20 (${/Ln \d+, Col \d+/.exec(status)?.[0]})`);
  },
});
