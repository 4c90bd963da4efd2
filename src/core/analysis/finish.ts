// Turns the analyzer's candidates into failures: ties the lines of one outcome chain
// together (per-update result + the call that reported it), deduplicates repeats of the
// same (update, phase, code), links CBS sessions, gives updates their verdict and sorts
// the intermediate error lines into evidence and noise.
import type {
  AnalysedFile, Analysis, Call, Failure, LineRef, NoiseLine, PendingResult, Phase, PhaseEvidence, UpdateInfo,
} from './types';
import type { Candidate, State } from './state';
import { LIMITS } from './state';
import { GENERIC_CALL_CODES, isError } from './patterns';

/** Codes that mean "looked for something that is not there": typical of harmless lookups. */
const LOOKUP_CODES = new Set([
  0x80070002, 0x80070003, 0x80070490, 0x80248007, 0x80040154, 0x80040155, 0x800704c3, 0x80070032, 0x8024000c,
  0x80070103, 0x80240016, 0x800f0805, 0x80070057,
  // not downloaded yet, data not available, resource/licensing value not found, index lookup miss
  0x80246007, 0x8024801e, 0x80070716, 0xc004f012, 0x80240007,
]);
const LOOKUP_TEXT = /not found|does not exist|not registered|no data|not present|not supported|nothing to|not applicable|is not sticky/i;

const RANK: Record<string, number> = {
  logHistory: 0, installComplete: 1, downloadError: 2, downloadResult: 3, installResult: 4, cbsFailure: 4, returnCode: 6,
  setupError: 7, callResult: 8, exitCode: 9, reportEvent: 10,
};

interface Chain {
  cands: Candidate[];
  call?: Call;
  file: number;
  lastLine: number;
  lastTime?: number;
  key: string;
}

const WINDOW_MS = 15 * 60 * 1000;

