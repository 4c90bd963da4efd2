// The tree of one log's analysis as plain data: which nodes exist, their children (built lazily,
// one page at a time) and their text. No `vscode` import, so it is unit-tested directly; the
// VS Code layer (treeProvider.ts) only turns `NodeView`s into TreeItems.
import type { Analysis, Call, CallKind, CbsError, CbsSession, Failure, LineRef, Phase, UpdateInfo, UpdateResult } from '../core/analysis/types';
import { explainCode, formatCode } from '../core/errors';
import type { Lang } from '../core/lang';
import { codeSpan, escapeMarkdown } from '../core/report/escape';
import type { Translate } from '../settings/placeholders';
import { callKindOrder, lineMessage, shortId } from './treeLabels';
import { repairField } from '../core/text/mojibake';

/** Localises an English UI string with `{0}` placeholders (the shared translator in the editor). */
export type Tr = Translate;

/** Children shown per page; the rest hide behind a "… N more" node that expands to the next page. */
export const PAGE_SIZE = 100;
/** Mentions of an update shown at most (the core caps its list too). */
export const MENTION_CAP = 50;

export type SectionKind = 'failures' | 'updates' | 'calls' | 'cbs';

export type TreeNode =
  | { type: 'section'; section: SectionKind }
  | { type: 'failure'; failure: Failure }
  | { type: 'update'; update: UpdateInfo }
  | { type: 'callGroup'; kind: CallKind; calls: Call[] }
  | { type: 'call'; call: Call }
  | { type: 'session'; session: CbsSession }
  | { type: 'result'; result: UpdateResult }
  | { type: 'cbsError'; error: CbsError }
  | { type: 'mentions'; update: UpdateInfo }
  | { type: 'line'; at: LineRef; note?: string; text?: string }
  | { type: 'fact'; label: string; description?: string; at?: LineRef; icon?: string }
  | { type: 'more'; remaining: number; next: () => TreeNode[] }
  | { type: 'empty'; label: string };

export type IconColor = 'failed' | 'passed' | 'warning' | 'muted';

/** What the editor shows for a node. `line` is 0-based; clicking reveals it. */
export interface NodeView {
  label: string;
  description?: string;
  /** Markdown; every piece of log text in it is escaped. */
  tooltip?: string;
  icon?: string;
  iconColor?: IconColor;
  line?: number;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** For `view/item/context` menus. */
  contextValue: string;
}

export interface TreeEnv {
  analysis: Analysis;
  t: Tr;
  lang: Lang;
  /** Text of a 0-based line of the document, when it is at hand. */
  lineText?: (line: number) => string | undefined;
}

const OUTCOME_RANK: Record<UpdateInfo['outcome'], number> = { failed: 0, succeeded: 1, unknown: 2 };

export class TreeModel {
  private callsByKey?: Map<string, Call>;
  private updatesById?: Map<string, UpdateInfo>;
  private sessionsByKey?: Map<string, CbsSession>;

  constructor(private readonly env: TreeEnv) {}

  get analysis(): Analysis {
    return this.env.analysis;
  }

  /** Top level: the sections that have something, or one node saying there is nothing. */
  roots(): TreeNode[] {
    const a = this.env.analysis;
    const out: TreeNode[] = [];
    const anything = a.failures.length + a.updates.length + a.calls.length + a.cbsSessions.length > 0;
    if (!anything) return [{ type: 'empty', label: this.emptyText() }];
    out.push({ type: 'section', section: 'failures' });
    if (a.updates.length) out.push({ type: 'section', section: 'updates' });
    if (a.calls.length) out.push({ type: 'section', section: 'calls' });
    if (a.cbsSessions.length) out.push({ type: 'section', section: 'cbs' });
    return out;
  }

  children(node: TreeNode): TreeNode[] {
    const t = this.env.t;
    switch (node.type) {
      case 'section':
        return this.sectionChildren(node.section);
      case 'failure':
        return this.failureChildren(node.failure);
      case 'update':
        return this.updateChildren(node.update);
      case 'callGroup':
        return page(node.calls, 0, (call) => ({ type: 'call', call }));
      case 'call':
        return this.callChildren(node.call);
      case 'session':
        return this.sessionChildren(node.session);
      case 'mentions':
        return page(node.update.mentions.slice(0, MENTION_CAP), 0, (at) => ({ type: 'line', at, note: t('mention') }));
      case 'more':
        return node.next();
      default:
        return [];
    }
  }

