import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../src/core/analysis';
import type { Analysis, Call, CallKind } from '../../../src/core/analysis/types';
import { PAGE_SIZE, sortedUpdates, type TreeOptions, type Tr, type TreeNode, TreeModel } from '../../../src/treeView/treeModel';
import { viewOf, type NodeView } from '../../../src/treeView/treeNodeViews';
import { targetsOf } from '../../../src/treeView/treeTargets';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test/integration/workspace/tree/WindowsUpdate.log');
const NAV = path.join(ROOT, 'test/integration/workspace/navigate/WindowsUpdate.log');

/** English with placeholders filled, like vscode.l10n.t without a bundle. */
const t: Tr = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

function modelOf(text: string, name = 'WindowsUpdate.log', options?: TreeOptions): { model: TreeModel; lines: string[] } {
  const lines = text.split(/\r?\n/);
  const model = new TreeModel({ analysis: analyzeText(text, name), t, lang: 'en', lineText: (l) => lines[l], options });
  return { model, lines };
}

const view = (model: TreeModel, n: TreeNode): NodeView => viewOf(model, n);
const label = (model: TreeModel, n: TreeNode): string => view(model, n).label;

function section(model: TreeModel, name: string): TreeNode {
  const hit = model.roots().find((r) => label(model, r) === name);
  assert.ok(hit, `no "${name}" section: ${model.roots().map((r) => label(model, r)).join(' | ')}`);
  return hit;
}

/** Every node reachable from the roots (all pages), to check no subtree is repeated. */
function walk(model: TreeModel, nodes: TreeNode[], depth: number, out: Array<{ node: TreeNode; depth: number }>): void {
  for (const n of nodes) {
    out.push({ node: n, depth });
    if (view(model, n).collapsible !== 'none' && depth < 8) walk(model, model.children(n), depth + 1, out);
  }
}

function emptyAnalysis(): Analysis {
  return { files: [], calls: [], updates: [], cbsSessions: [], failures: [], noise: [] };
}

function fakeCall(i: number, kind: CallKind): Call {
  return { key: `0:${i}`, kind, file: 0, client: `Client${i}`, startLine: i, updateIds: [], result: i % 7 === 0 ? 'failed' : 'succeeded' };
}

