// The human report: Markdown a support engineer can paste into an email. Every piece of
// log text goes through escapeMarkdown/codeSpan.
import type { Analysis, Call, Failure } from '../analysis/types';
import type { Lang } from '../lang';
import { explainCode } from '../errors';
import { codeSpan, escapeMarkdown } from './escape';
import { hex8 } from './json';
import { reportTexts } from './texts';

export interface MarkdownOptions {
  lang: Lang;
  /** Show at most this many failures in full (the rest are listed briefly). */
  maxFailures?: number;
}

const base = (p: string): string => p.replace(/^.*[\\/]/, '');

export function renderMarkdown(a: Analysis, opts: MarkdownOptions): string {
  const t = reportTexts(opts.lang);
  const out: string[] = [];
  const calls = new Map(a.calls.map((c) => [c.key, c] as const));
  const sessions = new Map(a.cbsSessions.map((s) => [s.key, s] as const));
  const fileName = (i: number): string => base(a.files[i]?.path ?? `#${i}`);
  const ref = (file: number, line: number): string => `${escapeMarkdown(fileName(file))}:${line + 1}`;

  out.push(`# ${t.title}`, '');
  out.push(`## ${t.filesRead}`, '');
  out.push(`| ${t.colFile} | ${t.colFormat} | ${t.colLines} | ${t.colEncoding} | ${t.colNote} |`, '| --- | --- | ---: | --- | --- |');
  for (const f of a.files) {
    const notes: string[] = [];
    if (f.unreadable) notes.push(t.unreadable[f.unreadable] ?? f.unreadable);
    else if (f.format === 'etl' || f.format === 'undecoded') notes.push(t.unreadable[f.format]);
    if (f.mojibake) notes.push(t.mojibake);
    out.push(`| ${escapeMarkdown(base(f.path))} | ${t.formats[f.format] ?? f.format} | ${f.lines} | ${f.encoding} | ${notes.join(' ').replace(/\|/g, '\\|')} |`);
  }
  out.push('');

  const nc = a.noiseCounts ?? { evidence: 0, benign: 0, transient: 0, other: 0 };
  const noiseTotal = nc.evidence + nc.benign + nc.transient + nc.other;
  out.push(a.failures.length ? t.summary(a.failures.length, noiseTotal) : t.noFailures, '');
  if (noiseTotal) out.push(t.noiseBreakdown(nc.evidence, nc.benign, nc.transient, nc.other), '');

  const max = opts.maxFailures ?? 30;
  a.failures.slice(0, max).forEach((f, i) => renderFailure(out, f, i + 1, a, opts.lang, calls, sessions, fileName, ref));
  if (a.failures.length > max) {
    out.push(`… ${a.failures.length - max} more`, '');
  }

  if (a.pending && a.pending.length) {
    out.push(`## ${t.pendingHeading}`, '');
    for (const p of a.pending.slice(0, 20)) {
      const u = p.updateId ? a.updates.find((x) => x.updateId === p.updateId) : undefined;
      const what = u?.kb ? `KB${u.kb}` : p.updateId ? codeSpan(p.updateId) : t.unknownUpdate;
      out.push(`- ${t.pendingLine(what, codeSpan(hex8(p.code)))} (${ref(p.at.file, p.at.line)})`);
    }
    out.push('');
  }
  const cancelled = a.calls.filter((c) => c.result === 'cancelled');
  if (cancelled.length) {
    out.push(`## ${t.cancelledHeading}`, '');
    for (const c of cancelled.slice(0, 20)) {
      const code = c.callErrorCode ?? c.exitCode;
      out.push(`- ${t.cancelledLine(t.callKinds[c.kind] ?? c.kind, codeSpan(c.client ?? '?'), code !== undefined ? codeSpan(hex8(code)) : '')} (${ref(c.file, c.resultLine ?? c.startLine)})`);
    }
    if (cancelled.length > 20) out.push(`- … ${cancelled.length - 20} more`);
    out.push('');
  }
  const decided = a.updates.filter((u) => u.outcome !== 'unknown' && (u.kb || u.title));
  if (decided.length) {
    out.push(`## ${t.updatesHeading}`, '');
    for (const u of decided.slice(0, 40)) {
      const name = u.title ? escapeMarkdown(u.title) : `KB${u.kb}`;
      out.push(`- ${name} ${codeSpan(`${u.updateId}${u.revision !== undefined ? `.${u.revision}` : ''}`)}: **${t.outcomes[u.outcome]}**`);
    }
    out.push('');
  }
  return out.join('\n');
}

