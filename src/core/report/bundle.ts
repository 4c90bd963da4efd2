// The report's bundle parts: what the bundle held (at the top), one chain per failed update
// across the logs, and which log to ask the customer for next. Log text goes through codeSpan
// or escapeMarkdown like everywhere else in the report.
import { reportFileName } from './reportContext';
import type { Analysis } from '../analysis/types';
import type { ChainStep, UpdateChain } from '../analysis/finish/chainTypes';
import type { Lang } from '../lang';
import { explainCode, formatCode } from '../errors';
import { kindOfFile } from '../bundle/inventory';
import { bundleTexts } from './bundleTexts';
import { codeSpan, escapeMarkdown } from './escape';

type Ref = (file: number, line: number) => string;
const MAX_SKIPPED_SHOWN = 30;
const MAX_CHAINS_SHOWN = 15;

/** `2024-01-05 10:02:03` from a wall-clock time (the logs' own clock, read as UTC). */
function wall(ms: number | undefined, text?: string): string {
  if (text) return text.replace(/\s+/g, ' ').trim();
  return ms === undefined || !Number.isFinite(ms) ? '?' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
}

/** What the bundle held: sources, machine, each log's time span, expected logs missing, entries skipped. */
export function renderBundle(out: string[], a: Analysis, lang: Lang, fileName: (i: number) => string): void {
  const b = a.bundle;
  if (!b) return;
  const t = bundleTexts(lang);
  out.push(`## ${t.heading}`, '');
  for (const s of b.sources.slice(0, 20)) {
    out.push(`- ${t.source(s.kind, codeSpan(shortPath(s.path)), s.entries, s.logs)}${s.problem ? ` ${t.problems[s.problem.kind](codeSpan(s.problem.detail))}` : ''}`);
  }
  if (b.sources.length > 20) out.push(`- ${t.more(b.sources.length - 20)}`);
  const facts = b.machine.slice(0, 8).map((m) => `${t.factKinds[m.kind] ?? m.kind} ${codeSpan(m.value)}`);
  out.push(`- **${t.machine}**${t.colon}${facts.length ? facts.join(lang === 'zh-cn' ? '，' : ', ') : t.machineUnknown}`);
  if (b.severalMachines) out.push(`- ${t.severalMachines}`);
  out.push('');
  // Bold lines, not headings: the report's `###` headings are the failures' details.
  out.push(`**${t.spansHeading}**`, '');
  out.push(`| ${t.colLog} | ${t.colKind} | ${t.colFrom} | ${t.colTo} |`, '| --- | --- | --- | --- |');
  for (const [i, f] of a.files.slice(0, 60).entries()) {
    const id = f.identity;
    const name = escapeMarkdown(fileName(i));
    out.push(`| ${name} | ${t.kinds[kindOfFile(f)]} | ${wall(id?.firstTime, id?.firstTimeText)} | ${wall(id?.lastTime, id?.lastTimeText)} |`);
  }
  if (a.files.length > 60) out.push(`| ${t.more(a.files.length - 60)} | | | |`);
  out.push('');
  // One line: which of them matters for a verdict is said under "what to ask for next".
  if (b.missingExpected.length) {
    out.push(`**${t.missingExpectedHeading}**${t.colon}${b.missingExpected.map((k) => t.kinds[k]).join(lang === 'zh-cn' ? '、' : ', ')}`, '');
  }
  if (b.skippedCount) {
    out.push(`**${t.skippedHeading(b.skippedCount)}**`, '');
    for (const s of b.skipped.slice(0, MAX_SKIPPED_SHOWN)) {
      const detail = s.detail && s.reason !== 'notALog' ? ` ${codeSpan(s.detail)}` : '';
      out.push(`- ${codeSpan(shortPath(s.name))}${t.colon}${t.skipReasons[s.reason]}${detail}`);
    }
    if (b.skippedCount > MAX_SKIPPED_SHOWN) out.push(`- ${t.more(b.skippedCount - Math.min(MAX_SKIPPED_SHOWN, b.skipped.length))}`);
    out.push('');
  }
}

