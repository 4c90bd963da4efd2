// The human report: Markdown a support engineer can paste into an email. Log text goes in code
// spans (codeSpan) or, for titles and file names in prose, through escapeMarkdown.
import type { Analysis, Call, CbsSession, Failure } from '../analysis/types';
import type { Lang } from '../lang';
import { explainCode, formatCode, type CodeExplanation } from '../errors';
import { mergeAdvice } from './advice';
import { codeSpan, escapeMarkdown } from './escape';
import { phaseReasons } from './reasons';
import { markdownTable } from './table';
import { reportTexts, type ReportTexts, type SummaryPart } from './texts';
import { renderBundle, renderChains, renderMissing } from './bundle';
import { downloadCompleted, judgementLines, judgementTexts, renderDismRuns, renderLowConfidence, renderStoreHealth, stillFailingFirst } from './judgement';

export interface MarkdownOptions {
  lang: Lang;
  /** Show at most this many failures in full (the rest are listed briefly). */
  maxFailures?: number;
}

/** Caps of the merged advice lists per failure. */
export const MAX_STEPS = 5;
export const MAX_COLLECT = 4;
/** At most this many sentences in the summary at the top. */
export const MAX_SUMMARY = 12;
/** At most this many matching CBS sessions per failure. */
export const MAX_SESSIONS = 4;

/** The name the report prints for a file (evidence links in the editor look it up again). */
export const reportFileName = (p: string): string => p.replace(/^.*[\\/]/, '');

interface Ctx {
  a: Analysis;
  lang: Lang;
  t: ReportTexts;
  calls: Map<string, Call>;
  sessions: Map<string, CbsSession>;
  fileName: (i: number) => string;
  ref: (file: number, line: number) => string;
}

export function renderMarkdown(a: Analysis, opts: MarkdownOptions): string {
  const t = reportTexts(opts.lang);
  const out: string[] = [];
  const fileName = (i: number): string => reportFileName(a.files[i]?.path ?? `#${i}`);
  const ctx: Ctx = {
    a, lang: opts.lang, t,
    calls: new Map(a.calls.map((c) => [c.key, c] as const)),
    sessions: new Map(a.cbsSessions.map((s) => [s.key, s] as const)),
    fileName,
    ref: (file, line) => `${escapeMarkdown(fileName(file))}:${line + 1}`,
  };
  const { ref } = ctx;

  out.push(`# ${t.title}`, '');
  // A bundle's inventory first, then the summary, the chains across logs and what to ask for next.
  renderBundle(out, a, opts.lang, fileName);
  renderSummary(out, ctx);
  renderChains(out, a, opts.lang, ref, (c) => chainName(c, t));
  renderMissing(out, a, opts.lang);

  out.push(`## ${t.filesRead}`, '');
  const rows: string[][] = [];
  for (const f of a.files) {
    const notes: string[] = [];
    if (f.unreadable) notes.push(t.unreadable[f.unreadable] ?? f.unreadable);
    else if (f.format === 'etl' || f.format === 'undecoded') notes.push(t.unreadable[f.format]);
    if (f.mojibake) notes.push(t.mojibake);
    if (f.etl) {
      if (f.etl.events) notes.push(t.etlDecoded(f.etl.files.length, f.etl.events));
      // The decoder's own account (English, as in the decoded text): only what was not decoded.
      notes.push(...f.etl.notes.filter((n) => !/TraceLogging events? decoded/.test(n)).slice(0, 6).map((n) => escapeMarkdown(n)));
    }
    rows.push([escapeMarkdown(reportFileName(f.path)), t.formats[f.format] ?? f.format, String(f.lines), f.encoding, notes.join(' ').replace(/\|/g, '\\|')]);
  }
  // Padded to display width: the table lines up in plain text too (full-width characters count two).
  out.push(...markdownTable([t.colFile, t.colFormat, t.colLines, t.colEncoding, t.colNote], rows, ['left', 'left', 'right', 'left', 'left']));
  out.push('');

  const nc = a.noiseCounts ?? { evidence: 0, benign: 0, transient: 0, other: 0 };
  const noiseTotal = nc.evidence + nc.benign + nc.transient + nc.other;
  out.push(a.failures.length ? t.summary(a.failures.length, noiseTotal) : t.noFailures, '');
  if (noiseTotal) out.push(t.noiseBreakdown(nc.evidence, nc.benign, nc.transient, nc.other), '');

  const max = opts.maxFailures ?? 30;
  // What is still failing leads; failures that later recovered follow, marked as such.
  const ordered = stillFailingFirst(a.failures);
  ordered.slice(0, max).forEach((f, i) => renderFailure(out, f, i + 1, ctx));
  if (ordered.length > max) out.push(t.more(ordered.length - max), '');
  renderDismRuns(out, a.dismRuns ?? [], opts.lang, ref);
  renderStoreHealth(out, a, opts.lang, ref);
  renderLowConfidence(out, a, opts.lang, ref, (f) => updateName(f, t, a));

  if (a.pending && a.pending.length) {
    out.push(`## ${t.pendingHeading}`, '');
    for (const p of a.pending.slice(0, 20)) {
      const u = p.updateId ? a.updates.find((x) => x.updateId === p.updateId) : undefined;
      const what = u?.kb ? `KB${u.kb}` : p.updateId ? codeSpan(p.updateId) : t.unknownUpdate;
      out.push(`- ${withRef(t.pendingLine(what, codeSpan(formatCode(p.code))), ref(p.at.file, p.at.line), t)}`);
    }
    if (a.pending.length > 20) out.push(`- ${t.more(a.pending.length - 20)}`);
    out.push('');
  }
  const cancelled = a.calls.filter((c) => c.result === 'cancelled');
  if (cancelled.length) {
    out.push(`## ${t.cancelledHeading}`, '');
    for (const c of cancelled.slice(0, 20)) {
      const code = c.callErrorCode ?? c.exitCode;
      out.push(`- ${withRef(t.cancelledLine(t.callKinds[c.kind] ?? c.kind, codeSpan(c.client ?? '?'), code !== undefined ? codeSpan(formatCode(code)) : ''), ref(c.file, c.resultLine ?? c.startLine), t)}`);
    }
    if (cancelled.length > 20) out.push(`- ${t.more(cancelled.length - 20)}`);
    out.push('');
  }
  const decided = a.updates.filter((u) => u.outcome !== 'unknown' && (u.kb || u.title));
  if (decided.length) {
    out.push(`## ${t.updatesHeading}`, '');
    for (const u of decided.slice(0, 40)) {
      const name = u.title ? escapeMarkdown(u.title) : `KB${u.kb}`;
      out.push(`- ${name} ${codeSpan(`${u.updateId}${u.revision !== undefined ? `.${u.revision}` : ''}`)}${t.colon}${t.gap}**${t.outcomes[u.outcome]}**`);
    }
    if (decided.length > 40) out.push(`- ${t.more(decided.length - 40)}`);
    out.push('');
  }
  return out.join('\n');
}

