// The human report: Markdown a support engineer can paste into an email, in the order the
// email needs it. A status line; the verdict, one bullet per update or operation still failing
// (phase, code and its one-line meaning, the next step); the details of each; what to ask the
// customer for, each log once; the rest in a few lines (recovered failures, restarts, cancels,
// noise); the files read. Log text goes in code spans (codeSpan) or, for titles and file names
// in prose, through escapeMarkdown; our own texts through ownMarkdown.
import type { Analysis } from '../analysis/types';
import type { Lang } from '../lang';
import { explainCode } from '../errors';
import { renderAlso, renderFiles, storeProblems } from './also';
import { failedSentence, renderDetails } from './details';
import { escapeMarkdown, codeSpan } from './escape';
import type { GroupKind } from './emailTexts';
import { groupFailures, shortTime, type FailureGroup } from './groups';
import { stillFailingFirst } from './judgement';
import { groupName, makeCtx, refList, withRef, type ReportCtx } from './reportContext';
import { storeHealthSentence } from './storeHealth';
import { AdviceBook, type GroupSteps } from './steps';
import { renderBundle, renderChains, renderMissing } from './bundle';

export { reportFileName } from './reportContext';
export { MAX_COLLECT, MAX_STEPS } from './steps';

export interface MarkdownOptions {
  lang: Lang;
  /** Show at most this many updates or operations in full (the rest are counted). */
  maxFailures?: number;
}

/** At most this many bullets in the verdict. */
export const MAX_SUMMARY = 12;

const KIND_ORDER: GroupKind[] = ['update', 'scan', 'call', 'dism', 'cbs', 'setup', 'other'];

export function renderMarkdown(a: Analysis, opts: MarkdownOptions): string {
  const ctx = makeCtx(a, opts.lang);
  const { t, e } = ctx;
  const ordered = stillFailingFirst(a.failures);
  const still = groupFailures(ordered.filter((f) => !f.recovered), a);
  const healed = groupFailures(ordered.filter((f) => f.recovered), a);
  const book = new AdviceBook(a, opts.lang);
  const max = opts.maxFailures ?? 30;
  const advice = new Map<FailureGroup, GroupSteps>();
  for (const g of still.slice(0, max)) {
    advice.set(g, book.steps(g, groupName(g, ctx)));
    book.collect(g);
  }

  const out: string[] = [`# ${t.title}`, ''];
  // A bundle's report starts with what it held (machine, OS build, each log's span, what is missing).
  renderBundle(out, a, opts.lang, ctx.fileName);
  out.push(statusLine(still, healed, ctx), '');
  renderVerdict(out, still, advice, ctx);
  if (still.length) {
    out.push(`## ${e.detailsHeading}`, '');
    for (const g of still.slice(0, max)) renderDetails(out, g, advice.get(g) ?? { steps: [] }, ctx);
    if (still.length > max) out.push(e.more(still.length - max), '');
  }
  // Each failed update followed across the logs of a bundle (two logs read together keep their
  // links in the details: the one-screen report stays one screen).
  if (a.bundle) renderChains(out, a, opts.lang, ctx.ref, (c) => chainName(c, ctx));
  const asks = book.requests();
  if (asks.length) {
    out.push(`## ${e.askHeading}`, '');
    for (const r of asks) out.push(`- ${ctx.own(r)}`);
    out.push('');
  }
  renderMissing(out, a, opts.lang);
  renderAlso(out, healed, ctx);
  renderFiles(out, ctx);
  return out.join('\n');
}

/** "Still failing at the end of the logs: 1 update and 2 DISM operations. Recovered later: 1 update scan." */
function statusLine(still: FailureGroup[], healed: FailureGroup[], ctx: ReportCtx): string {
  const { e, t, a } = ctx;
  const counts = (groups: FailureGroup[]): string => e.list(KIND_ORDER
    .map((k) => [k, groups.filter((g) => g.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => e.count(k, n)));
  if (!a.failures.length) return `**${t.noFailures}**`;
  const head = still.length ? e.stillFailing(counts(still)) : e.nothingFailing;
  return healed.length ? `${head}${t.gap}${e.recoveredLater(counts(healed))}` : head;
}

/** One bullet per update or operation still failing, then store problems and unreadable files. */
function renderVerdict(out: string[], still: FailureGroup[], advice: Map<FailureGroup, GroupSteps>, ctx: ReportCtx): void {
  const { a, t, e, lang } = ctx;
  const problems = storeProblems(ctx);
  const unreadable = a.files.map((f, i) => ({ f, i })).filter(({ f }) => f.unreadable || f.format === 'etl' || f.format === 'undecoded');
  if (!still.length && !problems.length && !unreadable.length) return;
  out.push(`## ${e.verdictHeading}`, '');
  for (const g of still.slice(0, MAX_SUMMARY)) {
    const f = g.primary;
    const same = g.failures.filter((x) => x.code === f.code && x.phase === f.phase);
    const time = shortTime(f);
    const meaning = ctx.own(explainCode(f.code, lang, { loggedName: f.loggedName }).text.summary);
    const steps = advice.get(g);
    const next = steps?.sameAs ? e.sameAs(steps.sameAs) : steps?.steps[0] ? ctx.own(steps.steps[0]) : '';
    const sentence = `${failedSentence(g, ctx)}${time ? e.at(time) : ''}${t.gap}${t.paren(refList(same.map((x) => x.at), ctx))}${e.stop}`;
    out.push(`- **${groupName(g, ctx)}**${t.colon}${t.gap}${sentence}${t.gap}${meaning}${next ? `${t.gap}${ctx.label(e.nextStep)} ${next}` : ''}`);
  }
  if (still.length > MAX_SUMMARY) out.push(`- ${e.more(still.length - MAX_SUMMARY)}`);
  for (const h of problems.slice(0, 5)) {
    out.push(`- ${ctx.label(ctx.j.healthHeading)} ${withRef(storeHealthSentence(h, lang, codeSpan), ctx.ref(h.at.file, h.at.line), ctx)}`);
  }
  // A file we could not read is news for the email too: it says what to send instead.
  for (const { f, i } of unreadable.slice(0, 5)) {
    const note = t.unreadable[f.unreadable ?? f.format] ?? f.unreadable ?? f.format;
    out.push(`- **${escapeMarkdown(ctx.fileName(i))}**${t.colon}${t.gap}${note}`);
  }
  out.push('');
}

/** An update followed across logs, named by KB and title ("KB5034441 (2024-01 Security Update …)"). */
function chainName(c: { kb?: string; title?: string; updateId?: string }, ctx: ReportCtx): string {
  const { t } = ctx;
  const kb = c.kb ? `KB${c.kb}` : undefined;
  const title = c.title ? escapeMarkdown(c.title) : undefined;
  if (kb && title) return c.title?.includes(kb) ? title : `${kb} ${t.paren(title)}`;
  return kb ?? title ?? (c.updateId ? codeSpan(c.updateId) : t.unknownUpdate);
}