describe('treeView model: an expert overview of a WU 10 log', () => {
  const { model, lines } = modelOf(readFileSync(FIXTURE, 'utf8'));

  it('leads with what still fails, then updates with a result', () => {
    assert.deepEqual(model.roots().map((r) => label(model, r)), ['Still failing', 'Updates with a result']);
    const failures = model.children(section(model, 'Still failing'));
    assert.equal(failures.length, 1);
    const v = view(model, failures[0]);
    assert.match(v.label, /^Install 0x800F0988 \S+/);
    assert.match(v.description ?? '', /^KB5051974 · 2025-02-11 08:20:00 · line \d+$/, 'KB, date and time, line');
    assert.equal(v.iconColor, 'failed');
    assert.ok(v.line !== undefined && /LogHistory|Install complete|Call error/.test(lines[v.line]));
    assert.match(v.contextValue, /^wuLogLens\.failure;updateId;summarize;kb;cv;code;focus$/);
  });

  it('labels evidence lines by their role before the line text, and leads to the update and call by leaf links', () => {
    const kids = model.children(model.children(section(model, 'Still failing'))[0]);
    const texts = kids.map((k) => label(model, k));
    assert.ok(texts.some((l) => /^root cause: Handler \*FAILED\* \[800F0988\]/.test(l)), texts.join(' | '));
    assert.ok(texts.some((l) => /^outcome: /.test(l)));
    const refs = kids.filter((k) => k.type === 'ref').map((k) => view(model, k));
    assert.deepEqual(refs.map((r) => r.label.split(':')[0]), ['Update', 'Call']);
    assert.ok(refs.every((r) => r.collapsible === 'none'), 'references are leaves');
    for (const k of kids.filter((x) => x.type === 'line')) assert.match(view(model, k).description ?? '', /^2025-02-11 \d{2}:\d{2}:\d{2} · line \d+$/);
  });

  it('shows update verdicts, failed first, each with its date and time', () => {
    const updates = model.children(section(model, 'Updates with a result')).map((n) => view(model, n));
    assert.match(updates[0].label, /^KB5051974 2025-02 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems$/);
    assert.equal(updates[0].icon, 'error');
    assert.match(updates[0].description ?? '', /^failed · 2025-02-11 08:20:00 · line \d+$/);
    assert.match(updates[1].label, /KB5050188/);
    assert.equal(updates[1].iconColor, 'passed');
  });

  it('never repeats a subtree: every entity is expandable once, references are leaves', () => {
    const all: Array<{ node: TreeNode; depth: number }> = [];
    walk(model, model.roots(), 0, all);
    const expandable = all.filter((x) => x.node.type === 'update' || x.node.type === 'call' || x.node.type === 'failure' || x.node.type === 'session');
    const keys = expandable.map((x) => (x.node.type === 'update' ? `u${x.node.update.updateId}` : x.node.type === 'call' ? `c${x.node.call.key}` : x.node.type === 'failure' ? `f${x.node.failure.key}` : `s${x.node.type}`));
    assert.equal(new Set(keys).size, keys.length, keys.join(' '));
  });

  it('groups by call: one node per logical call, with date, time and cV; counts and codes under it', () => {
    const { model: byCall } = modelOf(readFileSync(FIXTURE, 'utf8'), 'WindowsUpdate.log', { groupBy: 'call', failuresOnly: false });
    assert.deepEqual(byCall.roots().map((r) => label(byCall, r)), ['Still failing', 'Calls']);
    const calls = byCall.children(section(byCall, 'Calls')).map((n) => view(byCall, n));
    const install = calls.find((c) => c.label === 'Install: UpdateOrchestrator');
    assert.ok(install, calls.map((c) => c.label).join(' | '));
    assert.match(install.description ?? '', /^failed · cV TrEeViEwTeSt0001\.3\.0\.0 · 2025-02-11 07:50:00 · line 16$/);
    const node = byCall.children(section(byCall, 'Calls')).find((n) => label(byCall, n) === 'Install: UpdateOrchestrator');
    assert.ok(node);
    const kids = byCall.children(node).map((k) => label(byCall, k));
    assert.ok(kids.includes('succeeded 1, with errors 0, failed 1, cancelled 0, unaccounted 0'), kids.join(' | '));
    assert.ok(kids.some((k) => /^Call error code 0x80240022 WU_E_ALL_UPDATES_FAILED$/.test(k)));
    assert.ok(kids.filter((k) => /^start: /.test(k)).length === 2, 'the client and agent halves are joined into this one call');
    assert.match(calls[calls.length - 1].label, /^\d+ other calls/);
  });

  it('failures only: nothing but the failure sections', () => {
    const { model: only } = modelOf(readFileSync(FIXTURE, 'utf8'), 'WindowsUpdate.log', { groupBy: 'call', failuresOnly: true });
    assert.deepEqual(only.roots().map((r) => label(only, r)), ['Still failing']);
  });

  it('gives menus what they need: update id with revision, KB, cV, code, focus', () => {
    const f = model.children(section(model, 'Still failing'))[0];
    const x = targetsOf(model, f);
    assert.equal(x.updateIdText, 'A1B2C3D4-1111-4222-8333-0123456789AB.200');
    assert.equal(x.kb, '5051974');
    assert.equal(x.cv, 'TrEeViEwTeSt0001.3.0.0');
    assert.equal(x.code, 0x800f0988);
    assert.deepEqual(x.focus, { kind: 'update', updateId: 'A1B2C3D4-1111-4222-8333-0123456789AB', kb: '5051974' });
  });

  it('escapes log text in tooltips', () => {
    const evil = '2025/02/11 07:30:04.6000000 4100  4120  ComApi          Title=[x](http://evil.invalid) <img src=x> (KB5099999), ProductName=(null), UpdateId=C3D4E5F6-3333-4444-8555-23456789ABCD.1, FlightId=(null), DeploymentAction=Install\n';
    const { model: m } = modelOf(evil);
    const rest = m.children(m.roots()[1] ?? m.roots()[0]);
    const u = rest.find((n) => n.type === 'rest') ?? rest[0];
    const tip = view(m, m.children(u)[0] ?? u).tooltip ?? '';
    assert.match(tip, /evil/, 'the title is shown');
    assert.doesNotMatch(tip, /(?<!\\)\]\(/, 'no unescaped link');
    assert.doesNotMatch(tip, /(?<!\\)</, 'no unescaped HTML');
  });
});