/** The name of an update chain: its KB and title, else its update ID. */
function chainName(c: { kb?: string; title?: string; updateId?: string }, t: ReportTexts): string {
  const kb = c.kb ? `KB${c.kb}` : undefined;
  const title = c.title ? escapeMarkdown(c.title) : undefined;
  if (kb && title) return c.title?.includes(kb) ? title : `${kb} ${t.paren(title)}`;
  return kb ?? title ?? (c.updateId ? codeSpan(c.updateId) : t.unknownUpdate);
}

/** KB and title of a failure's update, as shown in prose ("KB5034441 (2024-01 Security Update …)"). */
function updateName(f: Failure, t: ReportTexts, a: Analysis): string {
  return f.kb || f.title || f.updateId ? chainName(f, t) : unnamed(f, t, a);
}

/** What failed when no update is named: a scan, a Windows Setup run, a DISM or CBS operation. */
function unnamed(f: Failure, t: ReportTexts, a: Analysis): string {
  if (f.phase === 'scan') return t.unnamed.scan;
  // A DISM run is named by its verb (`DISM RestoreHealth`), the way engineers say it.
  const verb = /^dism (\S+)/.exec(f.subject ?? '')?.[1];
  if (verb) return `DISM ${codeSpan(verb)}`;
  const fmt = a.files[f.at.file]?.format;
  if (fmt === 'setup' || fmt === 'dism' || fmt === 'cbs') return t.unnamed[fmt];
  return t.unknownUpdate;
}

function codeWithName(f: Failure, ex: CodeExplanation): string {
  return codeSpan(`${formatCode(f.code)}${ex.name ? ` ${ex.name}` : ''}`);
}

