// The tree of one log's analysis as plain data: which nodes exist and their children (built
// lazily, one page at a time). An expert's overview: what still fails first, then what
// recovered, then updates (or calls, by the view's grouping) with a result, and the rest
// collapsed. One node per logical call; every expandable subtree appears once (elsewhere a
// leaf reference leads to it). No `vscode` import: unit-tested directly; treeNodeViews.ts gives
// each node its text, treeProvider.ts makes TreeItems.
import type { Analysis, CbsError, CbsSession, DismRun, Failure, LineRef, UpdateInfo, UpdateResult } from '../core/analysis/types';
import { explainCode, formatCode } from '../core/errors';
import type { Lang } from '../core/lang';
import { logicalCallIndex, logicalCalls, type LogicalCall } from '../core/navigate';
import type { Translate } from '../settings/placeholders';

/** Localises an English UI string with `{0}` placeholders (the shared translator in the editor). */
export type Tr = Translate;

/** Children shown per page; the rest hide behind a "… N more" node that expands to the next page. */
export const PAGE_SIZE = 100;
/** Mentions of an update shown at most (the core caps its list too). */
export const MENTION_CAP = 50;
/** Earlier occurrences of a repeated failure listed at most. */
const REPEAT_CAP = 10;

export type SectionKind = 'stillFailing' | 'recovered' | 'lowConfidence' | 'updates' | 'calls' | 'sessions' | 'dismRuns';

/** What an evidence or structure line is to its parent, shown before its text. */
export type LineRole = 'rootCause' | 'outcome' | 'callStart' | 'evidence' | 'cause' | 'recovered' | 'repeat' | 'start' | 'end' | 'mention' | 'command' | 'result';

/** A leaf that leads to an entity shown elsewhere in the tree (so no subtree is repeated). */
export type RefTarget =
  | { kind: 'update'; update: UpdateInfo }
  | { kind: 'call'; call: LogicalCall }
  | { kind: 'session'; session: CbsSession }
  | { kind: 'dismRun'; run: DismRun }
  | { kind: 'failure'; failure: Failure }
  | { kind: 'bundle'; updateId: string };

export type TreeNode =
  | { type: 'section'; section: SectionKind }
  | { type: 'failure'; failure: Failure }
  | { type: 'update'; update: UpdateInfo }
  | { type: 'call'; call: LogicalCall }
  | { type: 'session'; session: CbsSession }
  | { type: 'dismRun'; run: DismRun }
  | { type: 'rest'; of: 'updates'; items: UpdateInfo[] }
  | { type: 'rest'; of: 'calls'; items: LogicalCall[] }
  | { type: 'result'; result: UpdateResult }
  | { type: 'cbsError'; error: CbsError }
  | { type: 'mentions'; update: UpdateInfo }
  | { type: 'line'; at: LineRef; role: LineRole; text?: string }
  | { type: 'ref'; target: RefTarget }
  | { type: 'fact'; label: string; description?: string; at?: LineRef; icon?: string }
  | { type: 'more'; remaining: number; next: () => TreeNode[] }
  | { type: 'empty'; label: string };

export type GroupBy = 'update' | 'call';

export interface TreeOptions {
  groupBy: GroupBy;
  failuresOnly: boolean;
}

export interface TreeEnv {
  analysis: Analysis;
  t: Tr;
  lang: Lang;
  /** Text of a 0-based line of the document, when it is at hand. */
  lineText?: (line: number) => string | undefined;
  options?: TreeOptions;
}

export const DEFAULT_OPTIONS: TreeOptions = { groupBy: 'update', failuresOnly: false };

const OUTCOME_RANK: Record<UpdateInfo['outcome'], number> = { failed: 0, succeeded: 1, unknown: 2 };
const LISTED_CALL_KINDS = new Set(['install', 'download', 'uninstall']);

export class TreeModel {
  readonly calls: LogicalCall[];
  private readonly callByKey: Map<string, LogicalCall>;
  private updatesById?: Map<string, UpdateInfo>;
  private sessionsByKey?: Map<string, CbsSession>;

  constructor(readonly env: TreeEnv) {
    this.calls = logicalCalls(env.analysis.calls);
    this.callByKey = logicalCallIndex(this.calls);
  }

  get analysis(): Analysis {
    return this.env.analysis;
  }

  get options(): TreeOptions {
    return this.env.options ?? DEFAULT_OPTIONS;
  }