  private sectionChildren(section: SectionKind): TreeNode[] {
    const a = this.env.analysis;
    switch (section) {
      case 'failures':
        if (!a.failures.length) return [{ type: 'empty', label: this.env.t('No failure decided an outcome in this log') }];
        return page(a.failures, 0, (failure) => ({ type: 'failure', failure }));
      case 'updates':
        return page(sortedUpdates(a.updates), 0, (update) => ({ type: 'update', update }));
      case 'calls':
        return groupCalls(a.calls).map(([kind, calls]) => ({ type: 'callGroup', kind, calls }));
      case 'cbs':
        return page(a.cbsSessions, 0, (session) => ({ type: 'session', session }));
    }
  }

  private failureChildren(f: Failure): TreeNode[] {
    const t = this.env.t;
    const out: TreeNode[] = [];
    const snippets = new Map<number, string>();
    for (const s of f.snippets ?? []) snippets.set(s.at.line, s.text);
    for (const at of f.evidence) {
      let note: string | undefined;
      if (f.rootCause && at.line === f.rootCause.line) note = t('root cause');
      else if (at.line === f.at.line) note = t('outcome');
      else if (f.callKey && this.call(f.callKey)?.startLine === at.line) note = t('call start');
      out.push({ type: 'line', at, note, text: snippets.get(at.line) });
    }
    const update = f.updateId ? this.update(f.updateId) : undefined;
    if (update) out.push({ type: 'update', update });
    const call = f.callKey ? this.call(f.callKey) : undefined;
    if (call) out.push({ type: 'call', call });
    for (const key of f.cbsSessionKeys) {
      const session = this.session(key);
      if (session) out.push({ type: 'session', session });
    }
    return out;
  }

  private updateChildren(u: UpdateInfo): TreeNode[] {
    const t = this.env.t;
    const out: TreeNode[] = [];
    if (u.parentUpdateId) {
      const parent = this.update(u.parentUpdateId);
      out.push(parent ? { type: 'update', update: parent } : { type: 'fact', label: t('Bundled in {0}', u.parentUpdateId) });
    }
    for (const result of u.results) out.push({ type: 'result', result });
    const calls = u.callKeys.map((k) => this.call(k)).filter((c): c is Call => c !== undefined);
    out.push(...page(calls, 0, (call) => ({ type: 'call', call })));
    if (u.mentions.length) out.push({ type: 'mentions', update: u });
    return out;
  }

  private callChildren(c: Call): TreeNode[] {
    const t = this.env.t;
    const out: TreeNode[] = [];
    const resultAt = c.resultLine !== undefined ? { file: c.file, line: c.resultLine } : undefined;
    out.push({ type: 'line', at: { file: c.file, line: c.startLine }, note: t('start') });
    if (c.counts) out.push({ type: 'fact', label: countsText(c, t), at: resultAt, icon: 'symbol-numeric' });
    if (c.exitCode !== undefined) {
      out.push({ type: 'fact', label: t('Exit code {0}', this.codeWithName(c.exitCode)), at: resultAt, icon: 'symbol-constant' });
    }
    if (c.callErrorCode !== undefined) {
      out.push({ type: 'fact', label: t('Call error code {0}', this.codeWithName(c.callErrorCode)), at: resultAt, icon: 'symbol-constant' });
    }
    if (c.endLine !== undefined) out.push({ type: 'line', at: { file: c.file, line: c.endLine }, note: t('end') });
    const updates = c.updateIds.map((id) => this.update(id)).filter((u): u is UpdateInfo => u !== undefined);
    out.push(...page(updates, 0, (update) => ({ type: 'update', update })));
    return out;
  }

  private sessionChildren(s: CbsSession): TreeNode[] {
    const t = this.env.t;
    const out: TreeNode[] = [{ type: 'line', at: { file: s.file, line: s.startLine }, note: t('start') }];
    out.push(...page(s.errors, 0, (error) => ({ type: 'cbsError', error })));
    out.push(...page(s.packages, 0, (p) => ({ type: 'fact', label: p, icon: 'package' })));
    if (s.endLine !== undefined) out.push({ type: 'line', at: { file: s.file, line: s.endLine }, note: t('end') });
    return out;
  }

