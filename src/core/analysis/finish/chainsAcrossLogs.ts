// One chain per failed update across the logs of a bundle, and one per repair that used Windows
// Update as its source. Steps are matched by update ID, KB, package, CBS session id and time
// window; each link carries its confidence and the line on each side. Pure: reads the finished
// failures, sessions, DISM runs and store observations, changes none of them.
import type { AnalysedFile, Call, CbsSession, DismRun, Failure, LineRef, StoreHealth } from '../types';
import type { State } from '../state';
import { FOD_KB } from '../cbs';
import type { ChainLink, ChainStep, LinkMatch, UpdateChain } from './chainTypes';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Chains kept, steps per chain. */
const MAX_CHAINS = 50;
const MAX_STEPS = 8;
/** Codes that say the component store (or the repair source) is the problem. */
const STORE_CODES = new Set([0x80073712, 0x800f081f, 0x800f0831, 0x8007000d, 0x80073701, 0x8007371b, 0x800f0982, 0x800f0984, 0x800f0986, 0x800f0988, 0x80070490, 0x800f0906]);
/** DISM verbs that fetch payloads (from Windows Update unless /LimitAccess). */
const FETCHING_VERBS = /^(?:RestoreHealth|Add-Capability|Enable-Feature|Enable-WindowsOptionalFeature|Add-WindowsCapability|Add-Package)$/i;
/** Clients that ask Windows Update for servicing payloads on behalf of DISM/CBS. */
const SERVICING_CLIENT = /TrustedInstaller|DISM|\bCBS\b|FOD|Features? on Demand|Servicing/i;

type Family = 'wu' | 'reporting' | 'cbs' | 'dism' | 'setup' | 'other';

function familyOf(f: AnalysedFile | undefined): Family {
  switch (f?.format) {
    case 'wu10': case 'wu7': return 'wu';
    case 'reporting': return 'reporting';
    case 'cbs': return 'cbs';
    case 'dism': return 'dism';
    case 'setup': return 'setup';
    default: return 'other';
  }
}

/** A code that says Windows Update (or the network under it) could not deliver. */
function wuSourceCode(code: number): boolean {
  const hi = code >>> 16;
  return hi === 0x8024 || hi === 0x8019 || (code >>> 8) === 0x80072e || (code >>> 8) === 0x80072f || [0x800f0906, 0x800f0907, 0x800f0950, 0x800f0954, 0x800f081f].includes(code);
}

const confidenceOfDelta = (ms: number | undefined, high: number, medium: number): ChainLink['confidence'] =>
  ms === undefined ? 'medium' : ms <= high ? 'high' : ms <= medium ? 'medium' : 'low';

const textAt = (f: Failure, at: LineRef): string | undefined => f.snippets?.find((s) => s.at.file === at.file && s.at.line === at.line)?.text;

export function chainsAcrossLogs(
  failures: Failure[], st: State, files: AnalysedFile[], calls: Call[], runs: DismRun[], health: StoreHealth[],
): UpdateChain[] {
  const families = new Set(files.map((f) => familyOf(f)));
  // A chain across logs needs two of them.
  if ([...families].filter((x) => x !== 'other').length < 2) return [];
  const fam = (file: number): Family => familyOf(files[file]);
  const callByKey = new Map(calls.map((c) => [c.key, c] as const));
  const sessions = new Map(st.cbs.map((s) => [s.key, s] as const));
  const kbOf = (f: Failure): string | undefined => {
    const kb = f.kb ?? (f.updateId ? st.updates.get(f.updateId)?.kb : undefined);
    return kb && kb !== FOD_KB ? kb : undefined;
  };
  const chains: UpdateChain[] = [];
  const used = new Set<string>();

  // Repairs that fetched from Windows Update first: their WU failures belong to them.
  for (const ch of repairChains(failures, st, runs, callByKey, fam)) {
    for (const k of ch.failures) used.add(k);
    chains.push(ch);
  }

  // Failed updates, by KB (or update ID when no KB is known).
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const kb = kbOf(f);
    const key = kb ? `kb${kb}` : f.updateId ? `id${f.updateId}` : undefined;
    if (!key || (used.has(f.key) && !kb)) continue;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  for (const [key, group] of groups) {
    if (chains.length >= MAX_CHAINS) break;
    chains.push(updateChain(key, group, st, fam, sessions, callByKey, runs, health, kbOf));
  }
  return chains;
}