  /** Top level: the failures first, then updates or calls (by the grouping), CBS sessions and DISM runs. */
  roots(): TreeNode[] {
    const a = this.env.analysis;
    const low = a.lowConfidence ?? [];
    const anything = a.failures.length + low.length + a.updates.length + a.calls.length + a.cbsSessions.length + (a.dismRuns?.length ?? 0) > 0;
    if (!anything) return [{ type: 'empty', label: this.emptyText() }];
    const out: TreeNode[] = [{ type: 'section', section: 'stillFailing' }];
    if (a.failures.some((f) => f.recovered)) out.push({ type: 'section', section: 'recovered' });
    if (low.length) out.push({ type: 'section', section: 'lowConfidence' });
    if (this.options.failuresOnly) return out;
    if (this.options.groupBy === 'update' && a.updates.length) out.push({ type: 'section', section: 'updates' });
    if (this.options.groupBy === 'call' && this.calls.length) out.push({ type: 'section', section: 'calls' });
    if (a.cbsSessions.length) out.push({ type: 'section', section: 'sessions' });
    if (a.dismRuns?.length) out.push({ type: 'section', section: 'dismRuns' });
    return out;
  }

  children(node: TreeNode): TreeNode[] {
    switch (node.type) {
      case 'section':
        return this.sectionChildren(node.section);
      case 'failure':
        return this.failureChildren(node.failure);
      case 'update':
        return this.updateChildren(node.update);
      case 'call':
        return this.callChildren(node.call);
      case 'session':
        return this.sessionChildren(node.session);
      case 'dismRun':
        return this.dismChildren(node.run);
      case 'rest':
        return node.of === 'updates' ? page(node.items, 0, (update) => ({ type: 'update', update })) : page(node.items, 0, (call) => ({ type: 'call', call }));
      case 'mentions':
        return page(node.update.mentions.slice(0, MENTION_CAP), 0, (at) => ({ type: 'line', at, role: 'mention' }));
      case 'more':
        return node.next();
      default:
        return [];
    }
  }

  /** Failures still failing at the end of the logs (recovered null or not known). */
  stillFailing(): Failure[] {
    return this.env.analysis.failures.filter((f) => !f.recovered);
  }

  recovered(): Failure[] {
    return this.env.analysis.failures.filter((f) => !!f.recovered);
  }

  /** Updates with a result (failed first, then succeeded; named before bare ids), and those without. */
  splitUpdates(): { withResult: UpdateInfo[]; rest: UpdateInfo[] } {
    const sorted = sortedUpdates(this.env.analysis.updates);
    return { withResult: sorted.filter((u) => u.outcome !== 'unknown'), rest: sorted.filter((u) => u.outcome === 'unknown') };
  }

  /** Calls worth a node of their own (installs, downloads, uninstalls, failed or cancelled calls, calls with an update result), and the rest. */
  splitCalls(): { notable: LogicalCall[]; rest: LogicalCall[] } {
    const withResult = new Set(this.env.analysis.updates.flatMap((u) => u.results.map((r) => r.callKey)).filter((k): k is string => !!k));
    const notable: LogicalCall[] = [];
    const rest: LogicalCall[] = [];
    for (const c of this.calls) {
      const keep = LISTED_CALL_KINDS.has(c.kind) || c.result === 'failed' || c.result === 'cancelled' || c.halves.some((h) => withResult.has(h.key));
      (keep ? notable : rest).push(c);
    }
    return { notable, rest };
  }

  private sectionChildren(section: SectionKind): TreeNode[] {
    const a = this.env.analysis;
    const t = this.env.t;
    switch (section) {
      case 'stillFailing': {
        const list = this.stillFailing();
        if (!list.length) return [{ type: 'empty', label: a.failures.length ? t('Every failure recovered later') : t('No failure decided an outcome in this log') }];
        return page(list, 0, (failure) => ({ type: 'failure', failure }));
      }
      case 'recovered':
        return page(this.recovered(), 0, (failure) => ({ type: 'failure', failure }));
      case 'lowConfidence':
        return page(a.lowConfidence ?? [], 0, (failure) => ({ type: 'failure', failure }));
      case 'updates': {
        const { withResult, rest } = this.splitUpdates();
        const out = page(withResult, 0, (update): TreeNode => ({ type: 'update', update }));
        if (rest.length) out.push({ type: 'rest', of: 'updates', items: rest });
        return out;
      }
      case 'calls': {
        const { notable, rest } = this.splitCalls();
        const out = page(notable, 0, (call): TreeNode => ({ type: 'call', call }));
        if (rest.length) out.push({ type: 'rest', of: 'calls', items: rest });
        return out;
      }
      case 'sessions':
        return page(a.cbsSessions, 0, (session) => ({ type: 'session', session }));
      case 'dismRuns':
        return page(a.dismRuns ?? [], 0, (run) => ({ type: 'dismRun', run }));
    }
  }