  view(node: TreeNode): NodeView {
    switch (node.type) {
      case 'section':
        return this.sectionView(node.section);
      case 'failure':
        return this.failureView(node.failure);
      case 'update':
        return this.updateView(node.update);
      case 'callGroup':
        return this.callGroupView(node.kind, node.calls);
      case 'call':
        return this.callView(node.call);
      case 'session':
        return this.sessionView(node.session);
      case 'result':
        return this.resultView(node.result);
      case 'cbsError':
        return this.cbsErrorView(node.error);
      case 'mentions':
        return this.mentionsView(node.update);
      case 'line':
        return this.lineView(node.at, node.note, node.text);
      case 'fact':
        return {
          label: node.label,
          description: node.at ? this.lineLabel(node.at.line) : undefined,
          icon: node.icon,
          line: node.at?.line,
          collapsible: 'none',
          contextValue: node.at ? 'wuLogLens.line' : 'wuLogLens.fact',
        };
      case 'more':
        return { label: this.env.t('… {0} more', node.remaining), icon: 'ellipsis', collapsible: 'collapsed', contextValue: 'wuLogLens.more' };
      case 'empty':
        return { label: node.label, icon: 'info', collapsible: 'none', contextValue: 'wuLogLens.empty' };
    }
  }

  private sectionView(section: SectionKind): NodeView {
    const t = this.env.t;
    const a = this.env.analysis;
    const base = { collapsible: 'expanded' as const, contextValue: `wuLogLens.section.${section}` };
    switch (section) {
      case 'failures':
        return { ...base, label: t('Failures'), description: String(a.failures.length), icon: 'error', iconColor: a.failures.length ? 'failed' : 'muted' };
      case 'updates': {
        const failed = a.updates.filter((u) => u.outcome === 'failed').length;
        const ok = a.updates.filter((u) => u.outcome === 'succeeded').length;
        return { ...base, label: t('Updates'), description: t('{0} ({1} failed, {2} succeeded)', a.updates.length, failed, ok), icon: 'package' };
      }
      case 'calls': {
        const failed = a.calls.filter((c) => c.result === 'failed').length;
        return { ...base, label: t('Calls'), description: t('{0} ({1} failed)', a.calls.length, failed), icon: 'call-outgoing', collapsible: 'collapsed' };
      }
      case 'cbs':
        return { ...base, label: t('CBS sessions'), description: String(a.cbsSessions.length), icon: 'server-process', collapsible: 'collapsed' };
    }
  }

  private failureView(f: Failure): NodeView {
    const t = this.env.t;
    const e = explainCode(f.code, this.env.lang, { loggedName: f.loggedName });
    const label = [this.phaseLabel(f.phase), e.code, e.name ?? ''].filter(Boolean).join(' ');
    const who = f.kb ? `KB${f.kb}` : f.title ?? (f.updateId ? shortId(f.updateId) : undefined);
    const description = [who, this.lineLabel(f.at.line)].filter(Boolean).join(' · ');
    const md: string[] = [`**${escapeMarkdown(label)}**`, '', escapeMarkdown(e.text.summary)];
    if (f.title) md.push('', `${escapeMarkdown(t('Update'))}: ${escapeMarkdown(f.title)}`);
    if (f.titleOriginal) md.push('', `${escapeMarkdown(t('Title repaired from garbled text; as written in the log'))}: ${codeSpan(f.titleOriginal)}`);
    if (f.updateId) md.push('', `${escapeMarkdown(t('Update ID'))}: ${codeSpan(f.updateId + (f.revision !== undefined ? `.${f.revision}` : ''))}`);
    const call = f.callKey ? this.call(f.callKey) : undefined;
    if (call) md.push('', `${escapeMarkdown(t('Call'))}: ${escapeMarkdown(this.callLabel(call))}${call.cv ? ` (cV ${codeSpan(call.cv)})` : ''}`);
    if (f.callErrorCode !== undefined) md.push('', `${escapeMarkdown(t('Call error code'))}: ${codeSpan(this.codeWithName(f.callErrorCode))}`);
    if ((f.occurrences ?? 1) > 1) md.push('', escapeMarkdown(t('Seen {0} times; the latest is shown', f.occurrences ?? 1)));
    if (f.rootCause) md.push('', escapeMarkdown(t('Root cause at line {0}', f.rootCause.line + 1)));
    return { label, description, tooltip: md.join('\n'), icon: 'error', iconColor: 'failed', line: f.at.line, collapsible: 'collapsed', contextValue: 'wuLogLens.failure' };
  }