/** One sentence per failed update: what goes in the first lines of the email. */
function renderSummary(out: string[], ctx: Ctx): void {
  const { a, t, lang } = ctx;
  const unreadable = a.files.filter((f) => f.unreadable || f.format === 'etl' || f.format === 'undecoded');
  if (!a.failures.length && !unreadable.length) return;
  const groups = new Map<string, Failure[]>();
  for (const f of stillFailingFirst(a.failures)) {
    // The same KB seen by WindowsUpdate.log (update id) and CBS.log (KB only) is one update.
    // Without an update, the same code at the same time in two files (setupact.log and
    // setuperr.log, or a repeat) is one event.
    const key = f.kb ? `kb:${f.kb}` : f.updateId ?? (f.title ? `title:${f.title}` : `event:${f.phase}:${f.code}:${shortTime(f) ?? f.key}`);
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  out.push(`## ${t.summaryHeading}`, '');
  const all = [...groups.values()];
  for (const g of all.slice(0, MAX_SUMMARY)) {
    // One part per phase and code; its places are listed together.
    const parts: SummaryPart[] = [];
    const byKey = new Map<string, SummaryPart>();
    // What still fails speaks for the update; its recovered failures are detailed further down.
    const current = g.some((f) => !f.recovered) ? g.filter((f) => !f.recovered) : g;
    for (const f of current) {
      const ex = explainCode(f.code, lang, { loggedName: f.loggedName });
      const where = ctx.ref(f.at.file, f.at.line);
      const k = `${f.phase}:${f.code}`;
      const seen = byKey.get(k);
      if (seen) {
        if (!seen.where.split(t.listSep).includes(where)) seen.where += `${t.listSep}${where}`;
        continue;
      }
      const part = { phase: t.phases[f.phase], code: codeWithName(f, ex), where, time: shortTime(f), meaning: ex.text.summary };
      byKey.set(k, part);
      parts.push(part);
    }
    const healed = g.every((f) => f.recovered) ? ` **${judgementTexts(lang).recoveredTag}**` : '';
    out.push(`- ${t.summaryLine(updateName(g.find((f) => f.title) ?? g[0], t, a), parts)}${healed}`);
  }
  if (all.length > MAX_SUMMARY) out.push(`- ${t.more(all.length - MAX_SUMMARY)}`);
  if (!a.failures.length) out.push(`- ${t.noFailures}`);
  // A file we could not read is news for the email too: it says what to send instead.
  for (const f of unreadable.slice(0, 5)) {
    const note = t.unreadable[f.unreadable ?? f.format] ?? f.unreadable ?? f.format;
    out.push(`- ${escapeMarkdown(reportFileName(f.path))}${t.colon}${t.gap}${note}`);
  }
  out.push('');
}

/** Topics the engineer already has for this failure, or that do not apply (not asked for again). */
function coveredLogs(f: Failure, a: Analysis): string[] {
  const out: string[] = [];
  const fmt = a.files[f.at.file]?.format;
  if (fmt === 'wu10' || fmt === 'wu7') out.push('wuLog');
  // Windows 7/8.1 has no Delivery Optimization: its log cannot be asked for.
  if (fmt === 'wu7') out.push('deliveryOptimization');
  if (fmt === 'cbs' || f.cbsSessionKeys.length) out.push('cbsLog');
  if (fmt === 'dism') out.push('dismLog');
  if (fmt === 'reporting') out.push('reportingLog');
  if (f.updateId && (f.kb || f.title)) out.push('updateIdentity');
  return out;
}

function renderFailure(out: string[], f: Failure, n: number, ctx: Ctx): void {
  const { a, t, lang, ref } = ctx;
  const ex = explainCode(f.code, lang, { loggedName: f.loggedName });
  const codeText = codeWithName(f, ex);
  const label = (s: string): string => `**${s}${t.colon}**`;
  const healed = f.recovered ? ` (${judgementTexts(lang).recoveredTag})` : '';
  out.push(`## ${t.failureHeading(n, updateName(f, t, a), t.phases[f.phase], codeText)}${healed}`, '');
  if (f.updateId || f.title) {
    const id = f.updateId ? ` ${codeSpan(`${f.updateId}${f.revision !== undefined ? `.${f.revision}` : ''}`)}` : '';
    const parent = f.parentUpdateId ? `${t.gap}${t.paren(`${t.bundledIn} ${codeSpan(f.parentUpdateId)}`)}` : '';
    out.push(`- ${label(t.update)} ${`${f.title ? escapeMarkdown(f.title) : f.kb ? `KB${f.kb}` : ''}${id}`.trim()}${parent}`);
  }
  const why = phaseReasons(f.phaseEvidence, lang, f.at.file, ctx.fileName).filter((s) => s).join(t.sep);
  out.push(`- ${label(t.phase)} ${t.phases[f.phase]}${why ? `${t.gap}${t.paren(`${t.because}${t.colon}${t.gap}${why}`)}` : ''}`);
  out.push(...judgementLines(f, a, lang, ref, label));
  out.push(`- ${label(t.code)} ${codeText}`);
  out.push(`- ${label(t.meaning)} ${ex.text.summary}${ex.text.cause ? `${t.gap}${ex.text.cause}` : ''}`);
  const call = f.callKey ? ctx.calls.get(f.callKey) : undefined;
  if (call) {
    const line = t.callLine(t.callKinds[call.kind] ?? call.kind, call.client ? codeSpan(call.client) : '', call.cv ? codeSpan(call.cv) : '', ref(call.file, call.startLine), call.endLine !== undefined ? String(call.endLine + 1) : '?');
    const ce = f.callErrorCode !== undefined ? `${t.sep}${t.callError} ${codeSpan(`${formatCode(f.callErrorCode)} ${explainCode(f.callErrorCode, lang).name ?? ''}`.trim())}` : '';
    out.push(`- ${label(t.call)} ${line}${ce}`);
  }
  if (f.timeText || f.time !== undefined) out.push(`- ${label(t.when)} ${codeSpan(f.timeText ?? new Date(f.time as number).toISOString())}${(f.occurrences ?? 1) > 1 ? `${t.sep}${t.repeats(f.occurrences ?? 1)}` : ''}`);
  out.push('', label(t.evidence), '');
  const snip = new Map((f.snippets ?? []).map((s) => [`${s.at.file}:${s.at.line}`, s.text] as const));
  for (const e of f.evidence) {
    const tags: string[] = [];
    if (f.rootCause && f.rootCause.file === e.file && f.rootCause.line === e.line) tags.push(t.rootCause);
    if (f.at.file === e.file && f.at.line === e.line) tags.push(t.outcome);
    const text = snip.get(`${e.file}:${e.line}`);
    out.push(`- ${ref(e.file, e.line)}${tags.length ? `${t.gap}${t.paren(tags.join(t.listSep))}` : ''}${text ? `${t.colon}${t.gap}${codeSpan(text)}` : ''}`);
  }
  out.push('');
  const linked = f.cbsSessionKeys.map((k) => ctx.sessions.get(k)).filter((s): s is CbsSession => !!s);
  if (linked.length) {
    const items = linked.map((s) => {
      const e = s.errors[0];
      // CBS prints "Unknown Error" for codes it has no text for: the tables usually do.
      const errName = e ? explainCode(e.code, lang, { loggedName: e.name && !/^unknown error$/i.test(e.name) ? e.name : undefined }).name : null;
      const inner = [s.client ? codeSpan(s.client) : '', ref(s.file, s.startLine), e ? codeSpan(`${formatCode(e.code)} ${errName ?? ''}`.trim()) : ''].filter((x) => x);
      return `${codeSpan(s.id)}${t.gap}${t.paren(inner.join(t.listSep))}`;
    });
    const shown = items.slice(0, MAX_SESSIONS).join(t.sep);
    out.push(`${label(t.cbsLinked)} ${shown}${items.length > MAX_SESSIONS ? `${t.sep}${t.more(items.length - MAX_SESSIONS)}` : ''}`, '');
  }
  // Most specific advice first: a text written for this code, then the phase's, then a generic
  // range text. Near-duplicates are merged, triage steps dropped (this code decided the outcome).
  const codeSteps = ex.text.steps;
  // Once the download is proven complete, clearing the download cache is not advice that applies.
  const done = downloadCompleted(f, a);
  const steps = mergeAdvice(ex.specific ? [codeSteps, t.phaseSteps[f.phase]] : [t.phaseSteps[f.phase], codeSteps], { cap: MAX_STEPS, dropTriage: true, halfCovered: true })
    .filter((s) => !done || !/SoftwareDistribution/.test(s));
  if (steps.length) {
    out.push(label(t.nextSteps), '');
    steps.forEach((s, i) => out.push(`${i + 1}. ${s}`));
    out.push('');
  }
  const codeCollect = ex.text.collect ?? [];
  const collect = mergeAdvice(ex.specific ? [codeCollect, t.phaseCollect[f.phase]] : [t.phaseCollect[f.phase], codeCollect], { cap: MAX_COLLECT, covered: coveredLogs(f, a) });
  if (collect.length) {
    out.push(label(t.collect), '');
    for (const c of collect) out.push(`- ${c}`);
    out.push('');
  }
}


/** The failure's time to the second, for the summary sentence. */
function shortTime(f: Failure): string | undefined {
  const s = f.timeText ?? (f.time !== undefined ? new Date(f.time).toISOString().replace('T', ' ').replace(/Z$/, ' UTC') : undefined);
  // Windows 7 logs separate date and time with a tab and milliseconds with a colon.
  return s?.replace(/\s+/g, ' ').replace(/(\d{1,2}:\d{2}:\d{2})[.,:]\d+/, '$1');
}

/** Puts a file:line reference before the sentence's final full stop. */
function withRef(sentence: string, where: string, t: ReportTexts): string {
  const stop = /[.。]$/.exec(sentence)?.[0] ?? '';
  return `${stop ? sentence.slice(0, -1) : sentence}${t.gap}${t.paren(where)}${stop}`;
}
