// What every part of the Markdown report needs: the analysis, the texts of the language, the
// names the report prints for files (base names, made unique with their folder when two files
// share one: never a full path) and for updates and operations.
import type { Analysis, Call, CbsSession, Failure } from '../analysis/types';
import type { Lang } from '../lang';
import { explainCode, formatCode } from '../errors';
import { codeSpan, escapeMarkdown, ownMarkdown } from './escape';
import { emailTexts, type EmailTexts } from './emailTexts';
import type { FailureGroup } from './groups';
import { judgementTexts, type JudgementTexts } from './judgement';
import { reportTexts, type ReportTexts } from './texts';

export interface ReportCtx {
  a: Analysis;
  lang: Lang;
  t: ReportTexts;
  e: EmailTexts;
  j: JudgementTexts;
  calls: Map<string, Call>;
  sessions: Map<string, CbsSession>;
  /** The name the report prints for file `i` (unescaped). */
  fileName: (i: number) => string;
  /** `name:line` (1-based), escaped for Markdown prose. */
  ref: (file: number, line: number) => string;
  /** `**Label:**` */
  label: (s: string) => string;
  /** Our own text (commands in backticks) as Markdown. */
  own: (s: string) => string;
}

/** The last part of a path (either separator). */
export const reportFileName = (p: string): string => p.replace(/^.*[\\/]/, '');

/**
 * The names the report prints for the files: base names; files that share one get as many of
 * their folders as tell them apart (`machine1/CBS.log`), never more.
 */
export function reportFileNames(paths: readonly string[]): string[] {
  const parts = paths.map((p) => p.split(/[\\/]/).filter((x) => x));
  const names = paths.map(reportFileName);
  for (let depth = 2; depth <= 4; depth++) {
    const count = new Map<string, number>();
    for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
    if ([...count.values()].every((c) => c === 1)) break;
    names.forEach((n, i) => {
      if ((count.get(n) ?? 0) > 1) names[i] = parts[i].slice(-depth).join('/') || n;
    });
  }
  return names;
}

export function makeCtx(a: Analysis, lang: Lang): ReportCtx {
  const names = reportFileNames(a.files.map((f) => f.path));
  const fileName = (i: number): string => names[i] ?? `#${i}`;
  return {
    a, lang,
    t: reportTexts(lang), e: emailTexts(lang), j: judgementTexts(lang),
    calls: new Map(a.calls.map((c) => [c.key, c] as const)),
    sessions: new Map(a.cbsSessions.map((s) => [s.key, s] as const)),
    fileName,
    ref: (file, line) => `${escapeMarkdown(fileName(file))}:${line + 1}`,
    label: (s) => `**${s}${reportTexts(lang).colon}**`,
    own: (s) => ownMarkdown(s),
  };
}

/** KB and title of a failure's update, as shown in prose ("KB5034441 (2024-01 Security Update …)"). */
export function updateName(f: Failure, ctx: ReportCtx): string {
  const { t } = ctx;
  const kb = f.kb ? `KB${f.kb}` : undefined;
  const title = f.title ? escapeMarkdown(f.title) : undefined;
  if (kb && title) return f.title?.includes(kb) ? title : `${kb} ${t.paren(title)}`;
  return kb ?? title ?? (f.updateId ? codeSpan(f.updateId) : unnamed(f, ctx));
}

/** What failed when no update is named: a scan, a Windows Setup run, a DISM or CBS operation. */
function unnamed(f: Failure, ctx: ReportCtx): string {
  const { t, a } = ctx;
  if (f.phase === 'scan') return t.unnamed.scan;
  const fmt = a.files[f.at.file]?.format;
  if (fmt === 'setup' || fmt === 'dism' || fmt === 'cbs') return t.unnamed[fmt];
  return t.unknownUpdate;
}

/** The name of a group: its update, or the DISM command verb (`DISM /RestoreHealth`). */
export function groupName(g: FailureGroup, ctx: ReportCtx): string {
  if (g.verb && g.kind === 'dism') return `DISM ${codeSpan(`/${g.verb}`)}`;
  const call = g.kind === 'call' && g.primary.callKey ? ctx.calls.get(g.primary.callKey) : undefined;
  if (call) return ctx.e.callName(ctx.t.callKinds[call.kind] ?? call.kind, call.client ? codeSpan(call.client) : '');
  const named = g.failures.find((f) => f.title) ?? g.failures.find((f) => f.kb) ?? g.primary;
  const name = updateName(named, ctx);
  return g.kb && !named.kb && !name.includes(`KB${g.kb}`) ? `KB${g.kb} ${ctx.t.paren(name)}` : name;
}

/** `0x800F081F CBS_E_SOURCE_MISSING` in a code span. */
export function codeWithName(code: number, lang: Lang, loggedName?: string): string {
  const ex = explainCode(code, lang, { loggedName });
  return codeSpan(`${formatCode(code)}${ex.name ? ` ${ex.name}` : ''}`);
}

/** The references of a list of places, each once, at most `max`. */
export function refList(places: { file: number; line: number }[], ctx: ReportCtx, max = 3): string {
  const refs = [...new Set(places.map((p) => ctx.ref(p.file, p.line)))];
  return refs.slice(0, max).join(ctx.t.listSep) + (refs.length > max ? `${ctx.t.listSep}…` : '');
}

/** Puts a `(file:line)` reference before a sentence's final full stop. */
export function withRef(sentence: string, where: string, ctx: ReportCtx): string {
  const stop = /[.。]$/.exec(sentence)?.[0] ?? '';
  return `${stop ? sentence.slice(0, -1) : sentence}${ctx.t.gap}${ctx.t.paren(where)}${stop}`;
}
