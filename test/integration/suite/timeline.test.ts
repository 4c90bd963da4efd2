// The merged timeline inside VS Code: several logs or a folder in time order, each line tagged,
// the clock offset detected (or set) and said in the header, links back to each log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { workspaceFile } from './helpers';
import { inEnglish, setSetting, untilSome } from './navHelpers';

async function timeline(...rel: string[]): Promise<vscode.TextDocument> {
  const uris = rel.map(workspaceFile);
  const doc = await vscode.commands.executeCommand<vscode.TextDocument>('wuLogLens.openMergedTimeline', uris[0], uris);
  assert.ok(doc, 'no timeline document');
  return doc;
}

const body = (doc: vscode.TextDocument): string[] => doc.getText().split('\n').filter((l) => !l.startsWith('#'));

describe('merged timeline', function () {
  this.timeout(60_000);

  inEnglish('timeline.clockOffset');

  it('a folder: every log tagged, in the client\'s time order, the detected offset said in the header', async () => {
    const doc = await timeline('navigate');
    assert.equal(doc.uri.scheme, 'wulog-timeline');
    assert.equal(doc.languageId, 'wutimeline');
    const text = doc.getText();
    assert.match(text, /^# WU Log Lens: merged timeline of 5 logs, in time order\./);
    assert.match(text, /\n# Clock: WindowsUpdate\.log moved by \+8:00 to the client's clock, detected from \d+ matching events \(KB5053598 at WindowsUpdate\.log line 10 and CBS\.log line \d+\)\. Set wuLogLens\.timeline\.clockOffset to change it\./);
    const lines = body(doc);
    const tags = new Set(lines.map((l) => l.split(' ')[0]));
    assert.deepEqual([...tags].sort(), ['CBS', 'DISM', 'EVENTS', 'SETUP', 'WU']);
    const at = (needle: string): number => lines.findIndex((l) => l.includes(needle));
    assert.ok(at('CBS package identity') < at('Session: 31160001_2000000002 initialized'));
    assert.ok(at('Session: 31160001_2000000002 finalized') < at('AGENT_INSTALLING_FAILED'));
    assert.ok(at('RestoreHealth') < at('Windows Defender'));
    assert.match(lines[at('Failed to perform operation') + 1], /^CBS +\| {4}Installer:/);
  });

  it('the offset set by the user is used and said; an invalid one is ignored and said', async () => {
    await setSetting('timeline.clockOffset', '0');
    let doc = await timeline('navigate/WindowsUpdate.log', 'navigate/CBS.log');
    assert.match(doc.getText(), /# Clock: WindowsUpdate\.log moved by 0:00 to the client's clock, as set in wuLogLens\.timeline\.clockOffset\./);
    const lines = body(doc);
    assert.ok(lines.findIndex((l) => l.startsWith('CBS')) > lines.findIndex((l) => l.includes('Windows Defender')), 'with 0:00 every CBS line comes after the WU lines');
    await setSetting('timeline.clockOffset', 'soon');
    doc = await timeline('navigate/WindowsUpdate.log', 'navigate/CBS.log');
    await untilSome('the header to say the setting was ignored', async () => (doc.getText().includes('is not an offset') ? [1] : []));
    await setSetting('timeline.clockOffset', undefined);
  });

  it('each line leads back to its log and line', async () => {
    const doc = await timeline('navigate');
    const k = doc.getText().split('\n').findIndex((l) => l.includes('Failed to perform operation'));
    const back = await vscode.commands.executeCommand<{ uri: string; line: number }>('wuLogLens.goToSourceLine', doc.uri, k);
    assert.equal(back?.uri, workspaceFile('navigate/CBS.log').toString());
    assert.equal(back?.line, 6);
    const links = await untilSome('links', () => vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri));
    assert.equal(links.length, body(doc).length);
    const header = await vscode.commands.executeCommand('wuLogLens.goToSourceLine', doc.uri, 0);
    assert.equal(header, undefined, 'header lines lead nowhere');
  });
});
