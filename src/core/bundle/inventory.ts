// The bundle's inventory, put on the finished analysis: archives and folders read, what was
// skipped and why, the kind of every file, the machine and OS build the logs state, which
// expected logs are missing, and which log to ask for next because a verdict's evidence is in it.
import type { AnalysedFile, Analysis, Failure } from '../analysis/types';
import type { BundleReader } from './reader';
import { kindOfName } from './names';
import type { ArchiveSource, BundleInfo, LogKind, MachineFact, MissingLog } from './types';

/** Logs a servicing bundle is expected to hold; each alternative satisfies the expectation. */
const EXPECTED: { kind: LogKind; any: LogKind[] }[] = [
  { kind: 'wu', any: ['wu', 'wuEtl'] },
  { kind: 'cbs', any: ['cbs', 'cbsPersist'] },
  { kind: 'dism', any: ['dism'] },
  { kind: 'reporting', any: ['reporting'] },
  { kind: 'setupact', any: ['setupact', 'setuperr'] },
  { kind: 'eventLog', any: ['eventLog'] },
];
const MAX_KINDS = 2000;
const MAX_REQUESTS = 20;
const COVER_SLACK_MS = 10 * 60_000;

export interface BundleInput {
  /** Folders given (walked). */
  folders: { path: string; entries: number; logs: number }[];
  /** Number of paths given. */
  paths: number;
}

/** The kind of an analysed file: its format says more than its name. */
export function kindOfFile(f: AnalysedFile): LogKind {
  // An ETL group is named `<folder>*.etl (N files, decoded)`: the kind is in the part before.
  const cut = f.path.endsWith(')') ? f.path.lastIndexOf(' (') : -1;
  const byName = kindOfName(cut >= 0 ? f.path.slice(0, cut) : f.path);
  if (f.etl) return byName === 'deliveryOptimization' ? byName : 'wuEtl';
  switch (f.format) {
    case 'wu10': case 'wu7': case 'undecoded': return 'wu';
    case 'cbs': return byName === 'cbsPersist' ? 'cbsPersist' : 'cbs';
    case 'dism': return 'dism';
    case 'reporting': return 'reporting';
    case 'setup': return byName === 'setuperr' ? 'setuperr' : 'setupact';
    default: return byName;
  }
}

/** Sets `analysis.bundle` when the input was a bundle (an archive, a folder, or several files). */
export function attachBundle(analysis: Analysis, reader: BundleReader, input: BundleInput): Analysis {
  if (!reader.sources.length && !input.folders.length && input.paths < 2) return analysis;
  const sources: ArchiveSource[] = [...input.folders.map((f): ArchiveSource => ({ path: f.path, kind: 'folder', entries: f.entries, logs: f.logs })), ...reader.sources];
  const kinds: BundleInfo['kinds'] = analysis.files.slice(0, MAX_KINDS).map((f) => ({ path: f.path, kind: kindOfFile(f) }));
  for (const [kind, paths] of reader.present) for (const p of paths) kinds.push({ path: p, kind });
  const has = new Set(kinds.map((k) => k.kind));
  const machine = machineFacts(analysis.files);
  const builds = new Set(machine.filter((m) => m.kind === 'osBuild').map((m) => m.value.split('.').slice(0, 3).join('.')));
  analysis.bundle = {
    sources,
    skipped: reader.skipped,
    skippedCount: reader.skippedCount,
    kinds,
    machine,
    missingExpected: EXPECTED.filter((e) => !e.any.some((k) => has.has(k))).map((e) => e.kind),
    missing: missingLogs(analysis, has),
    ...(builds.size > 1 ? { severalMachines: true } : {}),
  };
  return analysis;
}

/** The first statement of each fact per file, without repeats of the same value. */
function machineFacts(files: AnalysedFile[]): MachineFact[] {
  const out: MachineFact[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    for (const m of f.identity?.facts ?? []) {
      const k = `${m.kind}|${m.value}`;
      if (seen.has(k) || out.length >= 40) continue;
      seen.add(k);
      out.push(m);
    }
  }
  return out;
}

