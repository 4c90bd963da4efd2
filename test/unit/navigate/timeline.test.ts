// The merged timeline of a bundle, its clock offset, and the compact timeline for reports.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../../../src/core/analysis';
import { compactTimeline, clockShifts, formatClockOffset, mergeTimeline, parseClockOffset, timelineLine, type TimelineInput } from '../../../src/core/navigate';
import { NAV_DIR, readText } from './helpers';

function inputs(): TimelineInput[] {
  return readdirSync(NAV_DIR).sort().map((n) => ({ name: n, text: readText(path.join(NAV_DIR, n)) }));
}

describe('navigate: merged timeline', () => {
  it('tags each log, detects the WindowsUpdate.log clock offset and merges in client time', () => {
    const t = mergeTimeline(inputs());
    assert.deepEqual(t.sources.map((s) => [s.name, s.tag, s.clock]), [
      ['CBS.log', 'CBS', 'client'], ['DISM.log', 'DISM', 'client'], ['ReportingEvents.log', 'EVENTS', 'client'],
      ['WindowsUpdate.log', 'WU', 'decoder'], ['setupact.log', 'SETUP', 'client'],
    ]);
    assert.equal(t.offset.source, 'detected');
    assert.equal(t.offset.ms, 8 * 3600_000);
    assert.ok((t.offset.evidence ?? []).length > 0);
    assert.equal(t.length, t.sources.reduce((n, s) => n + s.lines - 1, 0), 'every line but the empty one after the last line end');
    const text = Array.from({ length: t.length }, (_, k) => timelineLine(t, k));
    const at = (needle: string): number => text.findIndex((l) => l.includes(needle));
    assert.ok(at('CBS package identity') < at('Session: 31160001_2000000002 initialized'), 'the install starts before its CBS session');
    assert.ok(at('Session: 31160001_2000000002 finalized') < at('AGENT_INSTALLING_FAILED'));
    assert.ok(at('AGENT_INSTALLING_FAILED') < at('RestoreHealth'));
    assert.ok(at('RestoreHealth') < at('Windows Defender'), 'the Defender search an hour later comes after DISM');
    assert.match(text[at('Failed to perform operation')], /^CBS {4}\| \d{4}-/);
    assert.match(text[at('Failed to perform operation') + 1], /^CBS {4}\| {4}Installer:/, 'continuation lines follow their record');
  });

  it('uses the offset the user sets, and says when there is only one clock', () => {
    const t = mergeTimeline(inputs(), { offsetMs: 0 });
    assert.deepEqual(t.offset, { ms: 0, source: 'setting' });
    const text = Array.from({ length: t.length }, (_, k) => timelineLine(t, k));
    assert.ok(text.findIndex((l) => l.startsWith('WU')) < text.findIndex((l) => l.startsWith('CBS')));
    assert.ok(text.filter((l) => l.startsWith('WU')).length === 41);
    const one = mergeTimeline(inputs().filter((i) => i.name !== 'WindowsUpdate.log'));
    assert.deepEqual(one.offset, { ms: 0, source: 'none', reason: 'oneClock' });
  });

  it('numbers tags of the same kind, skips text without times, caps the lines', () => {
    const cbs = inputs()[0];
    const t = mergeTimeline([cbs, { ...cbs, name: 'CbsPersist_1.log' }, { name: 'notes.txt', text: 'hello\nworld' }], { maxLines: 5 });
    assert.deepEqual(t.sources.map((s) => s.tag), ['CBS', 'CBS2', 'LOG']);
    assert.equal(t.sources[2].skipped, 'noTime');
    assert.equal(t.length, 5);
    assert.equal(t.truncated, true);
  });

  it('reads and writes offsets as people type them', () => {
    assert.equal(parseClockOffset('+8'), 8 * 3600_000);
    assert.equal(parseClockOffset('-5:30'), -(5 * 60 + 30) * 60_000);
    assert.equal(parseClockOffset('UTC+05:45'), (5 * 60 + 45) * 60_000);
    assert.equal(parseClockOffset('auto'), 'auto');
    assert.equal(parseClockOffset(''), 'auto');
    assert.equal(parseClockOffset('soon'), undefined);
    assert.equal(formatClockOffset(8 * 3600_000), '+8:00');
    assert.equal(formatClockOffset(-(5 * 60 + 30) * 60_000), '-5:30');
    assert.equal(formatClockOffset(0), '0:00');
  });
});

describe('navigate: compact timeline for reports', () => {
  it('lists installs, downloads, failures, Windows Update CBS sessions and DISM runs in time order', async () => {
    const a = await analyzeFiles([NAV_DIR]);
    const t = compactTimeline(a, { shiftMs: clockShifts(a, 8 * 3600_000) });
    const kinds = t.entries.map((e) => e.kind);
    assert.ok(kinds.includes('call') && kinds.includes('failure') && kinds.includes('session') && kinds.includes('dismRun'), kinds.join());
    assert.equal(t.omittedCalls, 2, 'the two successful searches are counted, not listed');
    const times = t.entries.map((e) => e.time ?? Infinity);
    assert.deepEqual(times, [...times].sort((x, y) => x - y));
    const wuFile = a.files.findIndex((f) => f.path.endsWith('WindowsUpdate.log'));
    const install = t.entries.findIndex((e) => e.kind === 'call' && e.call.kind === 'install');
    const session = t.entries.findIndex((e) => e.kind === 'session' && e.session.client === 'WindowsUpdateAgent');
    assert.ok(install < session, 'with the offset, the install call comes before its CBS session');
    assert.equal(t.entries[install].at.file, wuFile);
  });
});
