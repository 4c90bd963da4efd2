// The end of the report, in a few lines: failures that recovered later, updates waiting for a
// restart, calls their caller cancelled, outcomes that are probably not failures, store checks
// that found nothing to fix, the error lines that decided nothing, the updates that succeeded,
// and the files read.
import type { Call, StoreHealth } from '../analysis/types';
import { formatCode } from '../errors';
import { codeSpan, escapeMarkdown } from './escape';
import { failedSentence } from './details';
import type { FailureGroup } from './groups';
import { codeWithName, groupName, refList, updateName, withRef, type ReportCtx } from './reportContext';
import { latestStoreHealth, storeHealthSentence } from './storeHealth';

/** At most this many items per kind. */
const MAX_ITEMS = 5;

/** Store checks that leave something to do: corruption found and not (known to be) repaired. */
export function storeProblems(ctx: ReportCtx): StoreHealth[] {
  return latestStoreHealth(ctx.a.storeHealth ?? []).filter(isProblem);
}

const isProblem = (h: StoreHealth): boolean => h.tool === 'cbs' || h.repaired === false || (h.corruptionFound === true && h.repaired !== true);

/** A labelled bullet: one item inline, several as a nested list. */
function bullet(out: string[], label: string, items: string[], ctx: ReportCtx): void {
  if (!items.length) return;
  const shown = items.slice(0, MAX_ITEMS);
  if (items.length > MAX_ITEMS) shown.push(ctx.e.more(items.length - MAX_ITEMS));
  if (shown.length === 1) out.push(`- ${ctx.label(label)} ${shown[0]}`);
  else out.push(`- ${ctx.label(label)}`, ...shown.map((s) => `  - ${s}`));
}

export function renderAlso(out: string[], recovered: FailureGroup[], ctx: ReportCtx): void {
  const { a, t, e, j, ref } = ctx;
  const lines: string[] = [];
  bullet(lines, e.recovered, recovered.map((g) => {
    const healed = g.failures.map((f) => f.recovered).filter((r): r is NonNullable<typeof r> => !!r);
    return e.recoveredLine(groupName(g, ctx), failedSentence(g, ctx), refList(g.failures.map((f) => f.at), ctx, 2), refList(healed.slice(-1), ctx, 1));
  }), ctx);
  const pending = a.pending ?? [];
  if (pending.length) {
    const items = pending.slice(0, MAX_ITEMS).map((p) => {
      const u = p.updateId ? a.updates.find((x) => x.updateId === p.updateId) : undefined;
      const kb = p.kb ?? u?.kb;
      const what = kb ? `KB${kb}` : p.updateId ? codeSpan(p.updateId) : t.unknownUpdate;
      return e.pendingItem(what, codeSpan(formatCode(p.code)), ref(p.at.file, p.at.line));
    });
    const more = pending.length > MAX_ITEMS ? `${t.sep}${e.more(pending.length - MAX_ITEMS)}` : '';
    lines.push(`- ${ctx.label(e.pending)} ${items.join(t.sep)}${more}${t.sep}${e.pendingTail}`);
  }
  bullet(lines, e.cancelled, cancelledItems(a.calls.filter((c) => c.result === 'cancelled'), ctx), ctx);
  bullet(lines, j.lowHeading, (a.lowConfidence ?? []).map((f) => j.lowLine(updateName(f, ctx), codeSpan(formatCode(f.code)), ref(f.at.file, f.at.line))), ctx);
  const healthy = latestStoreHealth(a.storeHealth ?? []).filter((h) => !isProblem(h));
  bullet(lines, j.healthHeading, healthy.map((h) => withRef(storeHealthSentence(h, ctx.lang, codeSpan), ref(h.at.file, h.at.line), ctx)), ctx);
  const nc = a.noiseCounts ?? { evidence: 0, benign: 0, transient: 0, other: 0 };
  const total = nc.evidence + nc.benign + nc.transient + nc.other;
  if (total) lines.push(`- ${e.noise(total, nc)}`);
  const ok = a.updates.filter((u) => u.outcome === 'succeeded' && (u.kb || u.title));
  if (ok.length) {
    const names = [...new Set(ok.map((u) => (u.kb ? `KB${u.kb}` : escapeMarkdown(u.title as string))))];
    lines.push(`- ${e.succeeded(ok.length, names.slice(0, MAX_ITEMS), Math.max(0, names.length - MAX_ITEMS))}`);
  }
  if (!lines.length) return;
  out.push(`## ${e.alsoHeading}`, '', ...lines, '');
}

/** Cancelled calls grouped by kind, client and code: "2 download calls from `Windows Defender` (`0x8024000B`), …". */
function cancelledItems(calls: Call[], ctx: ReportCtx): string[] {
  const groups = new Map<string, Call[]>();
  for (const c of calls) {
    const code = c.callErrorCode ?? c.exitCode;
    const k = `${c.kind}|${c.client ?? ''}|${code ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return [...groups.values()].map((list) => {
    const c = list[0];
    const code = c.callErrorCode ?? c.exitCode;
    const where = refList(list.map((x) => ({ file: x.file, line: x.resultLine ?? x.startLine })), ctx, 2);
    return ctx.e.cancelledItem(list.length, ctx.t.callKinds[c.kind] ?? c.kind, c.client ? codeSpan(c.client) : '', code !== undefined ? codeWithName(code, ctx.lang) : '', where);
  });
}

/** The files read: name, format, line count and what to know about them. */
export function renderFiles(out: string[], ctx: ReportCtx): void {
  const { a, t, e } = ctx;
  if (!a.files.length) return;
  out.push(`## ${e.filesHeading}`, '');
  for (const [i, f] of a.files.entries()) {
    const notes: string[] = [];
    if (f.unreadable || f.format === 'etl' || f.format === 'undecoded') notes.push(e.unreadableNote);
    if (f.mojibake) notes.push(`${t.mojibake}${e.stop}`);
    if (f.etl) {
      if (f.etl.events) notes.push(t.etlDecoded(f.etl.files.length, f.etl.events));
      // The decoder's own account (English, as in the decoded text): only what was not decoded.
      notes.push(...f.etl.notes.filter((n) => !/TraceLogging events? decoded/.test(n)).slice(0, 4).map((n) => escapeMarkdown(n)));
    }
    out.push(`- ${e.fileLine(escapeMarkdown(ctx.fileName(i)), t.formats[f.format] ?? f.format, f.lines, notes)}`);
  }
  out.push('');
}
