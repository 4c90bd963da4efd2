import * as assert from 'node:assert/strict';
import { phaseOfCode, phaseOfComponent, phaseOfCallKind, phaseOfOperation } from '../../../src/core/analysis/phase';

describe('analysis: phase evidence', () => {
  it('code ranges', () => {
    assert.equal(phaseOfCode(0x8024402f), 'scan');
    assert.equal(phaseOfCode(0x80072ee2), 'scan');
    assert.equal(phaseOfCode(0x80072ee2, 'download'), 'download', 'network codes follow their context');
    assert.equal(phaseOfCode(0x8020002b), 'download');
    assert.equal(phaseOfCode(0x80d03805), 'download');
    assert.equal(phaseOfCode(0x80246007), 'download');
    assert.equal(phaseOfCode(0x80242014), 'install');
    assert.equal(phaseOfCode(0x800f0922), 'install');
    assert.equal(phaseOfCode(0x800f0988), 'install');
    assert.equal(phaseOfCode(0x80070005), undefined, 'Win32 codes say nothing about the phase');
  });
  it('components, call kinds, operations', () => {
    assert.equal(phaseOfComponent('ProtocolTalker'), 'scan');
    assert.equal(phaseOfComponent('DownloadManager'), 'download');
    assert.equal(phaseOfComponent('Handler'), 'install');
    assert.equal(phaseOfComponent('Agent'), undefined);
    assert.equal(phaseOfCallKind('search'), 'scan');
    assert.equal(phaseOfCallKind('uninstall'), 'install');
    assert.equal(phaseOfOperation('Install'), 'install');
    assert.equal(phaseOfOperation('download'), 'download');
  });
});