function failureStep(f: Failure, kind: ChainStep['kind'], callByKey: Map<string, Call>): ChainStep {
  const call = f.callKey ? callByKey.get(f.callKey) : undefined;
  return {
    kind, at: f.at, state: 'failed', code: f.code, time: f.time, failureKey: f.key, operation: f.operation ?? f.phase,
    client: call?.client, text: textAt(f, f.at),
  };
}

function sessionStep(s: CbsSession): ChainStep {
  const e = s.errors[0];
  return {
    kind: 'cbs', at: e ? e.at : { file: s.file, line: s.startLine }, state: e ? 'failed' : s.endLine !== undefined ? 'succeeded' : 'observed',
    code: e?.code, time: s.startTime, label: s.id, client: s.client, text: e?.message,
  };
}

function updateChain(
  key: string, group: Failure[], st: State, fam: (file: number) => Family, sessions: Map<string, CbsSession>,
  callByKey: Map<string, Call>, runs: DismRun[], health: StoreHealth[], kbOf: (f: Failure) => string | undefined,
): UpdateChain {
  const sorted = group.slice().sort((a, b) => (a.time ?? 0) - (b.time ?? 0) || a.at.file - b.at.file || a.at.line - b.at.line);
  const kb = sorted.map(kbOf).find((x) => x);
  const updateId = sorted.find((f) => f.updateId)?.updateId;
  const title = sorted.find((f) => f.title)?.title;
  const steps: ChainStep[] = [];
  const links: ChainLink[] = [];
  const add = (s: ChainStep): number => {
    steps.push(s);
    return steps.length - 1;
  };
  const link = (from: number, to: number, matchedBy: LinkMatch[], confidence: ChainLink['confidence']): void => {
    const a = steps[from];
    const b = steps[to];
    const delta = a.time !== undefined && b.time !== undefined ? Math.abs(b.time - a.time) : undefined;
    links.push({ from, to, matchedBy, confidence, fromLine: a.at, fromText: a.text, toLine: b.at, toText: b.text, ...(delta !== undefined ? { deltaMs: delta } : {}) });
  };
  // The deciding WU failure: the latest still failing one, else the latest.
  const wu = sorted.filter((f) => fam(f.at.file) === 'wu');
  const lead = wu.filter((f) => !f.recovered).pop() ?? wu[wu.length - 1];
  const leadIdx = lead ? add(failureStep(lead, 'wu', callByKey)) : -1;

  // ReportingEvents: the same update's failure event, else its nearest event.
  const rep = sorted.filter((f) => fam(f.at.file) === 'reporting');
  const repLead = rep.filter((f) => !f.recovered).pop() ?? rep[rep.length - 1];
  let repIdx = -1;
  if (repLead) repIdx = add(failureStep(repLead, 'reporting', callByKey));
  else if (lead?.updateId) {
    // No failure event: the same update's event with the same code, else its last one (events keep no time here).
    const events = (st.updates.get(lead.updateId)?.results ?? []).filter((r) => fam(r.at.file) === 'reporting');
    const ev = events.filter((r) => r.code === lead.code).pop() ?? events[events.length - 1];
    if (ev) repIdx = add({ kind: 'reporting', at: ev.at, state: ev.code ? 'failed' : 'succeeded', code: ev.code || undefined, operation: ev.operation });
  }
  if (leadIdx >= 0 && repIdx >= 0) {
    const same = !!lead?.updateId && (repLead ? repLead.updateId === lead.updateId : true);
    const a = steps[leadIdx];
    const b = steps[repIdx];
    const d = a.time !== undefined && b.time !== undefined ? Math.abs(a.time - b.time) : undefined;
    link(leadIdx, repIdx, same ? ['updateId', 'time'] : ['kb', 'time'], same ? confidenceOfDelta(d, 15 * MIN, 6 * HOUR) : 'medium');
  }

  // CBS: the sessions the failures were linked to (handler session id, or KB and time), and CBS's own failures.
  const handlerIds = new Set(st.handlerSessions.filter((h) => h.updateId === updateId).map((h) => h.sessionId));
  const sessionKeys = new Set(sorted.flatMap((f) => f.cbsSessionKeys));
  const cbsFailures = sorted.filter((f) => f.outcomeKind === 'cbsFailure');
  for (const f of cbsFailures) for (const k of f.cbsSessionKeys) sessionKeys.add(k);
  const linkedSessions = [...sessionKeys].map((k) => sessions.get(k)).filter((s): s is CbsSession => !!s)
    .sort((a, b) => (b.errors.length ? 1 : 0) - (a.errors.length ? 1 : 0) || (b.startTime ?? 0) - (a.startTime ?? 0));
  const session = linkedSessions[0];
  let cbsIdx = -1;
  if (session) {
    const own = cbsFailures.find((f) => f.cbsSessionKeys.includes(session.key));
    cbsIdx = add(own ? { ...failureStep(own, 'cbs', callByKey), label: session.id, client: session.client } : sessionStep(session));
  } else if (cbsFailures.length) {
    cbsIdx = add(failureStep(cbsFailures[cbsFailures.length - 1], 'cbs', callByKey));
  }
  const upstream = repIdx >= 0 ? repIdx : leadIdx;
  if (cbsIdx >= 0 && leadIdx >= 0) {
    const byHandler = !!session && handlerIds.has(session.id);
    const pkg = !!kb && !!session?.packages.some((p) => p.includes(`KB${kb}`));
    const a = steps[leadIdx];
    const d = session && a.time !== undefined && session.startTime !== undefined
      ? Math.max(0, Math.max(session.startTime - a.time, a.time - (session.endTime ?? session.startTime))) : undefined;
    const matched: LinkMatch[] = byHandler ? ['sessionId'] : [kb ? 'kb' : 'updateId'];
    if (pkg) matched.push('package');
    if (d !== undefined) matched.push('time');
    link(upstream === repIdx && !byHandler ? repIdx : leadIdx, cbsIdx, matched, byHandler ? 'high' : confidenceOfDelta(d, 30 * MIN, 6 * HOUR));
  }

  // Store state around the install: a DISM repair or SFC/DISM verdict near the CBS (or WU) failure.
  const anchor = cbsIdx >= 0 ? cbsIdx : upstream;
  const codes = steps.map((s) => s.code).filter((c): c is number => c !== undefined);
  const installish = sorted.some((f) => f.phase === 'install' || f.phase === 'commit');
  if (anchor >= 0 && installish && steps[anchor].time !== undefined) {
    const t = steps[anchor].time as number;
    const storeProblem = codes.some((c) => STORE_CODES.has(c));
    const obs = health.filter((h) => h.startTime !== undefined && Math.abs((h.startTime as number) - t) <= 3 * 24 * HOUR)
      .sort((x, y) => Math.abs((x.startTime as number) - t) - Math.abs((y.startTime as number) - t))[0];
    const run = runs.filter((r) => r.startTime !== undefined && r.result === 'failed' && Math.abs((r.startTime as number) - t) <= 3 * 24 * HOUR && /Health|Cleanup/i.test(r.verb ?? ''))[0];
    if (run) {
      const i = add({ kind: 'dism', at: { file: run.file, line: run.resultLine ?? run.startLine }, state: 'failed', code: run.code, time: run.startTime, label: run.command });
      link(anchor, i, run.code !== undefined && codes.includes(run.code) ? ['code', 'time'] : ['time'], run.code !== undefined && codes.includes(run.code) ? 'high' : 'medium');
    }
    if (obs) {
      const i = add({ kind: 'store', at: obs.at, state: 'observed', time: obs.startTime, label: `${obs.tool} ${obs.operation}`, corrupt: obs.corruptionFound, repaired: obs.repaired });
      const d = Math.abs((obs.startTime as number) - t);
      link(anchor, i, storeProblem && obs.corruptionFound ? ['code', 'time'] : ['time'], storeProblem && obs.corruptionFound ? 'high' : d <= 24 * HOUR ? 'medium' : 'low');
    }
  }
  return {
    key, kind: 'update', kb, updateId, title, steps: steps.slice(0, MAX_STEPS), links: links.filter((l) => l.from < MAX_STEPS && l.to < MAX_STEPS),
    failures: sorted.map((f) => f.key), stillFailing: sorted.some((f) => !f.recovered),
  };
}

