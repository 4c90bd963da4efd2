// One chain per failed update across the logs (WindowsUpdate.log → ReportingEvents → CBS →
// DISM/store), a repair that used Windows Update as its source as one chain, and what to ask
// the customer for when a verdict's evidence is in a log the bundle lacks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../../src/core/analysis';
import { renderMarkdown, toJsonReport } from '../../../src/core/report';
import { PROJECT_ROOT } from '../../support';

const FIX = path.join(PROJECT_ROOT, 'test', 'fixtures', 'analysis');
const UPDATE = '7E57A1B2-1C2D-4E5F-8A9B-0C1D2E3F4A5B';

/** ReportingEvents.log (UTF-16LE with BOM) with the install failure of the fixture's update. */
function reporting(): Buffer {
  const ev = [
    `{0D0D0D0D-1111-4222-8333-444444444444}\t2024-03-05 09:12:05:000+0100\t1\t182 [AGENT_INSTALLING_FAILED]\t101\t{${UPDATE}}\t200\t80070002\tUpdateOrchestrator\tFailure\tContent Install\tInstallation Failure: Windows failed to install the following update with error 0x80070002: 2024-03 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5035853).\tZyXwVuTs98765432.2.0.0`,
  ].join('\r\n');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${ev}\r\n`, 'utf16le')]);
}

const DISM_LINE = (t: string, m: string): string => `2024-03-05 ${t}, Info                  DISM   ${m}`;
/** A RestoreHealth that fetched from Windows Update (no /LimitAccess) and failed to download. */
const DISM_REPAIR = [
  DISM_LINE('10:00:00', 'DISM.EXE: <----- Starting Dism.exe session ----->'),
  DISM_LINE('10:00:00', 'DISM.EXE: Host machine information: OS Version=10.0.22631, Running architecture=amd64, Number of processors=8'),
  DISM_LINE('10:00:00', 'DISM.EXE: Executing command line: DISM.exe  /Online /Cleanup-Image /RestoreHealth'),
  DISM_LINE('10:00:01', 'DISM Package Manager: PID=7566 TID=7572 Processing the top level command token(cleanup-image). - CPackageManagerCLIHandler::Private_ValidateCmdLine'),
  DISM_LINE('10:04:00', 'DISM Package Manager: PID=7566 TID=7572 Failed to restore the image health. - CPackageManagerCLIHandler::Private_ProcessRestoreHealth(hr:0x800f0906)'),
  DISM_LINE('10:04:00', 'DISM.EXE: Image session has been closed. Reboot required=no.'),
  DISM_LINE('10:04:00', 'DISM.EXE: DISM Package Manager processed the command line but failed. HRESULT=800F0906'),
  DISM_LINE('10:04:01', 'DISM.EXE: <----- Ending Dism.exe session ----->'),
].join('\r\n');

/** The WU side of that repair: a download for TrustedInstaller that failed at the same time. */
const WU_REPAIR = [
  '2024/03/05 10:01:00.0000000 5000  5010  ComApi          * START *   Download ClientId = TrustedInstaller FOD Enumerate',
  '2024/03/05 10:01:00.1000000 5000  5010  ComApi          Updates in request: 1',
  '2024/03/05 10:03:00.0000000 600   620   DownloadManager *FAILED* [80072EE2] Download failed for update C0FFEE00-1234-4321-ABCD-00000000BEEF.1',
  '2024/03/05 10:03:01.0000000 5000  5020  ComApi          Download call complete (succeeded = 0, succeeded with errors = 0, failed = 1, cancelled = 0, unaccounted = 0',
  '2024/03/05 10:03:01.1000000 5000  5020  ComApi          ClientId = TrustedInstaller FOD Enumerate: Exit code = 0x00000000; Call error code = 0x80072EE2',
  '2024/03/05 10:03:01.2000000 5000  5020  ComApi          * END *   Download ClientId = TrustedInstaller FOD Enumerate',
].join('\r\n');

describe('bundle: chains across logs and what to ask for next', function () {
  this.timeout(60000);
  let tmp = '';
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-chains-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const folder = (name: string, files: Record<string, string | Buffer>): string => {
    const dir = path.join(tmp, name);
    for (const [n, data] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, n)), { recursive: true });
      fs.writeFileSync(path.join(dir, n), data);
    }
    return dir;
  };

  it('follows one update from WindowsUpdate.log to ReportingEvents and its CBS session, each link with confidence and both lines', async () => {
    const dir = folder('update', {
      'WindowsUpdate.log': fs.readFileSync(path.join(FIX, 'wu10-install-fail.log')),
      'SoftwareDistribution/ReportingEvents.log': reporting(),
      'Logs/CBS/CBS.log': fs.readFileSync(path.join(FIX, 'cbs-kb-fail.log')),
    });
    const a = await analyzeFiles([dir]);
    const c = a.chains?.find((x) => x.kb === '5035853');
    assert.ok(c, `chains: ${JSON.stringify(a.chains?.map((x) => x.key))}`);
    assert.deepEqual(c.steps.map((s) => s.kind), ['wu', 'reporting', 'cbs']);
    assert.equal(c.updateId, UPDATE);
    const [wuRep, toCbs] = c.links;
    assert.deepEqual(wuRep.matchedBy, ['updateId', 'time']);
    assert.equal(wuRep.confidence, 'high');
    assert.ok(toCbs.matchedBy.includes('kb') && toCbs.matchedBy.includes('package'));
    assert.equal(toCbs.confidence, 'high');
    assert.equal(c.steps[2].code, 0x800f081f);
    assert.ok(toCbs.fromLine && toCbs.toLine && toCbs.toText, 'both sides of the link carry a line');
    const md = renderMarkdown(a, { lang: 'en' });
    assert.match(md, /### 2024-03 Cumulative Update .*KB5035853.* \(still failing\)/);
    assert.match(md, /↳ same update ID, inside the time window, less than a minute apart \(confidence: high\): WindowsUpdate\.log:\d+/);
    assert.match(md, /the KB is in the CBS package name/);
    assert.match(renderMarkdown(a, { lang: 'zh-cn' }), /（可信度：高）/);
    const j = toJsonReport(a);
    const jc = j.chains?.find((x) => x.kb === '5035853');
    assert.equal(jc?.links[0].from_.file.endsWith('WindowsUpdate.log'), true);
    assert.equal(jc?.links[1].to_.file.endsWith('CBS.log'), true);
  });

  it('a DISM repair that used Windows Update as its source and failed because the download failed is one chain', async () => {
    const dir = folder('repair', { 'WindowsUpdate.log': WU_REPAIR, 'Logs/DISM/dism.log': DISM_REPAIR });
    const a = await analyzeFiles([dir]);
    const c = a.chains?.find((x) => x.kind === 'repairSource');
    assert.ok(c, `chains: ${JSON.stringify(a.chains)}; failures ${JSON.stringify(a.failures.map((f) => [f.code.toString(16), f.phase, f.outcomeKind]))}`);
    assert.deepEqual(c.steps.map((s) => s.kind), ['dism', 'wu']);
    assert.equal(c.steps[0].code, 0x800f0906);
    assert.ok(c.links[0].matchedBy.includes('repairSource') && c.links[0].matchedBy.includes('client'));
    assert.equal(c.links[0].confidence, 'high');
    assert.match(renderMarkdown(a, { lang: 'en' }), /### Repair that used Windows Update as its source/);
    assert.match(renderMarkdown(a, { lang: 'zh-cn' }), /### 以 Windows 更新为修复源的修复/);
  });

  it('says which log to ask for next, and why, in both languages', async () => {
    // An install failure without any CBS log; a download failure without a Delivery Optimization log.
    const dir = folder('missing', {
      'WindowsUpdate.log': fs.readFileSync(path.join(FIX, 'wu10-install-fail.log')),
      'WindowsUpdate_dl.log': fs.readFileSync(path.join(FIX, 'wu10-download-fail.log')),
    });
    const a = await analyzeFiles([dir]);
    const reasons = (a.bundle?.missing ?? []).map((m) => m.reason).sort();
    assert.deepEqual(reasons, ['downloadNoDo', 'installNoCbs']);
    const en = renderMarkdown(a, { lang: 'en' });
    assert.match(en, /## What to ask the customer for next/);
    assert.match(en, /CBS\.log and the CbsPersist_\\\*\.log\/\.cab files covering `2024\/03\/05 09:12:00/);
    assert.match(en, /Delivery Optimization log/);
    const zh = renderMarkdown(a, { lang: 'zh-cn' });
    assert.match(zh, /## 接下来请客户提供/);
    assert.match(zh, /传递优化日志/);
  });

  it('a CBS log that does not cover the failure time: asks for the CbsPersist of that time', async () => {
    const cbs = fs.readFileSync(path.join(FIX, 'cbs-kb-fail.log'), 'utf8').replace(/2024-03-05/g, '2024-02-01').replace(/KB5035853/g, 'KB5000001');
    const dir = folder('window', { 'WindowsUpdate.log': fs.readFileSync(path.join(FIX, 'wu10-install-fail.log')), 'CBS.log': cbs });
    const a = await analyzeFiles([dir]);
    const m = a.bundle?.missing.find((x) => x.reason === 'installCbsWindow');
    assert.ok(m, JSON.stringify(a.bundle?.missing));
    assert.match(renderMarkdown(a, { lang: 'en' }), /the bundle's CBS logs cover `2024-02-01 09:10:30` – `2024-02-01 09:30:06`/);
  });
});
