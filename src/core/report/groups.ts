// Failures grouped the way a reader counts them: one group per update (the same KB seen by
// WindowsUpdate.log and CBS.log is one update), per kind of DISM run that failed alike, or per
// event (the same setup error in setupact.log and setuperr.log). Still-failing and recovered
// failures are grouped apart: the report leads with the first.
import type { Analysis, DismRun, Failure } from '../analysis/types';
import type { LogFormat } from '../model/types';
import type { GroupKind } from './emailTexts';

export interface FailureGroup {
  key: string;
  kind: GroupKind;
  /** In report order (file order). */
  failures: Failure[];
  /** The failure whose code the verdict names: the deepest log (CBS, DISM, setup), else the latest. */
  primary: Failure;
  /** The KB of the group's update, when any failure or the update record names it. */
  kb?: string;
  /** DISM groups: the runs and the verb (`RestoreHealth`). */
  runs?: DismRun[];
  verb?: string;
}

const DEPTH: Partial<Record<LogFormat, number>> = { cbs: 3, dism: 3, setup: 2, reporting: 0, wu10: 1, wu7: 1 };

/** The failure's time to the second, for sentences (Windows 7 logs: tab and milliseconds after a colon). */
export function shortTime(f: Failure): string | undefined {
  const s = f.timeText ?? (f.time !== undefined ? new Date(f.time).toISOString().replace('T', ' ').replace(/Z$/, ' UTC') : undefined);
  return s?.replace(/\s+/g, ' ').replace(/(\d{1,2}:\d{2}:\d{2})[.,:]\d+/, '$1');
}

/** Groups failures (keep the order of the list; a group sits where its first failure was). */
export function groupFailures(list: Failure[], a: Analysis): FailureGroup[] {
  const runs = new Map((a.dismRuns ?? []).map((r) => [r.key, r] as const));
  const kbOfUpdate = new Map(a.updates.filter((u) => u.kb).map((u) => [u.updateId, u.kb as string] as const));
  const groups = new Map<string, FailureGroup>();
  const updateKey = (f: Failure, kb: string | undefined): string | undefined =>
    (kb ? `kb:${kb}` : f.updateId ? `id:${f.updateId}` : f.title ? `title:${f.title}` : undefined);
  // A CBS session the analysis linked to an update's failure belongs to that update's group.
  const bySession = new Map<string, string>();
  for (const f of list) {
    const k = updateKey(f, f.kb ?? (f.updateId ? kbOfUpdate.get(f.updateId) : undefined));
    if (k) for (const s of f.cbsSessionKeys) if (!bySession.has(s)) bySession.set(s, k);
  }
  // A failed CBS session of the Windows Update client with no KB, and exactly one update that
  // failed with the same code: that update's install (the analysis could not tie them by KB).
  const byCode = new Map<number, Set<string>>();
  for (const f of list) {
    const k = updateKey(f, f.kb ?? (f.updateId ? kbOfUpdate.get(f.updateId) : undefined));
    if (k) byCode.set(f.code, (byCode.get(f.code) ?? new Set()).add(k));
  }
  const wuSession = (f: Failure): boolean => f.outcomeKind === 'cbsFailure'
    && f.cbsSessionKeys.some((k) => /WindowsUpdate|UpdateAgent/i.test(a.cbsSessions.find((s) => s.key === k)?.client ?? ''));
  for (const f of list) {
    const kb = f.kb ?? (f.updateId ? kbOfUpdate.get(f.updateId) : undefined);
    const run = f.dismRunKey ? runs.get(f.dismRunKey) : undefined;
    const sameCode = byCode.get(f.code);
    const linked = f.cbsSessionKeys.map((s) => bySession.get(s)).find((k) => k)
      ?? (wuSession(f) && sameCode?.size === 1 ? [...sameCode][0] : undefined);
    let key: string;
    if (kb || f.updateId || f.title) key = updateKey(f, kb) as string;
    else if (linked) key = linked;
    // DISM runs that failed alike (same verb, code and cause) are one line: "failed 9 times".
    else if (run) key = `dism:${(run.verb ?? '').toLowerCase()}|${f.code}|${(run.cause ?? f.cause)?.kind ?? ''}`;
    // The same code at the same time in two files (setupact.log and setuperr.log) is one event.
    else key = `event:${f.phase}:${f.code}:${shortTime(f) ?? f.key}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, kind: kindOf(f, a), failures: [], primary: f };
      if (kb) g.kb = kb;
      if (run) {
        g.runs = [];
        g.verb = run.verb;
      }
      groups.set(key, g);
    }
    g.failures.push(f);
    if (run && g.runs && !g.runs.includes(run)) g.runs.push(run);
    if (kb && !g.kb) g.kb = kb;
    if (f.updateId || f.kb || f.title) g.kind = 'update';
  }
  for (const g of groups.values()) g.primary = primaryOf(g.failures, a);
  return [...groups.values()];
}

function kindOf(f: Failure, a: Analysis): GroupKind {
  if (f.updateId || f.kb || f.title) return 'update';
  if (f.dismRunKey) return 'dism';
  if (f.phase === 'scan') return 'scan';
  if (f.callKey) return 'call';
  const fmt = a.files[f.at.file]?.format;
  if (fmt === 'dism' || fmt === 'cbs' || fmt === 'setup') return fmt;
  return 'other';
}

function primaryOf(list: Failure[], a: Analysis): Failure {
  let best = list[0];
  let bestDepth = -1;
  for (const f of list) {
    const d = DEPTH[a.files[f.at.file]?.format ?? 'unknown'] ?? 0;
    // Deeper log first; among equals the later one (the latest outcome).
    if (d >= bestDepth) {
      best = f;
      bestDepth = d;
    }
  }
  return best;
}

/** The formats of a group's files. */
export function formatsOf(g: FailureGroup, a: Analysis): Set<LogFormat> {
  return new Set(g.failures.map((f) => a.files[f.at.file]?.format ?? 'unknown'));
}

/** True when the group is about Windows Update itself (an update, or a call of the WU agent). */
export function isWuGroup(g: FailureGroup, a: Analysis): boolean {
  if (g.kind === 'update' || g.kind === 'scan' || g.kind === 'call') return true;
  const fmts = formatsOf(g, a);
  return fmts.has('wu10') || fmts.has('wu7') || fmts.has('reporting') || g.failures.some((f) => f.callKey);
}