  private updateView(u: UpdateInfo): NodeView {
    const t = this.env.t;
    // The KB leads: a long title is cut off at the view's edge, the KB is what engineers look for.
    const label = u.kb ? (u.title ? `KB${u.kb} ${stripKb(u.title, u.kb)}` : `KB${u.kb}`) : u.title ?? u.updateId;
    const first = u.results[0]?.at ?? u.mentions[0];
    const description = [this.outcomeLabel(u.outcome), first ? this.lineLabel(first.line) : undefined]
      .filter(Boolean)
      .join(' · ');
    const idText = u.updateId + (u.revision !== undefined ? `.${u.revision}` : '');
    const md = [`**${escapeMarkdown(u.title ?? label)}**`, '', `${escapeMarkdown(t('Update ID'))}: ${codeSpan(idText)}`];
    if (u.titleOriginal) md.push('', `${escapeMarkdown(t('Title repaired from garbled text; as written in the log'))}: ${codeSpan(u.titleOriginal)}`);
    if (u.kb) md.push('', `KB${escapeMarkdown(u.kb)}`);
    md.push('', `${escapeMarkdown(t('Verdict'))}: ${escapeMarkdown(this.outcomeLabel(u.outcome))}`);
    for (const r of u.results) md.push('', `- ${escapeMarkdown(r.operation)}: ${codeSpan(this.codeWithName(r.code))}`);
    const icon = u.outcome === 'failed' ? 'error' : u.outcome === 'succeeded' ? 'pass' : 'question';
    const iconColor: IconColor = u.outcome === 'failed' ? 'failed' : u.outcome === 'succeeded' ? 'passed' : 'muted';
    const hasChildren = u.results.length + u.callKeys.length + u.mentions.length > 0 || u.parentUpdateId !== undefined;
    return { label, description, tooltip: md.join('\n'), icon, iconColor, line: first?.line, collapsible: hasChildren ? 'collapsed' : 'none', contextValue: 'wuLogLens.update' };
  }

  private callGroupView(kind: CallKind, calls: Call[]): NodeView {
    const failed = calls.filter((c) => c.result === 'failed').length;
    const description = this.env.t('{0} ({1} failed)', calls.length, failed);
    return { label: this.kindLabel(kind), description, icon: 'symbol-event', iconColor: failed ? 'failed' : undefined, collapsible: 'collapsed', contextValue: 'wuLogLens.callGroup' };
  }

  private callView(c: Call): NodeView {
    const t = this.env.t;
    const label = this.callLabel(c);
    const description = [this.resultLabel(c.result), c.cv ? `cV ${c.cv}` : undefined, this.lineLabel(c.startLine)].filter(Boolean).join(' · ');
    const md = [`**${escapeMarkdown(label)}**`];
    if (c.label) md.push('', codeSpan(c.label));
    if (c.cv) md.push('', `cV: ${codeSpan(c.cv)}`);
    md.push('', `${escapeMarkdown(t('Result'))}: ${escapeMarkdown(this.resultLabel(c.result))}`);
    if (c.counts) md.push('', escapeMarkdown(countsText(c, t)));
    if (c.exitCode !== undefined) md.push('', escapeMarkdown(t('Exit code {0}', this.codeWithName(c.exitCode))));
    if (c.callErrorCode !== undefined) md.push('', escapeMarkdown(t('Call error code {0}', this.codeWithName(c.callErrorCode))));
    const lines = c.endLine !== undefined ? t('Lines {0}–{1}', c.startLine + 1, c.endLine + 1) : t('Line {0}', c.startLine + 1);
    md.push('', escapeMarkdown(lines));
    const icon = c.result === 'failed' ? 'error' : c.result === 'succeeded' ? 'pass' : c.result === 'cancelled' ? 'circle-slash' : 'circle-outline';
    const iconColor: IconColor | undefined = c.result === 'failed' ? 'failed' : c.result === 'succeeded' ? 'passed' : c.result === 'cancelled' ? 'warning' : 'muted';
    return { label, description, tooltip: md.join('\n'), icon, iconColor, line: c.startLine, collapsible: 'collapsed', contextValue: 'wuLogLens.call' };
  }

