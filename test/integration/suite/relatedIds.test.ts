// Related ids inside VS Code: Go to Definition (an update's title line, the first mention of a
// cV, KB, call id or CBS session), Find All References across the open logs, highlights.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { inEnglish, lineOf, positionOf, showLog } from './navHelpers';

type Def = vscode.Location | vscode.LocationLink;

function lineOfDef(d: Def): number {
  return 'targetRange' in d ? d.targetRange.start.line : d.range.start.line;
}

async function definitions(uri: vscode.Uri, pos: vscode.Position): Promise<Def[]> {
  return (await vscode.commands.executeCommand<Def[]>('vscode.executeDefinitionProvider', uri, pos)) ?? [];
}

async function references(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.Location[]> {
  return (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, pos)) ?? [];
}

async function highlights(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.DocumentHighlight[]> {
  return (await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', uri, pos)) ?? [];
}

describe('related ids', function () {
  this.timeout(60_000);
  let wu: vscode.TextDocument;
  let cbs: vscode.TextDocument;
  let events: vscode.TextDocument;

  inEnglish();

  before(async () => {
    cbs = (await showLog('navigate/CBS.log', 'cbslog')).document;
    events = (await showLog('navigate/ReportingEvents.log', 'wureport')).document;
    wu = (await showLog('navigate/WindowsUpdate.log', 'wulog')).document;
  });

  it('an update id: definition at its title line, references in WindowsUpdate.log and ReportingEvents.log', async () => {
    const pos = positionOf(wu, 'Preparing to Install update ID: A1B2C3D4', 'A1B2C3D4');
    const defs = await definitions(wu.uri, pos);
    assert.equal(defs.length, 1);
    assert.equal(lineOfDef(defs[0]), lineOf(wu, 'Title=2025-03 Cumulative Update for Windows 11'));
    const refs = await references(wu.uri, pos);
    const inWu = refs.filter((r) => r.uri.toString() === wu.uri.toString()).map((r) => r.range.start.line);
    assert.deepEqual(inWu, [9, 14, 25, 28, 29]);
    assert.ok(refs.some((r) => r.uri.toString() === events.uri.toString()), 'ReportingEvents.log mentions it too');
  });

  it('a KB: references across WindowsUpdate.log, CBS.log and ReportingEvents.log; highlights in the document', async () => {
    const pos = positionOf(wu, 'CBS package identity', 'KB5053598', 2);
    const refs = await references(wu.uri, pos);
    const files = new Set(refs.map((r) => r.uri.toString()));
    assert.ok(files.has(wu.uri.toString()) && files.has(cbs.uri.toString()) && files.has(events.uri.toString()), [...files].join(' '));
    const hl = await highlights(wu.uri, pos);
    assert.deepEqual(hl.map((h) => h.range.start.line), [9, 26, 29]);
    assert.equal(wu.getText(hl[0].range), 'KB5053598');
  });

  it('a cV: definition at its first mention; its extensions are references', async () => {
    const pos = positionOf(wu, 'Federated Search ClientId', 'NaViGaTe0TeSt001.1.0', 3);
    const defs = await definitions(wu.uri, pos);
    assert.equal(lineOfDef(defs[0]), 2);
    const lines = (await references(wu.uri, pos)).map((r) => r.range.start.line);
    assert.deepEqual(lines, [2, 3, 6, 8, 11]);
  });

  it('a call id: only in its own service run (the agent numbers calls from 1 again after a restart)', async () => {
    const pos = positionOf(wu, '* START * Finding updates CallerId = UpdateOrchestrator', 'Id = 3', 1);
    const lines = (await references(wu.uri, pos)).map((r) => r.range.start.line);
    assert.deepEqual(lines, [4, 5, 6, 8]);
    assert.equal(lineOfDef((await definitions(wu.uri, pos))[0]), 4);
    const later = positionOf(wu, 'CallerId = Windows Defender  Id = 3', 'Id = 3', 1);
    assert.deepEqual((await references(wu.uri, later)).map((r) => r.range.start.line), [38, 39]);
  });

  it('a CBS session id: definition at the session start', async () => {
    const pos = positionOf(cbs, 'Exec: Processing complete', '31160001_2000000002', 2);
    assert.equal(lineOfDef((await definitions(cbs.uri, pos))[0]), lineOf(cbs, 'Session: 31160001_2000000002 initialized'));
    assert.equal((await references(cbs.uri, pos)).length, 3);
  });

  it('nothing on plain words', async () => {
    const pos = positionOf(wu, 'Agent Version', 'Version', 1);
    assert.deepEqual(await definitions(wu.uri, pos), []);
    assert.deepEqual(await highlights(wu.uri, pos), []);
  });
});