function stepLine(s: ChainStep, lang: Lang, ref: Ref): string {
  const t = bundleTexts(lang);
  const code = s.code !== undefined ? codeSpan(`${formatCode(s.code)}${explainCode(s.code, lang).name ? ` ${explainCode(s.code, lang).name}` : ''}`) : '';
  const state = s.kind === 'store' ? t.storeState(s.corrupt, s.repaired) : s.state === 'failed' ? t.failedWith(code || '?') : s.state === 'succeeded' ? t.succeeded : '';
  const who = [s.label ? codeSpan(s.label) : '', s.client ? codeSpan(s.client) : ''].filter((x) => x).join(' ');
  const text = s.text ? `${t.colon}${codeSpan(s.text)}` : '';
  // A WindowsUpdate.log or ReportingEvents.log reference names its log already.
  const kind = s.kind === 'wu' || s.kind === 'reporting' ? '' : `**${t.stepKinds[s.kind]}** `;
  return `${kind}${ref(s.at.file, s.at.line)}${who ? ` ${who}` : ''}${t.colon}${state}${text}`;
}

/** One chain per failed update (and per repair that fetched from Windows Update). */
export function renderChains(out: string[], a: Analysis, lang: Lang, ref: Ref, name: (c: UpdateChain) => string): void {
  const chains = (a.chains ?? []).filter((c) => c.steps.length);
  if (!chains.length) return;
  const t = bundleTexts(lang);
  out.push(`## ${t.chainsHeading}`, '');
  const present = new Set(a.files.map((f) => kindOfFile(f)));
  for (const c of chains.slice(0, MAX_CHAINS_SHOWN)) {
    const title = c.kind === 'repairSource' ? t.chainRepair : t.chainUpdate(name(c));
    out.push(`### ${title} (${c.stillFailing ? t.stillFailing : t.recovered})`, '');
    c.steps.forEach((s, i) => {
      out.push(`${i + 1}. ${stepLine(s, lang, ref)}`);
      for (const l of c.links.filter((x) => x.to === i)) {
        const matched = l.matchedBy.map((m) => t.matches[m]).join(lang === 'zh-cn' ? '，' : ', ');
        const delta = l.deltaMs !== undefined ? t.apart(Math.round(l.deltaMs / 60_000)) : '';
        const sides = `${ref(l.fromLine.file, l.fromLine.line)}${l.fromText ? ` ${codeSpan(l.fromText)}` : ''} ↔ ${ref(l.toLine.file, l.toLine.line)}${l.toText ? ` ${codeSpan(l.toText)}` : ''}`;
        out.push(`   - ${t.link(matched, delta, t.confidence[l.confidence])}${t.colon}${sides}`);
      }
    });
    if (c.kind === 'update') {
      const kinds = new Set(c.steps.map((s) => s.kind));
      const sep = lang === 'zh-cn' ? '、' : ', ';
      const families = (['wu', 'reporting', 'cbs'] as const).filter((k) => !kinds.has(k));
      const absent = families.filter((k) => !present.has(k));
      const unmatched = families.filter((k) => present.has(k));
      if (absent.length || unmatched.length) out.push('');
      if (unmatched.length) out.push(t.noMatch(unmatched.map((k) => t.kinds[k]).join(sep)));
      if (absent.length) out.push(t.notInBundle(absent.map((k) => t.kinds[k]).join(sep)));
    }
    out.push('');
  }
  if (chains.length > MAX_CHAINS_SHOWN) out.push(t.more(chains.length - MAX_CHAINS_SHOWN), '');
}

/** Which file to ask the customer for next, and why (when a verdict's evidence is in a log the bundle lacks). */
export function renderMissing(out: string[], a: Analysis, lang: Lang): void {
  const list = a.bundle?.missing ?? [];
  if (!list.length) return;
  const t = bundleTexts(lang);
  out.push(`## ${t.askHeading}`, '');
  for (const m of list) {
    const at = codeSpan(wall(m.at, m.atText));
    const covered = (m.covered ?? []).map((c) => `${codeSpan(wall(c.from))} – ${codeSpan(wall(c.to))}`).join(lang === 'zh-cn' ? '、' : ', ');
    const { what, why } = t.ask[m.reason](at, covered);
    out.push(`- **${what}**${t.colon}${why} ${lang === 'zh-cn' ? `（${t.forFailures(m.failures.length)}）` : `(${t.forFailures(m.failures.length)})`}`);
  }
  out.push('');
}

/**
 * A bundle path as the report shows it: the archive or folder by its name, then the path inside
 * (`bundle.zip!/evt/System.evtx`); never the local folders above it (the report is sent out).
 */
function shortPath(p: string): string {
  const bang = p.indexOf('!');
  const outer = bang >= 0 ? p.slice(0, bang) : p;
  return `${reportFileName(outer)}${bang >= 0 ? p.slice(bang) : ''}`;
}