/**
 * DISM repairs (and CBS payload fetches) that used Windows Update as their source and failed with
 * a download-side code, joined with the WU failures inside their time window.
 */
function repairChains(
  failures: Failure[], st: State, runs: DismRun[], callByKey: Map<string, Call>, fam: (file: number) => Family,
): UpdateChain[] {
  const out: UpdateChain[] = [];
  const wuFailures = failures.filter((f) => fam(f.at.file) === 'wu' && f.time !== undefined && (f.phase === 'download' || f.phase === 'scan'));
  if (!wuFailures.length) return out;
  const starts: { step: ChainStep; from: number; to: number; failure?: Failure }[] = [];
  for (const r of runs) {
    if (r.result !== 'failed' || r.startTime === undefined || r.online === false || r.limitAccess || !FETCHING_VERBS.test(r.verb ?? '')) continue;
    if (!(r.code !== undefined && wuSourceCode(r.code)) && r.cause?.kind !== 'sourceMissing') continue;
    const failure = failures.find((f) => f.dismRunKey === r.key);
    starts.push({
      step: { kind: 'dism', at: { file: r.file, line: r.resultLine ?? r.startLine }, state: 'failed', code: r.code, time: r.startTime, label: r.command, failureKey: failure?.key },
      from: r.startTime - 2 * MIN, to: (r.endTime ?? r.startTime + HOUR) + 2 * MIN, failure,
    });
  }
  for (const f of failures) {
    if (f.outcomeKind !== 'cbsFailure' || f.phase !== 'download' || f.time === undefined) continue;
    const s = st.cbs.find((x) => f.cbsSessionKeys.includes(x.key));
    starts.push({
      step: { ...failureStep(f, 'cbs', callByKey), label: s?.id, client: s?.client },
      from: (s?.startTime ?? f.time) - 2 * MIN, to: (s?.endTime ?? f.time) + 2 * MIN, failure: f,
    });
  }
  for (const s of starts) {
    if (out.length >= MAX_CHAINS / 2) break;
    const matches = wuFailures.filter((w) => (w.time as number) >= s.from && (w.time as number) <= s.to);
    if (!matches.length) continue;
    const w = matches.find((x) => SERVICING_CLIENT.test(callByKey.get(x.callKey ?? '')?.client ?? '')) ?? matches[0];
    const wStep = failureStep(w, 'wu', callByKey);
    const steps = [s.step, wStep];
    const byClient = SERVICING_CLIENT.test(wStep.client ?? '');
    const sameCode = s.step.code !== undefined && s.step.code === w.code;
    const matchedBy: LinkMatch[] = ['repairSource', 'time'];
    if (byClient) matchedBy.push('client');
    if (sameCode) matchedBy.push('code');
    const delta = s.step.time !== undefined && w.time !== undefined ? Math.abs(w.time - s.step.time) : undefined;
    out.push({
      key: `repair|${s.step.at.file}:${s.step.at.line}`, kind: 'repairSource', steps,
      links: [{ from: 0, to: 1, matchedBy, confidence: byClient || sameCode ? 'high' : 'medium', fromLine: s.step.at, fromText: s.step.text ?? s.step.label, toLine: w.at, toText: wStep.text, ...(delta !== undefined ? { deltaMs: delta } : {}) }],
      failures: [s.failure?.key, w.key].filter((k): k is string => !!k),
      stillFailing: !(s.failure?.recovered && w.recovered),
    });
  }
  return out;
}