function renderFailure(
  out: string[], f: Failure, n: number, a: Analysis, lang: Lang, calls: Map<string, Call>,
  sessions: Map<string, Analysis['cbsSessions'][number]>, fileName: (i: number) => string, ref: (file: number, line: number) => string,
): void {
  const t = reportTexts(lang);
  const ex = explainCode(f.code, lang, { loggedName: f.loggedName });
  const codeText = `${hex8(f.code)}${ex.name ? ` ${ex.name}` : ''}`;
  const what = f.kb ? `KB${f.kb}` : f.title ? escapeMarkdown(f.title) : f.updateId ? codeSpan(f.updateId) : t.unknownUpdate;
  out.push(`## ${t.failureHeading(n, what, t.phases[f.phase], codeSpan(codeText))}`, '');
  if (f.updateId || f.title) {
    const id = f.updateId ? ` ${codeSpan(`${f.updateId}${f.revision !== undefined ? `.${f.revision}` : ''}`)}` : '';
    const parent = f.parentUpdateId ? ` (${t.bundledIn} ${codeSpan(f.parentUpdateId)})` : '';
    out.push(`- **${t.update}:** ${f.title ? escapeMarkdown(f.title) : ''}${id}${parent}`);
  }
  const why = f.phaseEvidence.map((p) => {
    const label = t.evidenceKinds ? t.evidenceKinds[p.kind] ?? p.kind : escapeMarkdown(p.detail);
    return `${label}${p.at ? ` (${ref(p.at.file, p.at.line)})` : ''}`;
  }).join('; ');
  out.push(`- **${t.phase}:** ${t.phases[f.phase]}${why ? ` (${t.because}: ${why})` : ''}`);
  out.push(`- **${t.code}:** ${codeSpan(codeText)}`);
  out.push(`- **${t.meaning}:** ${ex.text.summary}${ex.text.cause ? ` ${ex.text.cause}` : ''}`);
  const call = f.callKey ? calls.get(f.callKey) : undefined;
  if (call) {
    const line = t.callLine(t.callKinds[call.kind] ?? call.kind, codeSpan(call.client ?? '?'), call.cv ? codeSpan(call.cv) : '', ref(call.file, call.startLine), call.endLine !== undefined ? String(call.endLine + 1) : '?');
    const ce = f.callErrorCode !== undefined ? `; ${t.callError} ${codeSpan(`${hex8(f.callErrorCode)} ${explainCode(f.callErrorCode, lang).name ?? ''}`.trim())}` : '';
    out.push(`- **${t.call}:** ${line}${ce}`);
  }
  if (f.timeText || f.time !== undefined) out.push(`- **${t.when}:** ${codeSpan(f.timeText ?? new Date(f.time as number).toISOString())}${(f.occurrences ?? 1) > 1 ? `; ${t.repeats(f.occurrences ?? 1)}` : ''}`);
  out.push('', `**${t.evidence}:**`, '');
  const snip = new Map((f.snippets ?? []).map((s) => [`${s.at.file}:${s.at.line}`, s.text] as const));
  for (const e of f.evidence) {
    const tags: string[] = [];
    if (f.rootCause && f.rootCause.file === e.file && f.rootCause.line === e.line) tags.push(t.rootCause);
    if (f.at.file === e.file && f.at.line === e.line) tags.push(t.outcome);
    const text = snip.get(`${e.file}:${e.line}`);
    out.push(`- ${ref(e.file, e.line)}${tags.length ? ` (${tags.join(', ')})` : ''}${text ? `: ${codeSpan(text)}` : ''}`);
  }
  out.push('');
  const linked = f.cbsSessionKeys.map((k) => sessions.get(k)).filter((s): s is NonNullable<typeof s> => !!s);
  if (linked.length) {
    out.push(`**${t.cbsLinked}:** ${linked.map((s) => `${codeSpan(s.id)} (${escapeMarkdown(s.client ?? '')}, ${ref(s.file, s.startLine)}${s.errors[0] ? `, ${codeSpan(`${hex8(s.errors[0].code)} ${s.errors[0].name ?? ''}`.trim())}` : ''})`).join('; ')}`, '');
  }
  void fileName;
  const steps = ex.text.steps.concat(t.phaseSteps[f.phase]);
  out.push(`**${t.nextSteps}:**`, '');
  for (const s of uniq(steps).slice(0, 6)) out.push(`1. ${s}`);
  out.push('');
  const collect = (ex.text.collect ?? []).concat(t.phaseCollect[f.phase]);
  out.push(`**${t.collect}:**`, '');
  for (const c of uniq(collect).slice(0, 5)) out.push(`- ${c}`);
  out.push('');
  void a;
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}