  private failureChildren(f: Failure): TreeNode[] {
    const out: TreeNode[] = [];
    const snippets = new Map<number, string>();
    for (const s of f.snippets ?? []) if (s.at.file === 0) snippets.set(s.at.line, s.text);
    const call = f.callKey ? this.callByKey.get(f.callKey) : undefined;
    const callStarts = new Set(call?.halves.map((h) => h.startLine));
    const listed = new Set<number>();
    for (const at of f.evidence) {
      if (at.file !== 0 || listed.has(at.line)) continue;
      listed.add(at.line);
      const role: LineRole = f.rootCause && at.line === f.rootCause.line ? 'rootCause' : at.line === f.at.line ? 'outcome' : callStarts.has(at.line) ? 'callStart' : 'evidence';
      out.push({ type: 'line', at, role, text: snippets.get(at.line) });
    }
    if (!listed.has(f.at.line) && f.at.file === 0) out.push({ type: 'line', at: f.at, role: 'outcome', text: snippets.get(f.at.line) });
    if (f.cause && f.cause.at.file === 0 && !listed.has(f.cause.at.line)) out.push({ type: 'line', at: f.cause.at, role: 'cause', text: f.cause.text });
    for (const r of (f.repeats ?? []).slice(-REPEAT_CAP)) if (r.file === 0 && r.line !== f.at.line) out.push({ type: 'line', at: r, role: 'repeat' });
    if (f.recovered && f.recovered.file === 0) out.push({ type: 'line', at: f.recovered, role: 'recovered' });
    const update = f.updateId ? this.update(f.updateId) : undefined;
    if (update) out.push({ type: 'ref', target: { kind: 'update', update } });
    if (call) out.push({ type: 'ref', target: { kind: 'call', call } });
    for (const key of f.cbsSessionKeys) {
      const session = this.session(key);
      if (session) out.push({ type: 'ref', target: { kind: 'session', session } });
    }
    const run = f.dismRunKey ? this.env.analysis.dismRuns?.find((r) => r.key === f.dismRunKey) : undefined;
    if (run) out.push({ type: 'ref', target: { kind: 'dismRun', run } });
    return out;
  }

  private updateChildren(u: UpdateInfo): TreeNode[] {
    const out: TreeNode[] = [];
    if (u.parentUpdateId) {
      const parent = this.update(u.parentUpdateId);
      out.push({ type: 'ref', target: parent ? { kind: 'update', update: parent } : { kind: 'bundle', updateId: u.parentUpdateId } });
    }
    for (const result of u.results) out.push({ type: 'result', result });
    const seen = new Set<LogicalCall>();
    for (const k of u.callKeys) {
      const c = this.callByKey.get(k);
      if (c && !seen.has(c)) seen.add(c);
    }
    out.push(...page([...seen], 0, (call): TreeNode => ({ type: 'ref', target: { kind: 'call', call } })));
    if (u.mentions.length) out.push({ type: 'mentions', update: u });
    return out;
  }

  private callChildren(c: LogicalCall): TreeNode[] {
    const t = this.env.t;
    // The lines of every half (starts, results, ends) in log order.
    const lines: Array<{ line: number; node: TreeNode }> = [];
    for (const h of c.halves) {
      lines.push({ line: h.startLine, node: { type: 'line', at: { file: h.file, line: h.startLine }, role: 'start' } });
      const resultAt = h.resultLine !== undefined ? { file: h.file, line: h.resultLine } : undefined;
      const factLine = h.resultLine ?? h.endLine ?? h.startLine;
      if (h.counts) lines.push({ line: factLine, node: { type: 'fact', label: countsText(h.counts, t), at: resultAt, icon: 'symbol-numeric' } });
      if (h.exitCode !== undefined) lines.push({ line: factLine, node: { type: 'fact', label: t('Exit code {0}', this.codeText(h.exitCode)), at: resultAt, icon: 'symbol-constant' } });
      if (h.callErrorCode !== undefined) lines.push({ line: factLine, node: { type: 'fact', label: t('Call error code {0}', this.codeText(h.callErrorCode)), at: resultAt, icon: 'symbol-constant' } });
      if (h.endLine !== undefined) lines.push({ line: h.endLine + 0.5, node: { type: 'line', at: { file: h.file, line: h.endLine }, role: 'end' } });
    }
    const out: TreeNode[] = lines.sort((a, b) => a.line - b.line).map((x) => x.node);
    for (const f of this.env.analysis.failures) if (f.callKey && this.callByKey.get(f.callKey) === c) out.push({ type: 'ref', target: { kind: 'failure', failure: f } });
    const updates = c.updateIds.map((id) => this.update(id)).filter((u): u is UpdateInfo => u !== undefined);
    out.push(...page(updates, 0, (update): TreeNode => ({ type: 'ref', target: { kind: 'update', update } })));
    return out;
  }