export function buildAnalysis(st: State, files: AnalysedFile[]): Analysis {
  const calls = st.calls.concat(st.keyCalls).sort((a, b) => a.file - b.file || a.startLine - b.startLine);
  const callByKey = new Map(calls.map((c) => [c.key, c] as const));
  const pending: PendingResult[] = [];

  // 1. LogHistory errors inside a call that reported success: the install waits for a reboot.
  const cands: Candidate[] = [];
  let successesById: Map<string | undefined, State['successes']> | undefined;
  for (const c of st.candidates) {
    if (c.pendingCandidate) {
      const call = (c.callKey && callByKey.get(c.callKey)) || enclosingCall(calls, c);
      const callOk = !!call && call.result === 'succeeded' && (call.counts?.failed ?? 0) === 0;
      // Or the update's own install step just reported success (handler return code 0, AU "succeeded").
      successesById ??= groupBy(st.successes, (x) => x.updateId);
      const stepOk = !!c.updateId && (successesById.get(c.updateId) ?? []).some((x) => x.file === c.file &&
        x.line < c.line && c.line - x.line <= 3000 && x.operation !== 'search' && x.operation !== 'download');
      if (callOk || stepOk) {
        pending.push({ at: { file: c.file, line: c.line }, updateId: c.updateId, code: c.code, callKey: call?.key });
        continue;
      }
    }
    cands.push(c);
  }
  cands.sort((a, b) => a.file - b.file || a.line - b.line);
  pickDecisiveSetupErrors(cands);
  const reportsByCall = foldReportEvents(cands);

  // 2. Per-update (and CBS/setup/report) outcome lines form chains.
  const chains: Chain[] = [];
  const open = new Map<string, Chain>();
  for (const c of cands.filter((x) => !x.callLevel)) {
    // A CBS session's outcome lines (stage failure ... session result) are one chain, KB or not.
    const ident = c.updateId ?? (c.outcomeKind === 'cbsFailure' && c.cbsSessionKey ? `s${c.cbsSessionKey}` : c.kb ? `kb${c.kb}` : c.cbsSessionId ? `s${c.cbsSessionId}` : `c${c.code}`);
    const key = `${c.file}|${ident}|${c.phase}`;
    const prev = open.get(key);
    // The same kind of outcome line twice is a repeat (a new attempt), not one more view of it;
    // CBS writes several outcome lines per failed session.
    // Inside one call, several results of one update are steps of one outcome (DO fails, BITS retries, fails).
    const sameCall = !!c.callKey && prev?.cands.some((x) => x.callKey === c.callKey);
    if (prev && near(prev, c) && (c.outcomeKind === 'cbsFailure' || sameCall || !prev.cands.some((x) => x.outcomeKind === c.outcomeKind))) {
      prev.cands.push(c);
      prev.lastLine = c.line;
      prev.lastTime = c.time ?? prev.lastTime;
      continue;
    }
    const ch: Chain = { cands: [c], file: c.file, lastLine: c.line, lastTime: c.time, key };
    chains.push(ch);
    open.set(key, ch);
  }

  // 3. A failed call joins the per-update chains inside its window; else it stands alone.
  for (const c of cands.filter((x) => x.callLevel)) {
    const call = c.callKey ? callByKey.get(c.callKey) : undefined;
    const from = c.callStartLine ?? c.line;
    const to = Math.max(c.line, c.callEndLine ?? c.line);
    // Report events are written a few seconds after the call ends.
    const inWindow = (x: Candidate): boolean => x.line >= from && (x.line <= to || (x.outcomeKind === 'reportEvent' && x.line <= to + 60));
    const compatible = (p: Phase): boolean => p === c.phase || (c.phase === 'install' && p === 'commit');
    const inside = chains.filter((ch) => ch.file === c.file && compatible(ch.cands[0].phase) &&
      ch.cands.some((x) => !x.callLevel && inWindow(x)) && ch.cands[0].outcomeKind !== 'cbsFailure' &&
      (ch.cands[0].code === c.code || !!ch.cands[0].updateId || GENERIC_CALL_CODES.has(c.code)));
    if (inside.length) {
      // Several concurrent calls can report the same per-update failure: the first one owns it.
      for (const ch of inside) {
        if (ch.call) continue;
        ch.call = call;
        ch.cands.push(c);
      }
      continue;
    }
    const ch: Chain = { cands: [c].concat(reportsByCall.get(c) ?? []), call, file: c.file, lastLine: c.line, lastTime: c.time, key: `call|${c.callKey}` };
    chains.push(ch);
  }

  // 4. Per chain: the deciding line, code and phase; then group repeats.
  const evidence = new Set<string>();
  const groups = new Map<string, Failure>();
  const order: Failure[] = [];
  // Per group: its slot in `order` and its session keys, merged as sets (a log with thousands of
  // repeats of one failure would otherwise re-scan growing arrays on every merge: quadratic).
  const slot = new Map<string, number>();
  const sessionKeys = new Map<string, Set<string>>();
  for (const ch of chains) {
    const f = chainToFailure(ch, st, calls, callByKey);
    for (const e of f.evidence) evidence.add(`${e.file}:${e.line}`);
    if (f.rootCause) evidence.add(`${f.rootCause.file}:${f.rootCause.line}`);
    const ident = f.updateId ?? (f.kb ? `kb${f.kb}` : '');
    // Per file: two logs of a bundle can come from different machines.
    const gk = `${f.at.file}|${ident}|${f.phase}|${f.code}`;
    const g = groups.get(gk);
    if (!g) {
      groups.set(gk, f);
      slot.set(gk, order.length);
      sessionKeys.set(gk, new Set(f.cbsSessionKeys));
      order.push(f);
      continue;
    }
    // Keep the latest chain as the representative; older deciding lines become repeats.
    const older = before(g.at, f.at) ? g : f;
    const newer = older === g ? f : g;
    const repeats = (older.repeats ?? []).concat([older.at], newer.repeats ?? []).sort(cmpRef).slice(-LIMITS.repeats);
    const merged: Failure = { ...newer, occurrences: (g.occurrences ?? 1) + (f.occurrences ?? 1), repeats };
    const keys = sessionKeys.get(gk) ?? new Set(g.cbsSessionKeys);
    for (const k of f.cbsSessionKeys) keys.add(k);
    merged.title = newer.title ?? older.title;
    merged.kb = newer.kb ?? older.kb;
    groups.set(gk, merged);
    order[slot.get(gk) ?? order.indexOf(g)] = merged;
  }
  for (const [gk, keys] of sessionKeys) {
    const g = groups.get(gk);
    if (g) g.cbsSessionKeys = [...keys];
  }
  const failures = order.sort((a, b) => a.at.file - b.at.file || a.at.line - b.at.line);
  // A bundled update has no title of its own: name it by the update it is bundled in.
  for (const f of failures) {
    const parentId = f.updateId ? st.updates.get(f.updateId)?.parentId : undefined;
    const parent = parentId ? st.updates.get(parentId) : undefined;
    if (!parent) continue;
    f.parentUpdateId = parent.updateId;
    f.title = f.title ?? parent.title;
    f.kb = f.kb ?? parent.kb;
  }

  // 5. CBS sessions: link by session id (Handler logged it) or by KB and time.
  const sessionsById = new Map<string, string[]>();
  for (const s of st.cbs) sessionsById.set(s.id, (sessionsById.get(s.id) ?? []).concat(s.key));
  for (const f of failures) {
    const links = new Set(f.cbsSessionKeys);
    if (f.updateId) {
      for (const h of st.handlerSessions) if (h.updateId === f.updateId) for (const k of sessionsById.get(h.sessionId) ?? []) links.add(k);
    }
    if (f.kb && files[f.at.file]?.format !== 'cbs') {
      for (const s of st.cbs) {
        if (!s.kbs.includes(f.kb)) continue;
        if (f.time === undefined || s.startTime === undefined) { links.add(s.key); continue; }
        const end = s.endTime ?? s.startTime;
        if (f.time >= s.startTime - 6 * 3600_000 && f.time <= end + 6 * 3600_000) links.add(s.key);
      }
    }
    f.cbsSessionKeys = [...links].slice(0, 10);
  }

  // 6. Updates and their verdicts.
  const failedIds = new Map<string, Failure[]>();
  for (const f of failures) if (f.updateId) failedIds.set(f.updateId, (failedIds.get(f.updateId) ?? []).concat(f));
  const callsOfUpdate = new Map<string, string[]>();
  for (const c of calls) {
    for (const id of c.updateIds) {
      const list = callsOfUpdate.get(id) ?? [];
      if (list.length < 20) list.push(c.key);
      callsOfUpdate.set(id, list);
    }
  }
  const updates: UpdateInfo[] = [];
  const pendingById = groupBy(pending, (p) => p.updateId);
  for (const u of st.updates.values()) {
    const fs = failedIds.get(u.updateId);
    // A success counts only after the last failure (or pending restart), and only when it went at
    // least as far: a re-download does not undo a failed install.
    const okAfter = (at: LineRef, step: number): boolean => u.results.some((r) => !isError(r.code) && r.at.file === at.file &&
      r.at.line > at.line && covers(stepOf(r.operation), step));
    const waits = (pendingById.get(u.updateId) ?? []).map((p) => p.at).sort(cmpRef).pop();
    let outcome: UpdateInfo['outcome'] = 'unknown';
    if (fs) {
      const last = fs.slice().sort((a, b) => cmpRef(a.at, b.at)).pop() as Failure;
      outcome = okAfter(last.at, stepOf(last.operation ?? last.phase)) ? 'succeeded' : 'failed';
      if (outcome === 'succeeded' && waits && before(last.at, waits) && !okAfter(waits, STEP_INSTALL)) outcome = 'unknown';
    } else if (waits) {
      outcome = okAfter(waits, STEP_INSTALL) ? 'succeeded' : 'unknown';
    } else if (u.results.some((r) => !isError(r.code) && r.operation !== 'search')) {
      outcome = 'succeeded';
    }
    const callKeys = callsOfUpdate.get(u.updateId) ?? [];
    updates.push({
      updateId: u.updateId, revision: u.revision, kb: u.kb, title: u.title, outcome, results: u.results, mentions: refsOf(u.mentions),
      callKeys, mentionCount: u.mentionCount, parentUpdateId: u.parentId,
    });
  }
  for (const p of pending) p.kb = p.updateId ? st.updates.get(p.updateId)?.kb : undefined;

  // 7. Noise: every intermediate line gets a kind and a reason.
  const outcomeLines = new Set(failures.flatMap((f) => [f.at].concat(f.repeats ?? [])).map((r) => `${r.file}:${r.line}`));
  const noise: NoiseLine[] = [];
  const noiseCounts: Record<NoiseLine['kind'], number> = { evidence: 0, benign: 0, transient: 0, other: 0 };
  const push = (n: NoiseLine): void => {
    noiseCounts[n.kind]++;
    if (noise.length < LIMITS.noiseOut) noise.push(n);
  };
  for (const e of st.errLines) {
    const k = `${e.file}:${e.line}`;
    if (outcomeLines.has(k)) continue;
    const call = e.call ?? (e.callKey ? callByKey.get(e.callKey) : undefined);
    const kind: NoiseLine['kind'] = evidence.has(k) || call?.result === 'failed' ? 'evidence'
      : call?.result === 'succeeded' ? 'transient'
        : (e.code !== undefined && LOOKUP_CODES.has(e.code)) || LOOKUP_TEXT.test(e.text ?? '') || call?.result === 'cancelled' ? 'benign'
          : 'other';
    // Past the listed cap only the counts grow: no line object, no reason text.
    if (noise.length >= LIMITS.noiseOut) {
      noiseCounts[kind]++;
      continue;
    }
    if (evidence.has(k)) {
      push({ at: { file: e.file, line: e.line }, code: e.code, kind: 'evidence', reason: 'part of the evidence chain of a failure', reasonKey: 'evidenceChain' });
    } else if (call && call.result === 'failed') {
      push({
        at: { file: e.file, line: e.line }, code: e.code, kind: 'evidence', reason: `logged inside the failed ${call.kind} call (line ${call.startLine + 1})`,
        reasonKey: 'inFailedCall', reasonArgs: { callKind: call.kind, callLine: call.startLine },
      });
    } else if (call && call.result === 'succeeded') {
      push({
        at: { file: e.file, line: e.line }, code: e.code, kind: 'transient', reason: `the ${call.kind} call it belongs to (line ${call.startLine + 1}) later succeeded`,
        reasonKey: 'callSucceeded', reasonArgs: { callKind: call.kind, callLine: call.startLine },
      });
    } else if ((e.code !== undefined && LOOKUP_CODES.has(e.code)) || LOOKUP_TEXT.test(e.text ?? '')) {
      push({ at: { file: e.file, line: e.line }, code: e.code, kind: 'benign', reason: 'a lookup of something absent (not found / not registered / no data); not tied to a failed outcome', reasonKey: 'lookup' });
    } else if (call && call.result === 'cancelled') {
      push({
        at: { file: e.file, line: e.line }, code: e.code, kind: 'benign', reason: `its call was cancelled by its client (${call.client ?? 'unknown'})`,
        reasonKey: 'callCancelled', reasonArgs: { client: call.client },
      });
    } else {
      push({ at: { file: e.file, line: e.line }, code: e.code, kind: 'other', reason: 'not tied to any failed outcome', reasonKey: 'untied' });
    }
  }
  noiseCounts.other += st.errOverflow;
  noiseCounts.transient += st.overflowByResult.succeeded;
  noiseCounts.evidence += st.overflowByResult.failed;
  noiseCounts.benign += st.overflowByResult.cancelled;
  for (const c of calls) {
    if (c.result !== 'cancelled') continue;
    push({
      at: { file: c.file, line: c.resultLine ?? c.endLine ?? c.startLine }, code: c.callErrorCode ?? c.exitCode, kind: 'benign',
      reason: `${c.kind} call cancelled by its client (${c.client ?? 'unknown'}): not an update failure`,
      reasonKey: 'cancelledCall', reasonArgs: { callKind: c.kind, client: c.client },
    });
  }

  return { files, calls, updates, cbsSessions: st.cbs, failures, noise, noiseCounts, pending };
}

