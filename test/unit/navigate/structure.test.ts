// Logical calls, the outline and folding regions of each log family.
import * as assert from 'node:assert/strict';
import { buildOutline, foldingRegions, indexRecords, logicalCalls, recordAt, type OutlineNode } from '../../../src/core/navigate';
import { lineOf, nav } from './helpers';

const kinds = (nodes: OutlineNode[]): string[] => nodes.map((n) => n.kind);

describe('navigate: logical calls', () => {
  const wu = nav('WindowsUpdate.log');
  const calls = logicalCalls(wu.analysis.calls);

  it('joins the federated search, its per-service search and the agent halves into one call with its call id', () => {
    assert.deepEqual(calls.map((c) => c.kind), ['search', 'download', 'install', 'search']);
    const search = calls[0];
    assert.equal(search.halves.length, 3);
    assert.equal(search.callId, 3);
    assert.equal(search.client, 'UpdateOrchestrator');
    assert.equal(search.cv, 'NaViGaTe0TeSt001.1.0');
    assert.equal(search.startLine, 2);
    assert.equal(search.endLine, 12);
  });

  it('joins the agent deploy call without cV into the install that holds it; the call failed', () => {
    const install = calls[2];
    assert.equal(install.halves.length, 2);
    assert.equal(install.result, 'failed');
    assert.equal(install.callErrorCode, 0x80240022);
    assert.deepEqual(install.updateIds.sort(), ['A1B2C3D4-1111-4222-8333-0123456789AB', 'B2C3D4E5-2222-4333-8444-123456789ABC']);
  });

  it('keeps calls of different files and unrelated vectors apart', () => {
    const other = { ...wu.analysis.calls[1], key: '1:3', file: 1 };
    assert.equal(logicalCalls([wu.analysis.calls[0], other]).length, 2);
    assert.deepEqual(logicalCalls([]), []);
  });
});

describe('navigate: outline', () => {
  it('WindowsUpdate.log: calls with their updates and the deciding failure', () => {
    const wu = nav('WindowsUpdate.log');
    const outline = buildOutline(wu.analysis, wu.index, wu.lineText);
    assert.deepEqual(kinds(outline), ['call', 'call', 'call', 'call']);
    const install = outline[2];
    assert.equal(install.line, 19);
    assert.equal(install.endLine, 33);
    assert.deepEqual(kinds(install.children), ['update', 'update', 'failure']);
    assert.equal(install.children[2].line, lineOf(wu, 'LogHistory called for Caller=UpdateOrchestrator, idUpdate=A1B2'));
    for (const c of install.children) assert.ok(c.line >= install.line && c.line <= install.endLine);
  });

  it('CBS.log: sessions with their package and error', () => {
    const cbs = nav('CBS.log');
    const outline = buildOutline(cbs.analysis, cbs.index, cbs.lineText);
    assert.deepEqual(kinds(outline), ['session', 'session']);
    const wu = outline[1];
    assert.equal(wu.session?.client, 'WindowsUpdateAgent');
    assert.ok(wu.children.some((c) => c.kind === 'package' && c.line === lineOf(cbs, 'Appl: Evaluating')), JSON.stringify(kinds(wu.children)));
    assert.ok(wu.children.some((c) => c.kind === 'cbsError' || c.kind === 'failure'));
  });

  it('DISM.log: the run with its error lines and result', () => {
    const dism = nav('DISM.log');
    const outline = buildOutline(dism.analysis, dism.index, dism.lineText);
    assert.deepEqual(kinds(outline), ['dismRun', 'storeHealth']);
    const run = outline[0];
    assert.equal(run.run?.verb, 'RestoreHealth');
    assert.ok(kinds(run.children).includes('result'), kinds(run.children).join());
  });

  it('setupact.log: the SetupHost run with its phases, an error inside the install phase', () => {
    const setup = nav('setupact.log');
    const outline = buildOutline(setup.analysis, setup.index, setup.lineText);
    assert.deepEqual(kinds(outline), ['run']);
    const phases = outline[0].children.filter((c) => c.kind === 'phase');
    assert.deepEqual(phases.map((p) => p.text), ['SetupPhasePrepare', 'SetupPhaseInstall', 'SetupPhaseFinalize']);
    assert.deepEqual(kinds(phases[1].children), ['errorLine']);
    assert.equal(outline[0].endLine, 5);
  });
});

describe('navigate: folding and the record index', () => {
  it('folds each call and its halves', () => {
    const wu = nav('WindowsUpdate.log');
    const folds = foldingRegions(wu.analysis, wu.index);
    assert.ok(folds.some((f) => f.start === 2 && f.end === 12 && f.kind === 'call'));
    assert.ok(folds.some((f) => f.start === 19 && f.end === 33));
    assert.ok(folds.some((f) => f.start === 21 && f.end === 30));
  });

  it('folds each CBS session and each record with continuation lines', () => {
    const cbs = nav('CBS.log');
    const folds = foldingRegions(cbs.analysis, cbs.index);
    const err = lineOf(cbs, 'Failed to perform operation');
    assert.ok(folds.some((f) => f.start === err && f.end === err + 2 && f.kind === 'record'), JSON.stringify(folds));
    assert.ok(folds.some((f) => f.start === 3 && f.end === 10 && f.kind === 'session'));
    assert.equal(recordAt(cbs.index, err + 1), recordAt(cbs.index, err));
  });

  it('indexes threads, components, levels and times; any text is safe', () => {
    const wu = nav('WindowsUpdate.log');
    const r = recordAt(wu.index, 27);
    assert.equal(wu.index.tid[r], 1310);
    assert.equal(wu.index.components[wu.index.component[r]], 'Handler');
    assert.ok(Number.isFinite(wu.index.time[r]));
    for (const t of ['', '\u0000\u0000', 'x'.repeat(100_000), '2025/03/10 00:00:00.0000000 1 2 A b\r\n\r\n\u2028']) {
      const idx = indexRecords(t, 'WindowsUpdate.log');
      assert.ok(idx.count >= 0);
    }
  });
});