  private sessionView(s: CbsSession): NodeView {
    const t = this.env.t;
    const kbs = s.kbs.slice(0, 3).map((k) => `KB${k}`).join(', ');
    const description = [s.client, kbs || undefined, s.errors.length ? t('errors: {0}', s.errors.length) : undefined, this.lineLabel(s.startLine)]
      .filter(Boolean)
      .join(' · ');
    const md = [`**${escapeMarkdown(t('CBS session {0}', s.id))}**`];
    if (s.client) md.push('', `${escapeMarkdown(t('Client'))}: ${escapeMarkdown(s.client)}`);
    if (s.kbs.length) md.push('', s.kbs.map((k) => `KB${escapeMarkdown(k)}`).join(', '));
    md.push('', escapeMarkdown(t('{0} packages, {1} errors', s.packages.length, s.errors.length)));
    return {
      label: t('Session {0}', s.id),
      description,
      tooltip: md.join('\n'),
      icon: s.errors.length ? 'error' : 'server-process',
      iconColor: s.errors.length ? 'failed' : undefined,
      line: s.startLine,
      collapsible: 'collapsed',
      contextValue: 'wuLogLens.session',
    };
  }

  private resultView(r: UpdateResult): NodeView {
    const label = `${r.operation}: ${this.codeWithName(r.code)}`;
    const description = [this.phaseLabel(r.phase), this.lineLabel(r.at.line)].join(' · ');
    return { label, description, icon: r.code === 0 ? 'pass' : 'error', iconColor: r.code === 0 ? 'passed' : 'failed', line: r.at.line, collapsible: 'none', contextValue: 'wuLogLens.line' };
  }

  private cbsErrorView(e: CbsError): NodeView {
    const label = `${formatCode(e.code)}${e.name ? ` ${e.name}` : ''}`;
    const md = `**${escapeMarkdown(label)}**\n\n${codeSpan(e.message)}`;
    return { label, description: this.lineLabel(e.at.line), tooltip: md, icon: 'error', iconColor: 'failed', line: e.at.line, collapsible: 'none', contextValue: 'wuLogLens.line' };
  }

  private mentionsView(u: UpdateInfo): NodeView {
    const total = u.mentionCount ?? u.mentions.length;
    const shown = Math.min(u.mentions.length, MENTION_CAP);
    const description = shown < total ? this.env.t('{0} of {1}', shown, total) : String(total);
    return { label: this.env.t('Mentions'), description, icon: 'references', collapsible: 'collapsed', contextValue: 'wuLogLens.mentions' };
  }

  private lineView(at: LineRef, note: string | undefined, text: string | undefined): NodeView {
    // The document line first (same shape as every other line node); the core's snippet when it is not at hand.
    const raw = this.env.lineText?.(at.line) ?? text;
    // Garbled text (GBK- or Shift-JIS-read UTF-8) is shown repaired, the line as written in the tooltip.
    const fixed = raw !== undefined && /[^\0-\x7f]/.test(raw) ? repairField(raw) : undefined;
    const message = raw !== undefined ? lineMessage(fixed?.text ?? raw) : '';
    const label = message || this.env.t('Line {0}', at.line + 1);
    const description = [note, this.lineLabel(at.line)].filter(Boolean).join(' · ');
    const tooltip = raw === undefined ? undefined
      : fixed ? `${codeSpan(fixed.text)}\n\n${escapeMarkdown(this.env.t('Repaired from garbled text; as written in the log'))}: ${codeSpan(raw)}` : codeSpan(raw);
    return { label, description, tooltip, icon: 'debug-stackframe-dot', line: at.line, collapsible: 'none', contextValue: 'wuLogLens.line' };
  }