const STEP_INSTALL = 2;

/** How far an operation goes: 1 download, 2 install/commit, 3 uninstall (its own line), 0 unknown. */
function stepOf(operation: string): number {
  const o = operation.toLowerCase();
  if (o.includes('uninstall')) return 3;
  if (o.includes('install') || o.includes('commit')) return STEP_INSTALL;
  if (o.includes('download')) return 1;
  return 0;
}

/** A success of step `ok` settles a failure of step `failed`. */
function covers(ok: number, failed: number): boolean {
  if (failed === 3 || ok === 3) return ok === failed;
  return ok > 0 && ok >= failed;
}

function near(ch: Chain, c: Candidate): boolean {
  if (ch.lastTime !== undefined && c.time !== undefined) return Math.abs(c.time - ch.lastTime) <= WINDOW_MS;
  return c.line - ch.lastLine <= 3000;
}

function enclosingCall(calls: Call[], c: Candidate): Call | undefined {
  let best: Call | undefined;
  for (const k of calls) {
    if (k.file !== c.file || k.startLine > c.line) continue;
    if (k.endLine !== undefined && k.endLine < c.line) continue;
    if (k.kind !== 'install' && k.kind !== 'uninstall') continue;
    if (!best || k.component === 'ComApi') best = k;
  }
  return best;
}