  private sessionChildren(s: CbsSession): TreeNode[] {
    const out: TreeNode[] = [{ type: 'line', at: { file: s.file, line: s.startLine }, role: 'start' }];
    out.push(...page(s.errors, 0, (error): TreeNode => ({ type: 'cbsError', error })));
    out.push(...page(s.packages, 0, (p): TreeNode => ({ type: 'fact', label: p, icon: 'package' })));
    if (s.endLine !== undefined) out.push({ type: 'line', at: { file: s.file, line: s.endLine }, role: 'end' });
    return out;
  }

  private dismChildren(r: DismRun): TreeNode[] {
    const out: TreeNode[] = [{ type: 'line', at: { file: r.file, line: r.startLine }, role: 'command' }];
    if (r.cause) out.push({ type: 'line', at: r.cause.at, role: 'cause', text: r.cause.text });
    if (r.resultLine !== undefined) out.push({ type: 'line', at: { file: r.file, line: r.resultLine }, role: 'result' });
    return out;
  }

  private emptyText(): string {
    const t = this.env.t;
    const format = this.env.analysis.files[0]?.format;
    if (format === 'etl') return t('This is a binary ETL trace: run Get-WindowsUpdateLog to turn it into text');
    if (format === 'undecoded') return t('This log was produced without symbols: run Get-WindowsUpdateLog on a machine with the right symbols');
    return t('No calls, updates or failures found in this log');
  }

  /** The logical call a call key (of any half) belongs to. */
  call(key: string): LogicalCall | undefined {
    return this.callByKey.get(key);
  }

  session(key: string): CbsSession | undefined {
    if (!this.sessionsByKey) this.sessionsByKey = new Map(this.env.analysis.cbsSessions.map((x) => [x.key, x]));
    return this.sessionsByKey.get(key);
  }

  update(id: string): UpdateInfo | undefined {
    if (!this.updatesById) this.updatesById = new Map(this.env.analysis.updates.map((u) => [u.updateId, u]));
    return this.updatesById.get(id.toUpperCase());
  }

  codeText(code: number): string {
    return codeWithName(code, this.env.lang);
  }
}

/** Up to PAGE_SIZE nodes from `start`, then a "more" node that builds the next page when expanded. */
export function page<T>(items: readonly T[], start: number, make: (item: T) => TreeNode): TreeNode[] {
  const end = Math.min(items.length, start + PAGE_SIZE);
  const out: TreeNode[] = [];
  for (let i = start; i < end; i++) out.push(make(items[i]));
  if (end < items.length) out.push({ type: 'more', remaining: items.length - end, next: () => page(items, end, make) });
  return out;
}

/** Failed first, then succeeded, then the rest; named updates before bare ids; otherwise log order. */
export function sortedUpdates(updates: readonly UpdateInfo[]): UpdateInfo[] {
  const named = (u: UpdateInfo) => (u.title || u.kb ? 0 : 1);
  return updates
    .map((u, i) => ({ u, i }))
    .sort((a, b) => OUTCOME_RANK[a.u.outcome] - OUTCOME_RANK[b.u.outcome] || named(a.u) - named(b.u) || a.i - b.i)
    .map((x) => x.u);
}

export function countsText(n: NonNullable<LogicalCall['halves'][number]['counts']>, t: Tr): string {
  return t('succeeded {0}, with errors {1}, failed {2}, cancelled {3}, unaccounted {4}', n.succeeded ?? 0, n.succeededWithErrors ?? 0, n.failed ?? 0, n.cancelled ?? 0, n.unaccounted ?? 0);
}

/** `0x800F0922 CBS_E_INSTALLERS_FAILED` (the code alone when it has no name, or is 0). */
export function codeWithName(code: number, lang: Lang): string {
  const name = code === 0 ? null : explainCode(code, lang).name;
  return name ? `${formatCode(code)} ${name}` : formatCode(code);
}
