import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../src/core/analysis';
import type { Analysis, Call, CallKind } from '../../../src/core/analysis/types';
import { groupCalls, PAGE_SIZE, sortedUpdates, type Tr, type TreeNode, TreeModel } from '../../../src/treeView/treeModel';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test/integration/workspace/tree/WindowsUpdate.log');

/** English with placeholders filled, like vscode.l10n.t without a bundle. */
const t: Tr = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

function modelOf(text: string, name = 'WindowsUpdate.log'): { model: TreeModel; lines: string[] } {
  const lines = text.split(/\r?\n/);
  const model = new TreeModel({ analysis: analyzeText(text, name), t, lang: 'en', lineText: (l) => lines[l] });
  return { model, lines };
}

function label(model: TreeModel, n: TreeNode): string {
  return model.view(n).label;
}

function findChild(model: TreeModel, parent: TreeNode, re: RegExp): TreeNode {
  const kids = model.children(parent);
  const hit = kids.find((k) => re.test(label(model, k)));
  assert.ok(hit, `no child matching ${re} under "${label(model, parent)}": ${kids.map((k) => label(model, k)).join(' | ')}`);
  return hit;
}

function emptyAnalysis(): Analysis {
  return { files: [], calls: [], updates: [], cbsSessions: [], failures: [], noise: [] };
}

function fakeCall(i: number, kind: CallKind): Call {
  return { key: `0:${i}`, kind, file: 0, client: `Client${i}`, startLine: i, updateIds: [], result: i % 7 === 0 ? 'failed' : 'succeeded' };
}

describe('treeView model on a WU 10 log with a failed install', () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const { model, lines } = modelOf(text);
  const roots = model.roots();

  it('has Failures, Updates and Calls sections, no CBS section', () => {
    assert.deepEqual(roots.map((r) => label(model, r)), ['Failures', 'Updates', 'Calls']);
  });

  it('names the failure by phase, code and name, with the KB and line, and lists its evidence', () => {
    const failures = model.children(roots[0]);
    assert.equal(failures.length, 1);
    const v = model.view(failures[0]);
    assert.match(v.label, /^Install 0x800F0988 \S+/);
    assert.match(v.description ?? '', /KB5051974 · line \d+/);
    assert.equal(v.iconColor, 'failed');
    assert.ok(v.line !== undefined && /LogHistory|Install complete|Call error/.test(lines[v.line]), `failure line ${v.line}`);
    const evidence = model.children(failures[0]).filter((n) => n.type === 'line');
    assert.ok(evidence.length >= 2);
    const root = evidence.map((n) => model.view(n)).find((e) => /root cause/.test(e.description ?? ''));
    assert.ok(root, 'a root-cause evidence line');
    assert.match(root.label, /\*FAILED\* \[800F0988\]/);
    assert.doesNotMatch(root.label, /^2025/, 'timestamp removed from the label');
  });

  it('shows update verdicts: failed first, then succeeded', () => {
    const updates = model.children(roots[1]).map((n) => model.view(n));
    assert.match(updates[0].label, /^KB5051974 2025-02 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems$/);
    assert.equal(updates[0].icon, 'error');
    assert.match(updates[1].label, /KB5050188/);
    assert.equal(updates[1].icon, 'pass');
    assert.equal(updates[1].iconColor, 'passed');
  });

  it('gives an update its results, calls and capped mentions', () => {
    const failed = model.children(roots[1])[0];
    const kids = model.children(failed);
    const results = kids.filter((k) => k.type === 'result').map((k) => label(model, k));
    assert.ok(results.some((r) => /^install: 0x800F0988/.test(r)), results.join(' | '));
    assert.ok(kids.some((k) => k.type === 'call' && /^Install: UpdateOrchestrator/.test(label(model, k))));
    const mentions = findChild(model, failed, /^Mentions$/);
    assert.ok(model.children(mentions).length >= 3);
  });

  it('groups calls by kind (install first) with client, cV and result', () => {
    const groups = model.children(roots[2]).map((g) => label(model, g));
    assert.deepEqual(groups, ['Install', 'Download', 'Search']);
    const install = model.children(model.children(roots[2])[0]).map((c) => model.view(c));
    const failed = install.find((c) => c.iconColor === 'failed');
    assert.ok(failed);
    assert.equal(failed.label, 'Install: UpdateOrchestrator');
    assert.match(failed.description ?? '', /failed · cV TrEeViEwTeSt0001\.3\.0\.0 · line 16/);
    const search = model.children(model.children(roots[2])[2]).map((c) => model.view(c).label);
    assert.ok(search.includes('Search: Windows Defender'), search.join(' | '));
  });

  it('lists counts and the call error code under a call', () => {
    const installGroup = model.children(roots[2])[0];
    const failed = model.children(installGroup).find((c) => model.view(c).iconColor === 'failed');
    assert.ok(failed);
    const kids = model.children(failed).map((k) => model.view(k).label);
    assert.ok(kids.includes('succeeded 1, with errors 0, failed 1, cancelled 0, unaccounted 0'), kids.join(' | '));
    assert.ok(kids.some((k) => /^Call error code 0x80240022 WU_E_ALL_UPDATES_FAILED$/.test(k)), kids.join(' | '));
  });

  it('escapes log text in tooltips', () => {
    const evil = '2025/02/11 07:30:04.6000000 4100  4120  ComApi          Title=[x](http://evil.invalid) <img src=x> (KB5099999), ProductName=(null), UpdateId=C3D4E5F6-3333-4444-8555-23456789ABCD.1, FlightId=(null), DeploymentAction=Install\n';
    const { model: m } = modelOf(evil);
    const updates = m.roots().find((r) => label(m, r) === 'Updates');
    assert.ok(updates);
    const tip = m.view(m.children(updates)[0]).tooltip ?? '';
    assert.ok(tip.length > 0);
    assert.match(tip, /evil/, 'the title is shown');
    assert.doesNotMatch(tip, /(?<!\\)\]\(/, 'no unescaped link');
    assert.doesNotMatch(tip, /(?<!\\)</, 'no unescaped HTML');
  });
});