function chainToFailure(ch: Chain, st: State, calls: Call[], callByKey: Map<string, Call>): Failure {
  const sorted = ch.cands.slice().sort((a, b) => (RANK[a.outcomeKind] ?? 9) - (RANK[b.outcomeKind] ?? 9) || b.line - a.line);
  const d = sorted[0];
  // A generic call-level code (all updates failed) gives way to a specific one from the chain.
  let code = d.code;
  if (GENERIC_CALL_CODES.has(code)) {
    const specific = ch.cands.find((x) => !GENERIC_CALL_CODES.has(x.code));
    if (specific) code = specific.code;
  }
  let phase: Phase = d.phase;
  if (phase === 'unknown') phase = ch.cands.find((x) => x.phase !== 'unknown')?.phase ?? 'unknown';
  const call: Call | undefined = ch.call ?? (d.callKey ? callByKey.get(d.callKey) : undefined) ??
    ch.cands.map((x) => (x.callKey ? callByKey.get(x.callKey) : undefined)).find((x): x is Call => !!x);
  const updateId = ch.cands.find((x) => x.updateId)?.updateId ?? (call && call.updateIds.length === 1 ? call.updateIds[0] : undefined);
  const u = updateId ? st.updates.get(updateId) : undefined;
  if (call && updateId && !call.updateIds.includes(updateId)) call.updateIds.push(updateId);
  const ev: LineRef[] = [];
  if (call) ev.push({ file: call.file, line: call.startLine });
  for (const x of ch.cands) ev.push(...x.evidence, { file: x.file, line: x.line });
  if (call?.resultLine !== undefined) ev.push({ file: call.file, line: call.resultLine });
  const evidence = uniqRefs(ev).sort(cmpRef);
  const capped = evidence.length > LIMITS.evidence ? evidence.slice(0, 3).concat(evidence.slice(-(LIMITS.evidence - 3))) : evidence;
  const roots = ch.cands.map((x) => x.rootCause).filter((x): x is LineRef => !!x);
  // In a CBS session the first failing step (e.g. `Failed to stage ...`) is where it went wrong.
  const cbsSteps = ch.cands.filter((x) => x.outcomeKind === 'cbsFailure' && x !== d);
  for (const x of cbsSteps) roots.push({ file: x.file, line: x.line });
  roots.sort(cmpRef);
  // A call start cited as phase evidence is the failure's own call (a merged chain may name others).
  const ownStart = (p: PhaseEvidence): boolean => p.fact !== 'callStart' || !call || (p.at?.file === call.file && p.at.line === call.startLine);
  const phaseEvidence = uniqBy(ch.cands.flatMap((x) => x.phaseEvidence).filter(ownStart), (p) => `${p.kind}|${p.detail}`).slice(0, 4);
  if (call && !phaseEvidence.some((p) => p.kind === 'callKind')) {
    phaseEvidence.push({ kind: 'callKind', detail: `${call.kind} call${call.client ? ` from ${call.client}` : ''}`, at: { file: call.file, line: call.startLine }, fact: 'callStart', callKind: call.kind, client: call.client, label: call.label });
  }
  void calls;
  const callErr = ch.cands.find((x) => x.callLevel)?.callErrorCode ?? call?.callErrorCode;
  const texts: Record<string, string> = {};
  for (const x of ch.cands) Object.assign(texts, x.texts ?? {});
  const snippets = capped.filter((r) => texts[`${r.file}:${r.line}`] !== undefined).map((r) => ({ at: r, text: texts[`${r.file}:${r.line}`] }));
  return {
    key: `${d.file}:${d.line}`,
    at: { file: d.file, line: d.line },
    time: d.time,
    timeText: d.timeText,
    phase,
    phaseEvidence,
    code,
    loggedName: ch.cands.find((x) => x.code === code && x.loggedName)?.loggedName,
    outcomeKind: d.outcomeKind,
    updateId,
    revision: u?.revision ?? d.revision,
    kb: u?.kb ?? d.kb ?? ch.cands.find((x) => x.kb)?.kb ?? sessionKb(st, ch.cands),
    title: u?.title,
    callKey: call?.key,
    evidence: capped,
    rootCause: roots[0],
    cbsSessionKeys: uniq(ch.cands.map((x) => x.cbsSessionKey).filter((x): x is string => !!x)),
    occurrences: 1,
    callErrorCode: callErr !== undefined && callErr !== code && isError(callErr) ? callErr : undefined,
    operation: d.operation,
    snippets,
  };
}

