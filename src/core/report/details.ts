// The details of one still-failing update or operation: what failed, the phase and its proof,
// what the analysis judged (finished download, cause, extend code), the call, the time, the
// matching CBS session, the evidence lines, and the steps after the verdict's first one.
import type { CbsSession, Failure, LineRef } from '../analysis/types';
import { explainCode, formatCode } from '../errors';
import { codeSpan, escapeMarkdown } from './escape';
import type { FailureGroup } from './groups';
import { judgementLines } from './judgement';
import { phaseReasons } from './reasons';
import { codeWithName, groupName, refList, type ReportCtx } from './reportContext';
import type { GroupSteps } from './steps';

/** At most this many evidence lines per update or operation. */
export const MAX_EVIDENCE = 8;
/** At most this many matching CBS sessions. */
export const MAX_SESSIONS = 3;

/** The heading's sentence: "KB5034441: the install failed with `0x800F0922 CBS_E_INSTALLERS_FAILED`". */
export function failedSentence(g: FailureGroup, ctx: ReportCtx): string {
  const f = g.primary;
  const phase = g.kind === 'dism' ? undefined : ctx.t.phases[f.phase];
  return ctx.e.failedWith(phase, codeWithName(f.code, ctx.lang, f.loggedName), g.runs?.length ?? 1);
}

export function renderDetails(out: string[], g: FailureGroup, advice: GroupSteps, ctx: ReportCtx): void {
  const { a, t, e, label, ref } = ctx;
  const f = g.primary;
  out.push(`### ${groupName(g, ctx)}${t.colon}${t.gap}${failedSentence(g, ctx)}`, '');
  const withId = g.failures.find((x) => x.updateId);
  if (withId?.updateId) {
    const id = codeSpan(`${withId.updateId}${withId.revision !== undefined ? `.${withId.revision}` : ''}`);
    const title = g.failures.find((x) => x.title)?.title;
    const parent = withId.parentUpdateId ? `${t.gap}${t.paren(`${t.bundledIn} ${codeSpan(withId.parentUpdateId)}`)}` : '';
    out.push(`- ${label(t.update)} ${title ? `${escapeMarkdown(title)} ` : ''}${id}${parent}`);
  }
  const run = g.runs?.[g.runs.length - 1];
  if (run) {
    const last = ref(run.file, run.resultLine ?? run.startLine);
    out.push(`- ${label(e.command)} ${codeSpan(run.command)}${g.runs && g.runs.length > 1 ? `${t.sep}${e.runs(g.runs.length, last)}` : `${t.gap}${t.paren(last)}`}`);
  }
  // The phase and its proof, from every failure of the group in that phase.
  const samePhase = g.failures.filter((x) => x.phase === f.phase);
  // Lines of another file than the primary's carry their file name; all do when the group spans files.
  const oneFile = new Set(g.failures.map((x) => x.at.file)).size === 1 ? f.at.file : -1;
  const why = phaseReasons(samePhase.flatMap((x) => x.phaseEvidence), ctx.lang, oneFile, ctx.fileName).filter((s) => s).join(t.sep);
  out.push(`- ${label(t.phase)} ${t.phases[f.phase]}${why ? `${t.gap}${t.paren(`${t.because}${t.colon}${t.gap}${why}`)}` : ''}`);
  const judged = new Set<string>();
  for (const x of [f, ...g.failures.filter((y) => y !== f)]) {
    for (const l of judgementLines(x, a, ctx.lang, ref, label)) {
      // The same judgement for the WU and the CBS side of one update is said once.
      const k = l.replace(/\([^()]*\)/g, '');
      if (judged.has(k)) continue;
      judged.add(k);
      out.push(l);
    }
  }
  const ex = explainCode(f.code, ctx.lang, { loggedName: f.loggedName });
  if (ex.text.cause) out.push(`- ${label(e.typicalCause)} ${ctx.own(ex.text.cause)}`);
  const others = otherParts(g, ctx);
  if (others.length) out.push(`- ${label(e.otherCodes)} ${others.join(t.sep)}`);
  const withCall = g.failures.find((x) => x.callKey && ctx.calls.has(x.callKey));
  const call = withCall?.callKey ? ctx.calls.get(withCall.callKey) : undefined;
  if (call && withCall) {
    const line = t.callLine(t.callKinds[call.kind] ?? call.kind, call.client ? codeSpan(call.client) : '', call.cv ? codeSpan(call.cv) : '', ref(call.file, call.startLine), call.endLine !== undefined ? String(call.endLine + 1) : '?');
    const ce = withCall.callErrorCode !== undefined ? `${t.sep}${t.callError} ${codeWithName(withCall.callErrorCode, ctx.lang)}` : '';
    out.push(`- ${label(t.call)} ${line}${ce}`);
  }
  if (f.timeText || f.time !== undefined) {
    const n = f.occurrences ?? 1;
    out.push(`- ${label(t.when)} ${codeSpan(f.timeText ?? new Date(f.time as number).toISOString())}${n > 1 ? `${t.sep}${t.repeats(e.times(n))}` : ''}`);
  }
  const sessions = sessionsOf(g, ctx);
  if (sessions.length) {
    const items = sessions.slice(0, MAX_SESSIONS).map((s) => sessionText(s, ctx));
    out.push(`- ${label(t.cbsLinked(sessions.length))} ${items.join(t.sep)}${sessions.length > MAX_SESSIONS ? `${t.sep}${e.more(sessions.length - MAX_SESSIONS)}` : ''}`);
  }
  renderEvidence(out, g.failures, ctx);
  out.push('');
  const further = advice.sameAs ? advice.steps : advice.steps.slice(1);
  if (further.length) {
    out.push(`**${e.furtherSteps}${t.colon}**`, '');
    further.forEach((s, i) => out.push(`${i + 2}. ${ctx.own(s)}`));
    out.push('');
  }
}