describe('treeView model: recovered failures and updates without a result', () => {
  it('puts what recovered after what still fails, and collapses updates without a result', () => {
    const { model } = modelOf(readFileSync(NAV, 'utf8'));
    const roots = model.roots().map((r) => label(model, r));
    assert.equal(roots[0], 'Still failing');
    const updates = model.children(section(model, 'Updates with a result'));
    const rest = updates[updates.length - 1];
    assert.equal(rest.type, 'rest');
    assert.equal(label(model, rest), '1 updates without a result');
    assert.equal(view(model, rest).collapsible, 'collapsed');
  });

  it('shows a recovered failure under "Recovered later", with the line it recovered at', () => {
    const a = analyzeText(readFileSync(NAV, 'utf8'), 'WindowsUpdate.log');
    a.failures[0].recovered = { file: 0, line: 39 };
    const model = new TreeModel({ analysis: a, t, lang: 'en' });
    assert.deepEqual(model.roots().slice(0, 2).map((r) => label(model, r)), ['Still failing', 'Recovered later']);
    assert.equal(label(model, model.children(model.roots()[0])[0]), 'Every failure recovered later');
    const f = model.children(model.roots()[1])[0];
    assert.equal(view(model, f).iconColor, 'warning');
    assert.ok(model.children(f).some((k) => k.type === 'line' && k.role === 'recovered' && k.at.line === 39));
  });
});

describe('treeView model paging and empty logs', () => {
  it('pages thousands of calls behind "more" nodes', () => {
    const a = emptyAnalysis();
    for (let i = 0; i < 2500; i++) a.calls.push(fakeCall(i * 2, 'download'));
    const model = new TreeModel({ analysis: a, t, lang: 'en', options: { groupBy: 'call', failuresOnly: false } });
    const first = model.children(section(model, 'Calls'));
    assert.equal(first.length, PAGE_SIZE + 1);
    const more = first[PAGE_SIZE];
    assert.equal(more.type, 'more');
    assert.equal(label(model, more), `… ${2500 - PAGE_SIZE} more`);
    let seen = PAGE_SIZE;
    let node: TreeNode | undefined = more;
    while (node) {
      const kids = model.children(node);
      seen += kids.filter((k) => k.type === 'call').length;
      node = kids.find((k) => k.type === 'more');
    }
    assert.equal(seen, 2500);
  });

  it('says when there is nothing, and why for an undecoded log', () => {
    const model = new TreeModel({ analysis: emptyAnalysis(), t, lang: 'en' });
    assert.match(label(model, model.roots()[0]), /No calls, updates or failures/);
    const a = emptyAnalysis();
    a.files.push({ path: 'x.log', format: 'undecoded' } as Analysis['files'][number]);
    const m2 = new TreeModel({ analysis: a, t, lang: 'en' });
    assert.match(label(m2, m2.roots()[0]), /Get-WindowsUpdateLog/);
  });

  it('sortedUpdates keeps log order inside a rank', () => {
    const u = (id: string, outcome: 'failed' | 'succeeded' | 'unknown', kb?: string) => ({ updateId: id, outcome, kb, results: [], mentions: [], callKeys: [] });
    const order = sortedUpdates([u('A', 'unknown'), u('B', 'succeeded'), u('C', 'unknown', '1'), u('D', 'failed'), u('E', 'failed')]).map((x) => x.updateId);
    assert.deepEqual(order, ['D', 'E', 'B', 'C', 'A']);
  });
});

describe('treeView model on a CBS log', () => {
  const file = path.join(ROOT, 'test/integration/workspace/tree/CBS.log');
  const { model } = modelOf(readFileSync(file, 'utf8'), 'CBS.log');

  it('shows CBS sessions with client, KB, date and time, and links failures to their session', () => {
    assert.deepEqual(model.roots().map((r) => label(model, r)), ['Still failing', 'CBS sessions']);
    const sessions = model.children(section(model, 'CBS sessions'));
    assert.equal(sessions.length, 1);
    const v = view(model, sessions[0]);
    assert.equal(v.label, 'Session 31160042_3310000007');
    assert.match(v.description ?? '', /^WindowsUpdateAgent · KB5051974 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} · line 2$/);
    const errors = model.children(sessions[0]).filter((n) => n.type === 'cbsError').map((n) => label(model, n));
    assert.deepEqual(errors, ['0x800F0988 PSFX_E_INVALID_DELTA_COMBINATION']);
    const withKb = model.children(section(model, 'Still failing')).find((f) => /KB5051974/.test(view(model, f).description ?? ''));
    assert.ok(withKb, 'a failure names the KB');
    assert.ok(model.children(withKb).some((n) => n.type === 'ref' && n.target.kind === 'session'), 'the failure links its CBS session');
  });
});
