// A 45 MB WindowsUpdate.log opened in VS Code: how long until the Problems panel is filled, and
// the longest time the analysis kept the extension host busy at once. Figures are printed (the
// machine may be loaded), never asserted; the test checks only that the diagnostics arrive.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { analyzeFiles } from '../../../src/core/analysis';
import { activateExtension, note, sleep, waitFor } from './helpers';

const SIZE = 45 * 1024 * 1024;

/**
 * Our own WindowsUpdate.log fixtures, with ordinary lines between them, repeated up to SIZE bytes;
 * each repetition a day later (a log's time moves on: outcomes far apart are separate attempts).
 */
function writeLargeLog(extensionPath: string, file: string): number {
  const dir = path.join(extensionPath, 'test', 'fixtures', 'analysis');
  const logs = fs.readdirSync(dir).filter((n) => /^wu10-.*\.log$/.test(n)).sort().map((n) => fs.readFileSync(path.join(dir, n), 'latin1').replace(/^\uFEFF/, ''));
  const filler: string[] = [];
  for (let i = 0; i < 400; i++) {
    filler.push(`2024/03/05 10:${String(i % 60).padStart(2, '0')}:00.${String(i).padStart(7, '0')} 1184  6620  ${i % 2 ? 'ProtocolTalker' : 'Misc          '}  ${i % 2 ? `SyncUpdates round trips: ${i}, updates synced ${i * 3}` : `Got service 855E8A7C-ECB4-4CA3-B045-1DFA50104289 plugin Client/Server auth token of type 0x0000000${i % 8}`}`);
  }
  const unit = `${logs.map((l) => l.replace(/\s+$/, '')).join('\r\n')}\r\n${filler.join('\r\n')}\r\n`;
  const fd = fs.openSync(file, 'w');
  let size = 0;
  try {
    for (let day = 0; size + unit.length <= SIZE; day++) {
      const text = unit.replace(/^(\d{4})([/-])(\d{2})\2(\d{2})/gm, (_m, y: string, sep: string, mo: string, d: string) => {
        const t = new Date(Date.UTC(+y, +mo - 1, +d + day));
        return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()].map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join(sep);
      });
      size += fs.writeSync(fd, Buffer.from(text, 'latin1'));
    }
  } finally {
    fs.closeSync(fd);
  }
  return size;
}

describe('large log: the editor stays responsive', function () {
  this.timeout(300000);

  it('fills the Problems panel of a 45 MB WindowsUpdate.log without stalling the extension host (figures printed)', async () => {
    const ext = await activateExtension();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wu-log-lens-large-'));
    const file = path.join(dir, 'WindowsUpdate.log');
    // VS Code's merge-conflict extension reads every opened document whole (300 ms for 45 MB), and
    // once any extension has registered a URI handler, the extension host looks for its links in
    // every line of a shown document (140-200 ms): both turned off here so that the blocks
    // measured are ours.
    const mergeConflict = vscode.workspace.getConfiguration('merge-conflict');
    await mergeConflict.update('decorators.enabled', false, vscode.ConfigurationTarget.Global);
    await mergeConflict.update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('editor').update('links', false, vscode.ConfigurationTarget.Global);
    try {
      const bytes = writeLargeLog(ext.extensionPath, file);
      const uri = vscode.Uri.file(file);
      const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'WU Log Lens');
      const t0 = performance.now();
      const doc = await vscode.workspace.openTextDocument(uri);
      // Shown in an editor, as a person opens it: folding, outline and breadcrumbs ask for the log's structure too.
      void vscode.window.showTextDocument(doc);
      // From here on the extension host holds the text: what blocks it now is the analysis (and the panel).
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const tOpen = performance.now();
      // Where the long blocks were (end time after the document arrived, length), to tell them apart.
      const blocks: string[] = [];
      let beat = performance.now();
      const heart = setInterval(() => {
        const now = performance.now();
        if (now - beat > 50) blocks.push(`${(now - tOpen).toFixed(0)}:${(now - beat - 5).toFixed(0)}`);
        beat = now;
      }, 5);
      const diagnostics = await waitFor('diagnostics of the 45 MB log', () => (ours().length ? ours() : undefined), 240000);
      const tProblems = performance.now();
      // A block that just ended is recorded at the monitor's next tick.
      await sleep(100);
      delay.disable();
      clearInterval(heart);
      const ms = (ns: number): string => (ns / 1e6).toFixed(0);
      note(`${(bytes / 1024 / 1024).toFixed(0)} MB, ${doc.lineCount} lines: in the extension host ${(tOpen - t0).toFixed(0)} ms after openTextDocument; ` +
        `Problems panel filled ${(tProblems - tOpen).toFixed(0)} ms later (${(tProblems - t0).toFixed(0)} ms after opening), ${diagnostics.length} diagnostics`);
      note(`longest block of the extension host meanwhile: ${ms(delay.max)} ms (p99 ${ms(delay.percentile(99))} ms, mean ${ms(delay.mean)} ms); ` +
        `blocks over 50 ms (ms after the document arrived: length): ${blocks.join(', ') || 'none'}`);
      assert.ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'the deciding failures are reported');
      // Read in slices in the editor, the log gives the failures of one reading of the file.
      const whole = await analyzeFiles([file], { parallel: 'never' });
      const lines = (failing: boolean): number[] => whole.failures.filter((f) => !f.recovered === failing).map((f) => f.at.line).sort((a, b) => a - b);
      const shown = (severity: vscode.DiagnosticSeverity): number[] => diagnostics.filter((d) => d.severity === severity).map((d) => d.range.start.line).sort((a, b) => a - b);
      assert.deepEqual(shown(vscode.DiagnosticSeverity.Error), lines(true));
      assert.deepEqual(shown(vscode.DiagnosticSeverity.Warning), lines(false));
    } finally {
      await mergeConflict.update('decorators.enabled', undefined, vscode.ConfigurationTarget.Global);
      await mergeConflict.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('editor').update('links', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