  private emptyText(): string {
    const t = this.env.t;
    const format = this.env.analysis.files[0]?.format;
    if (format === 'etl') return t('This is a binary ETL trace: run Get-WindowsUpdateLog to turn it into text');
    if (format === 'undecoded') return t('This log was produced without symbols: run Get-WindowsUpdateLog on a machine with the right symbols');
    return t('No calls, updates or failures found in this log');
  }

  private call(key: string): Call | undefined {
    if (!this.callsByKey) this.callsByKey = new Map(this.env.analysis.calls.map((c) => [c.key, c]));
    return this.callsByKey.get(key);
  }

  private session(key: string): CbsSession | undefined {
    if (!this.sessionsByKey) this.sessionsByKey = new Map(this.env.analysis.cbsSessions.map((x) => [x.key, x]));
    return this.sessionsByKey.get(key);
  }

  private update(id: string): UpdateInfo | undefined {
    if (!this.updatesById) this.updatesById = new Map(this.env.analysis.updates.map((u) => [u.updateId, u]));
    return this.updatesById.get(id.toUpperCase());
  }

  private codeWithName(code: number): string {
    const name = code === 0 ? null : explainCode(code, this.env.lang).name;
    return name ? `${formatCode(code)} ${name}` : formatCode(code);
  }

  private lineLabel(line: number): string {
    return this.env.t('line {0}', line + 1);
  }

  private callLabel(c: Call): string {
    return `${this.kindLabel(c.kind)}: ${c.client ?? this.env.t('(no client)')}`;
  }

  phaseLabel(p: Phase): string {
    const t = this.env.t;
    switch (p) {
      case 'scan': return t('Scan');
      case 'download': return t('Download');
      case 'install': return t('Install');
      case 'commit': return t('Commit');
      default: return t('Unknown phase');
    }
  }

  kindLabel(k: CallKind): string {
    const t = this.env.t;
    switch (k) {
      case 'search': return t('Search');
      case 'download': return t('Download');
      case 'install': return t('Install');
      case 'uninstall': return t('Uninstall');
      case 'agent': return t('Agent');
      default: return t('Other');
    }
  }

  private outcomeLabel(o: UpdateInfo['outcome']): string {
    const t = this.env.t;
    return o === 'failed' ? t('failed') : o === 'succeeded' ? t('succeeded') : t('no verdict');
  }

  private resultLabel(r: Call['result']): string {
    const t = this.env.t;
    switch (r) {
      case 'failed': return t('failed');
      case 'succeeded': return t('succeeded');
      case 'cancelled': return t('cancelled');
      default: return t('no result');
    }
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

/** Calls grouped by kind (install, download, search first), each group in log order. */
export function groupCalls(calls: readonly Call[]): Array<[CallKind, Call[]]> {
  const groups = new Map<CallKind, Call[]>();
  for (const c of calls) {
    const g = groups.get(c.kind);
    if (g) g.push(c);
    else groups.set(c.kind, [c]);
  }
  return [...groups.entries()].sort((a, b) => callKindOrder(a[0]) - callKindOrder(b[0]));
}

/** Failed first, then succeeded, then the rest; named updates before bare ids; otherwise log order. */
export function sortedUpdates(updates: readonly UpdateInfo[]): UpdateInfo[] {
  const named = (u: UpdateInfo) => (u.title || u.kb ? 0 : 1);
  return updates
    .map((u, i) => ({ u, i }))
    .sort((a, b) => OUTCOME_RANK[a.u.outcome] - OUTCOME_RANK[b.u.outcome] || named(a.u) - named(b.u) || a.i - b.i)
    .map((x) => x.u);
}

/** The title without its trailing `(KBnnnn)`, which the label already starts with. */
function stripKb(title: string, kb: string): string {
  const tail = ` (KB${kb})`;
  return title.endsWith(tail) ? title.slice(0, -tail.length) : title;
}

function countsText(c: Call, t: Tr): string {
  const n = c.counts ?? {};
  return t(
    'succeeded {0}, with errors {1}, failed {2}, cancelled {3}, unaccounted {4}',
    n.succeeded ?? 0,
    n.succeededWithErrors ?? 0,
    n.failed ?? 0,
    n.cancelled ?? 0,
    n.unaccounted ?? 0,
  );
}