describe('treeView model paging and empty logs', () => {
  it('caps thousands of calls per kind with a "more" node that pages lazily', () => {
    const a = emptyAnalysis();
    for (let i = 0; i < 2500; i++) a.calls.push(fakeCall(i, i % 2 ? 'search' : 'download'));
    const model = new TreeModel({ analysis: a, t, lang: 'en' });
    const callsSection = model.roots().find((r) => label(model, r) === 'Calls');
    assert.ok(callsSection);
    const groups = model.children(callsSection);
    assert.deepEqual(groups.map((g) => label(model, g)), ['Download', 'Search']);
    const first = model.children(groups[0]);
    assert.equal(first.length, PAGE_SIZE + 1);
    const more = first[PAGE_SIZE];
    assert.equal(more.type, 'more');
    assert.equal(label(model, more), `… ${1250 - PAGE_SIZE} more`);
    const second = model.children(more);
    assert.equal(label(model, second[0]), `Download: Client${PAGE_SIZE * 2}`);
    let seen = PAGE_SIZE;
    let node: TreeNode | undefined = more;
    while (node) {
      const kids = model.children(node);
      seen += kids.filter((k) => k.type === 'call').length;
      node = kids.find((k) => k.type === 'more');
    }
    assert.equal(seen, 1250);
  });

  it('says when there is nothing, and why for an undecoded log', () => {
    const model = new TreeModel({ analysis: emptyAnalysis(), t, lang: 'en' });
    const roots = model.roots();
    assert.equal(roots.length, 1);
    assert.match(label(model, roots[0]), /No calls, updates or failures/);
    const a = emptyAnalysis();
    a.files.push({ path: 'x.log', format: 'undecoded' } as Analysis['files'][number]);
    const m2 = new TreeModel({ analysis: a, t, lang: 'en' });
    assert.match(label(m2, m2.roots()[0]), /Get-WindowsUpdateLog/);
  });

  it('groupCalls and sortedUpdates keep log order inside a rank', () => {
    const calls = [fakeCall(1, 'search'), fakeCall(2, 'install'), fakeCall(3, 'search')];
    assert.deepEqual(groupCalls(calls).map(([k, cs]) => [k, cs.map((c) => c.key)]), [['install', ['0:2']], ['search', ['0:1', '0:3']]]);
    const u = (id: string, outcome: 'failed' | 'succeeded' | 'unknown', kb?: string) => ({ updateId: id, outcome, kb, results: [], mentions: [], callKeys: [] });
    const order = sortedUpdates([u('A', 'unknown'), u('B', 'succeeded'), u('C', 'unknown', '1'), u('D', 'failed'), u('E', 'failed')]).map((x) => x.updateId);
    assert.deepEqual(order, ['D', 'E', 'B', 'C', 'A']);
  });
});

describe('treeView model on a CBS log', () => {
  const file = path.join(ROOT, 'test/integration/workspace/tree/CBS.log');
  const { model } = modelOf(readFileSync(file, 'utf8'), 'CBS.log');

  it('shows CBS sessions with client, KB and errors, and links failures to their session', () => {
    const roots = model.roots();
    assert.deepEqual(roots.map((r) => label(model, r)), ['Failures', 'CBS sessions']);
    const sessions = model.children(roots[1]);
    assert.equal(sessions.length, 1);
    const v = model.view(sessions[0]);
    assert.equal(v.label, 'Session 31160042_3310000007');
    assert.match(v.description ?? '', /^WindowsUpdateAgent · KB5051974 · errors: 1 · line 2$/);
    const errors = model.children(sessions[0]).filter((n) => n.type === 'cbsError').map((n) => label(model, n));
    assert.deepEqual(errors, ['0x800F0988 PSFX_E_INVALID_DELTA_COMBINATION']);
    const withKb = model.children(roots[0]).find((f) => /KB5051974/.test(model.view(f).description ?? ''));
    assert.ok(withKb, 'a failure names the KB');
    assert.ok(model.children(withKb).some((n) => n.type === 'session'), 'the failure links its CBS session');
  });
});