/** The first KB of the chain's CBS session, known once the session has been read to its end. */
function sessionKb(st: State, cands: Candidate[]): string | undefined {
  const key = cands.find((x) => x.cbsSessionKey)?.cbsSessionKey;
  return key ? st.cbs.find((s) => s.key === key)?.kbs[0] : undefined;
}

/** Flat (file, line) pairs → LineRefs. */
function refsOf(pairs: number[]): LineRef[] {
  const out: LineRef[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) out.push({ file: pairs[i], line: pairs[i + 1] });
  return out;
}

function groupBy<T, K>(xs: T[], key: (x: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

function cmpRef(a: LineRef, b: LineRef): number {
  return a.file - b.file || a.line - b.line;
}

function before(a: LineRef, b: LineRef): boolean {
  return cmpRef(a, b) < 0;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function uniqRefs(xs: LineRef[]): LineRef[] {
  return uniqBy(xs, (r) => `${r.file}:${r.line}`);
}

function uniqBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Setup and DISM logs hold many Error lines; the decisive ones are the setup result codes
 * (0xC18xxxxx/0xC19xxxxx) when present, else the last error of the file. The others stay as
 * intermediate lines (evidence or noise).
 */
function pickDecisiveSetupErrors(cands: Candidate[]): void {
  const byFile = new Map<number, Candidate[]>();
  for (const c of cands) if (c.outcomeKind === 'setupError') byFile.set(c.file, (byFile.get(c.file) ?? []).concat(c));
  const drop = new Set<Candidate>();
  for (const list of byFile.values()) {
    const results = list.filter((c) => (c.code >>> 24) === 0xc1);
    const keep = new Set(results.length ? results : [list[list.length - 1]]);
    for (const c of list) if (!keep.has(c)) drop.add(c);
  }
  for (let i = cands.length - 1; i >= 0; i--) if (drop.has(cands[i])) cands.splice(i, 1);
}

/**
 * Windows 7 writes REPORT EVENT lines in batches, long after the call they report: an event
 * without update whose inner time is the end of a failed call with the same code is that
 * call's outcome again. Such events leave the candidate list and join the call's chain.
 */
function foldReportEvents(cands: Candidate[]): Map<Candidate, Candidate[]> {
  const out = new Map<Candidate, Candidate[]>();
  const calls = cands.filter((c) => c.callLevel && c.time !== undefined);
  if (!calls.length) return out;
  const byCode = new Map<number, Candidate[]>();
  for (const c of calls) byCode.set(c.code, (byCode.get(c.code) ?? []).concat(c));
  for (let i = cands.length - 1; i >= 0; i--) {
    const e = cands[i];
    if (e.outcomeKind !== 'reportEvent' || e.updateId || e.eventTime === undefined) continue;
    const match = (byCode.get(e.code) ?? []).find((c) => c.file === e.file && Math.abs((c.time as number) - (e.eventTime as number)) <= 2000);
    if (!match) continue;
    out.set(match, (out.get(match) ?? []).concat(e));
    cands.splice(i, 1);
  }
  return out;
}