type Family = 'wu' | 'reporting' | 'cbs' | 'dism' | 'setup' | 'other';
const familyOf = (f: AnalysedFile | undefined): Family =>
  f?.format === 'wu10' || f?.format === 'wu7' ? 'wu' : f?.format === 'reporting' || f?.format === 'cbs' || f?.format === 'dism' || f?.format === 'setup' ? f.format : 'other';

/**
 * The logs a verdict needs that the bundle does not hold: an install failure with no CBS log of
 * its time, a download failure without a Delivery Optimization log, an upgrade without
 * setupapi.dev.log, a CBS or ReportingEvents failure without the WindowsUpdate.log ...
 */
export function missingLogs(a: Analysis, has: Set<LogKind>): MissingLog[] {
  const anyOf = (...ks: LogKind[]): boolean => ks.some((k) => has.has(k));
  const cbsSpans = a.files.filter((f) => f.format === 'cbs' && f.identity?.firstTime !== undefined)
    .map((f) => ({ from: f.identity?.firstTime as number, to: f.identity?.lastTime as number }));
  const sessions = new Map(a.cbsSessions.map((s) => [s.key, s] as const));
  const out = new Map<string, MissingLog>();
  const ask = (kind: MissingLog['kind'], reason: MissingLog['reason'], f: Failure, extra: Partial<MissingLog> = {}): void => {
    const k = `${kind}|${reason}`;
    const m = out.get(k);
    if (m) {
      if (m.failures.length < 20) m.failures.push(f.key);
      if (f.time !== undefined && (m.at === undefined || f.time > m.at)) {
        m.at = f.time;
        m.atText = f.timeText;
      }
      return;
    }
    if (out.size >= MAX_REQUESTS) return;
    out.set(k, { kind, reason, failures: [f.key], ...(f.time !== undefined ? { at: f.time, atText: f.timeText } : {}), ...extra });
  };
  for (const f of a.failures) {
    const file = a.files[f.at.file];
    const fam = familyOf(file);
    const installish = f.phase === 'install' || f.phase === 'commit';
    if (installish && (fam === 'wu' || fam === 'reporting')) {
      if (!anyOf('cbs', 'cbsPersist')) ask('cbs', 'installNoCbs', f);
      else if (!f.cbsSessionKeys.length && f.time !== undefined && cbsSpans.length &&
        !cbsSpans.some((s) => (f.time as number) >= s.from - COVER_SLACK_MS && (f.time as number) <= s.to + COVER_SLACK_MS)) {
        // The spans nearest to the failure, in time order.
        const t = f.time;
        const gap = (x: { from: number; to: number }): number => (t < x.from ? x.from - t : t - x.to);
        ask('cbsWindow', 'installCbsWindow', f, { covered: cbsSpans.slice().sort((x, y) => gap(x) - gap(y)).slice(0, 3).sort((x, y) => x.from - y.from) });
      }
    }
    if (f.phase === 'download' && file?.format === 'wu10' && !anyOf('deliveryOptimization')) ask('deliveryOptimization', 'downloadNoDo', f);
    if (fam === 'setup') {
      const upgrade = (f.code >>> 16) === 0xc190 || !!f.extended || /upgrade/i.test(f.subject ?? '');
      if (upgrade && !anyOf('setupapi')) ask('setupapi', 'upgradeNoSetupapi', f);
      if (!anyOf('setupact')) ask('setupact', 'upgradeNoSetupact', f);
    }
    if (f.outcomeKind === 'cbsFailure' && !anyOf('wu', 'wuEtl')) {
      const client = f.cbsSessionKeys.map((k) => sessions.get(k)?.client).find((c) => c);
      if (/WindowsUpdateAgent|UpdateAgentLCU|WindowsUpdate/i.test(client ?? '')) ask('wu', 'cbsNoWu', f);
    }
    if (fam === 'reporting' && !anyOf('wu', 'wuEtl')) ask('wu', 'reportingNoWu', f);
    if (f.dismRunKey && !anyOf('cbs', 'cbsPersist')) ask('cbs', 'dismNoCbs', f);
  }
  return [...out.values()];
}