/** Other phase/code pairs of the group than the primary's: "`0x80070002 ERROR_FILE_NOT_FOUND` (install, WindowsUpdate.log:16)". */
function otherParts(g: FailureGroup, ctx: ReportCtx): string[] {
  const f = g.primary;
  const parts = new Map<string, Failure[]>();
  for (const x of g.failures) {
    if (x.code === f.code && x.phase === f.phase) continue;
    const k = `${x.phase}:${x.code}`;
    parts.set(k, [...(parts.get(k) ?? []), x]);
  }
  return [...parts.values()].map((list) => {
    const x = list[0];
    const where = refList(list.map((y) => y.at), ctx, 2);
    const phase = x.phase !== f.phase ? `${ctx.t.phases[x.phase]}${ctx.t.listSep}` : '';
    return `${codeWithName(x.code, ctx.lang, x.loggedName)}${ctx.t.gap}${ctx.t.paren(`${phase}${where}`)}`;
  });
}

function sessionsOf(g: FailureGroup, ctx: ReportCtx): CbsSession[] {
  const keys = [...new Set(g.failures.flatMap((f) => f.cbsSessionKeys))];
  return keys.map((k) => ctx.sessions.get(k)).filter((s): s is CbsSession => !!s);
}

function sessionText(s: CbsSession, ctx: ReportCtx): string {
  const e = s.errors[0];
  // CBS prints "Unknown Error" for codes it has no text for: the tables usually do.
  const name = e ? explainCode(e.code, ctx.lang, { loggedName: e.name && !/^unknown error$/i.test(e.name) ? e.name : undefined }).name : null;
  const inner = [s.client ? codeSpan(s.client) : '', ctx.ref(s.file, s.startLine), e ? codeSpan(`${formatCode(e.code)} ${name ?? ''}`.trim()) : ''].filter((x) => x);
  return `${codeSpan(s.id)}${ctx.t.gap}${ctx.t.paren(inner.join(ctx.t.listSep))}`;
}

/** Evidence of every failure of the group, each line once, in file and line order, tagged. */
function renderEvidence(out: string[], failures: Failure[], ctx: ReportCtx): void {
  const { t, e } = ctx;
  const key = (r: LineRef): string => `${r.file}:${r.line}`;
  const lines = new Map<string, LineRef>();
  const roots = new Set<string>();
  const outcomes = new Set<string>();
  const snippets = new Map<string, string>();
  for (const f of failures) {
    for (const r of f.evidence) lines.set(key(r), r);
    if (f.rootCause) roots.add(key(f.rootCause));
    outcomes.add(key(f.at));
    for (const s of f.snippets ?? []) snippets.set(key(s.at), s.text);
  }
  const sorted = [...lines.values()].sort((x, y) => x.file - y.file || x.line - y.line);
  if (!sorted.length) return;
  // Over the cap: keep the root causes and outcomes, then the earliest others.
  const must = sorted.filter((r) => roots.has(key(r)) || outcomes.has(key(r)));
  const shown = new Set([...must, ...sorted.filter((r) => !must.includes(r))].slice(0, MAX_EVIDENCE).map(key));
  out.push(`- ${ctx.label(t.evidence)}`);
  for (const r of sorted) {
    if (!shown.has(key(r))) continue;
    const tags = [roots.has(key(r)) ? t.rootCause : '', outcomes.has(key(r)) ? t.outcome : ''].filter((x) => x);
    const text = snippets.get(key(r));
    out.push(`  - ${ctx.ref(r.file, r.line)}${tags.length ? `${t.gap}${t.paren(tags.join(t.listSep))}` : ''}${text ? `${t.colon}${t.gap}${codeSpan(text)}` : ''}`);
  }
  if (sorted.length > shown.size) out.push(`  - ${e.more(sorted.length - shown.size)}`);
}
