// The text of each tree node: label, description (with the date and time of failures, updates
// and calls), tooltip (Markdown, every piece of log text escaped), codicon and the line a click
// reveals. Pure; the provider turns it into a TreeItem.
import type { CbsError, CbsSession, DismRun, Failure, LineRef, UpdateInfo, UpdateResult } from '../core/analysis/types';
import { explainCode, formatCode } from '../core/errors';
import { formatWallClock, type LogicalCall } from '../core/navigate';
import { codeSpan, escapeMarkdown } from '../core/report/escape';
import { callKindLabel, callResultLabel, outcomeLabel, phaseLabel, updateLabel } from '../common/logLabels';
import { lineMessage, lineTime, shortId } from './treeLabels';
import { contextValueOf } from './treeTargets';
import { MENTION_CAP, type LineRole, type RefTarget, type SectionKind, type TreeModel, type TreeNode } from './treeModel';

export type IconColor = 'failed' | 'passed' | 'warning' | 'muted';

/** What the editor shows for a node. `line` is 0-based; clicking reveals it. */
export interface NodeView {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  iconColor?: IconColor;
  line?: number;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** For `view/item/context` menus. */
  contextValue: string;
}

const join = (...p: Array<string | undefined | false>): string => p.filter(Boolean).join(' · ');

export function viewOf(model: TreeModel, node: TreeNode): NodeView {
  const v = build(model, node);
  return { ...v, contextValue: contextValueOf(model, node) };
}

function build(m: TreeModel, node: TreeNode): Omit<NodeView, 'contextValue'> {
  const t = m.env.t;
  switch (node.type) {
    case 'section':
      return sectionView(m, node.section);
    case 'failure':
      return failureView(m, node.failure);
    case 'update':
      return updateView(m, node.update);
    case 'call':
      return callView(m, node.call);
    case 'session':
      return sessionView(m, node.session);
    case 'dismRun':
      return dismView(m, node.run);
    case 'rest':
      return node.of === 'updates'
        ? { label: t('{0} updates without a result', node.items.length), icon: 'question', iconColor: 'muted', collapsible: 'collapsed' }
        : { label: t('{0} other calls (searches and agent calls without a result)', node.items.length), icon: 'ellipsis', iconColor: 'muted', collapsible: 'collapsed' };
    case 'result':
      return resultView(m, node.result);
    case 'cbsError':
      return cbsErrorView(m, node.error);
    case 'mentions': {
      const total = node.update.mentionCount ?? node.update.mentions.length;
      const shown = Math.min(node.update.mentions.length, MENTION_CAP);
      return { label: t('Mentions'), description: shown < total ? t('{0} of {1}', shown, total) : String(total), icon: 'references', collapsible: 'collapsed' };
    }
    case 'line':
      return lineView(m, node.at, node.role, node.text);
    case 'ref':
      return refView(m, node.target);
    case 'fact':
      return { label: node.label, description: node.at ? lineLabel(m, node.at.line) : undefined, icon: node.icon, line: node.at?.line, collapsible: 'none' };
    case 'more':
      return { label: t('… {0} more', node.remaining), icon: 'ellipsis', collapsible: 'collapsed' };
    case 'empty':
      return { label: node.label, icon: 'info', collapsible: 'none' };
  }
}

function lineLabel(m: TreeModel, line: number): string {
  return m.env.t('line {0}', line + 1);
}

/** The date and time of a line of the document (its timestamp), '' when it has none. */
function timeAt(m: TreeModel, at: LineRef | undefined): string {
  const text = at && at.file === 0 ? m.env.lineText?.(at.line) : undefined;
  return text ? lineTime(text) : '';
}

function sectionView(m: TreeModel, section: SectionKind): Omit<NodeView, 'contextValue'> {
  const t = m.env.t;
  const a = m.analysis;
  switch (section) {
    case 'stillFailing': {
      const n = m.stillFailing().length;
      return { label: t('Still failing'), description: String(n), icon: 'error', iconColor: n ? 'failed' : 'muted', collapsible: 'expanded' };
    }
    case 'recovered':
      return { label: t('Recovered later'), description: String(m.recovered().length), icon: 'history', iconColor: 'warning', collapsible: 'expanded' };
    case 'lowConfidence':
      return { label: t('Probably not failures'), description: String(a.lowConfidence?.length ?? 0), icon: 'question', iconColor: 'muted', collapsible: 'collapsed' };
    case 'updates': {
      const { withResult, rest } = m.splitUpdates();
      const failed = withResult.filter((u) => u.outcome === 'failed').length;
      return { label: t('Updates with a result'), description: t('{0} ({1} failed, {2} succeeded; {3} without a result)', withResult.length, failed, withResult.length - failed, rest.length), icon: 'package', collapsible: 'expanded' };
    }
    case 'calls': {
      const failed = m.calls.filter((c) => c.result === 'failed').length;
      return { label: t('Calls'), description: t('{0} ({1} failed)', m.calls.length, failed), icon: 'call-outgoing', collapsible: 'expanded' };
    }
    case 'sessions':
      return { label: t('CBS sessions'), description: String(a.cbsSessions.length), icon: 'server-process', collapsible: 'collapsed' };
    case 'dismRuns': {
      const runs = a.dismRuns ?? [];
      return { label: t('DISM runs'), description: t('{0} ({1} failed)', runs.length, runs.filter((r) => r.result === 'failed').length), icon: 'tools', collapsible: 'collapsed' };
    }
  }
}

function failureTitle(m: TreeModel, f: Failure): string {
  const e = explainCode(f.code, m.env.lang, { loggedName: f.loggedName });
  return [phaseLabel(f.phase, m.env.t), e.code, e.name ?? ''].filter(Boolean).join(' ');
}

function failureView(m: TreeModel, f: Failure): Omit<NodeView, 'contextValue'> {
  const t = m.env.t;
  const label = failureTitle(m, f);
  const who = f.kb ? `KB${f.kb}` : f.title ?? (f.updateId ? shortId(f.updateId) : f.subject);
  const when = formatWallClock(f.time) || f.timeText;
  const md: string[] = [`**${escapeMarkdown(label)}**`, '', escapeMarkdown(explainCode(f.code, m.env.lang, { loggedName: f.loggedName }).text.summary)];
  if (f.title) md.push('', `${escapeMarkdown(t('Update'))}: ${escapeMarkdown(f.title)}`);
  if (f.titleOriginal) md.push('', `${escapeMarkdown(t('Title repaired from garbled text; as written in the log'))}: ${codeSpan(f.titleOriginal)}`);
  if (f.updateId) md.push('', `${escapeMarkdown(t('Update ID'))}: ${codeSpan(f.updateId + (f.revision !== undefined ? `.${f.revision}` : ''))}`);
  const call = f.callKey ? m.call(f.callKey) : undefined;
  if (call) md.push('', `${escapeMarkdown(t('Call'))}: ${escapeMarkdown(callText(m, call))}${call.cv ? ` (cV ${codeSpan(call.cv)})` : ''}`);
  if (f.callErrorCode !== undefined) md.push('', `${escapeMarkdown(t('Call error code'))}: ${codeSpan(m.codeText(f.callErrorCode))}`);
  if ((f.occurrences ?? 1) > 1) md.push('', escapeMarkdown(t('Seen {0} times; the latest is shown', f.occurrences ?? 1)));
  md.push('', escapeMarkdown(f.recovered ? t('Recovered later (line {0})', f.recovered.line + 1) : t('Still failing at the end of the log')));
  const iconColor: IconColor = f.confidence === 'low' ? 'muted' : f.recovered ? 'warning' : 'failed';
  return { label, description: join(who, when, lineLabel(m, f.at.line)), tooltip: md.join('\n'), icon: 'error', iconColor, line: f.at.line, collapsible: 'collapsed' };
}

function updateView(m: TreeModel, u: UpdateInfo): Omit<NodeView, 'contextValue'> {
  const t = m.env.t;
  const label = updateLabel(u);
  const at = u.results[u.results.length - 1]?.at ?? u.mentions[0];
  const md = [`**${escapeMarkdown(u.title ?? label)}**`, '', `${escapeMarkdown(t('Update ID'))}: ${codeSpan(u.updateId + (u.revision !== undefined ? `.${u.revision}` : ''))}`];
  if (u.kb) md.push('', `KB${escapeMarkdown(u.kb)}`);
  // A title repaired from mojibake: the original as the log wrote it stays one hover away.
  if (u.titleOriginal) md.push('', `${escapeMarkdown(t('Title repaired from garbled text; as written in the log'))}: ${codeSpan(u.titleOriginal)}`);
  md.push('', `${escapeMarkdown(t('Verdict'))}: ${escapeMarkdown(outcomeLabel(u.outcome, t))}`);
  for (const r of u.results) md.push('', `- ${escapeMarkdown(r.operation)}: ${codeSpan(m.codeText(r.code))}`);
  const icon = u.outcome === 'failed' ? 'error' : u.outcome === 'succeeded' ? 'pass' : 'question';
  const iconColor: IconColor = u.outcome === 'failed' ? 'failed' : u.outcome === 'succeeded' ? 'passed' : 'muted';
  const hasChildren = u.results.length + u.callKeys.length + u.mentions.length > 0 || u.parentUpdateId !== undefined;
  return {
    label, description: join(outcomeLabel(u.outcome, t), timeAt(m, at), at && lineLabel(m, at.line)), tooltip: md.join('\n'),
    icon, iconColor, line: at?.line, collapsible: hasChildren ? 'collapsed' : 'none',
  };
}

function callText(m: TreeModel, c: LogicalCall): string {
  return `${callKindLabel(c.kind, m.env.t)}: ${c.client ?? m.env.t('(no client)')}`;
}

function callView(m: TreeModel, c: LogicalCall): Omit<NodeView, 'contextValue'> {
  const t = m.env.t;
  const label = callText(m, c);
  const md = [`**${escapeMarkdown(label)}**`];
  for (const h of c.halves) if (h.label) md.push('', codeSpan(`${h.component ?? ''} ${h.label}`.trim()));
  if (c.cv) md.push('', `cV: ${codeSpan(c.cv)}`);
  md.push('', `${escapeMarkdown(t('Result'))}: ${escapeMarkdown(callResultLabel(c.result, t))}`);
  if (c.exitCode !== undefined) md.push('', escapeMarkdown(t('Exit code {0}', m.codeText(c.exitCode))));
  if (c.callErrorCode !== undefined) md.push('', escapeMarkdown(t('Call error code {0}', m.codeText(c.callErrorCode))));
  const iconColor: IconColor | undefined = c.result === 'failed' ? 'failed' : c.result === 'succeeded' ? 'passed' : c.result === 'cancelled' ? 'warning' : undefined;
  return {
    label,
    description: join(callResultLabel(c.result, t), c.callId !== undefined && t('call {0}', c.callId), c.cv && `cV ${c.cv}`, formatWallClock(c.startTime), lineLabel(m, c.startLine)),
    tooltip: md.join('\n'), icon: 'symbol-event', iconColor, line: c.startLine, collapsible: 'collapsed',
  };
}

function sessionView(m: TreeModel, s: CbsSession): Omit<NodeView, 'contextValue'> {
  const t = m.env.t;
  const md = [`**${escapeMarkdown(t('CBS session {0}', s.id))}**`];
  if (s.client) md.push('', `${escapeMarkdown(t('Client'))}: ${escapeMarkdown(s.client)}`);
  if (s.kbs.length) md.push('', s.kbs.map((k) => `KB${escapeMarkdown(k)}`).join(', '));
  md.push('', escapeMarkdown(t('{0} packages, {1} errors', s.packages.length, s.errors.length)));
  return {
    label: t('Session {0}', s.id),
    description: join(s.client, s.kbs.map((k) => `KB${k}`).join(', '), formatWallClock(s.startTime), lineLabel(m, s.startLine)),
    tooltip: md.join('\n'), icon: s.errors.length ? 'error' : 'server-process', iconColor: s.errors.length ? 'failed' : undefined, line: s.startLine, collapsible: 'collapsed',
  };
}

function dismView(m: TreeModel, r: DismRun): Omit<NodeView, 'contextValue'> {
  const t = m.env.t;
  const code = r.code !== undefined && r.code !== 0 ? m.codeText(r.code) : undefined;
  return {
    label: `DISM ${r.verb ?? r.command}`,
    description: join(callResultLabel(r.result, t), code, formatWallClock(r.startTime), lineLabel(m, r.startLine)),
    tooltip: codeSpan(r.command), icon: 'tools', iconColor: r.result === 'failed' ? 'failed' : r.result === 'succeeded' ? 'passed' : undefined, line: r.startLine, collapsible: 'collapsed',
  };
}

function resultView(m: TreeModel, r: UpdateResult): Omit<NodeView, 'contextValue'> {
  return {
    label: `${r.operation}: ${m.codeText(r.code)}`, description: join(phaseLabel(r.phase, m.env.t), timeAt(m, r.at), lineLabel(m, r.at.line)),
    icon: r.code === 0 ? 'pass' : 'error', iconColor: r.code === 0 ? 'passed' : 'failed', line: r.at.line, collapsible: 'none',
  };
}

function cbsErrorView(m: TreeModel, e: CbsError): Omit<NodeView, 'contextValue'> {
  const label = `${formatCode(e.code)}${e.name ? ` ${e.name}` : ''}`;
  return { label, description: lineLabel(m, e.at.line), tooltip: `**${escapeMarkdown(label)}**\n\n${codeSpan(e.message)}`, icon: 'error', iconColor: 'failed', line: e.at.line, collapsible: 'none' };
}

export function roleLabel(role: LineRole, t: TreeModel['env']['t']): string {
  switch (role) {
    case 'rootCause': return t('root cause');
    case 'outcome': return t('outcome');
    case 'callStart': return t('call start');
    case 'evidence': return t('evidence');
    case 'cause': return t('cause');
    case 'recovered': return t('recovered here');
    case 'repeat': return t('earlier occurrence');
    case 'start': return t('start');
    case 'end': return t('end');
    case 'mention': return t('mention');
    case 'command': return t('command');
    case 'result': return t('result');
  }
}

function lineView(m: TreeModel, at: LineRef, role: LineRole, text: string | undefined): Omit<NodeView, 'contextValue'> {
  // The document line first (same shape as every other line node); the core's snippet when it is not at hand.
  const raw = (at.file === 0 ? m.env.lineText?.(at.line) : undefined) ?? text;
  const message = raw !== undefined ? lineMessage(raw) : '';
  const role$ = roleLabel(role, m.env.t);
  return {
    label: `${role$}: ${message || m.env.t('Line {0}', at.line + 1)}`,
    description: join(raw !== undefined && lineTime(raw), lineLabel(m, at.line)),
    tooltip: raw !== undefined ? codeSpan(raw) : undefined,
    icon: role === 'rootCause' ? 'debug-breakpoint' : role === 'outcome' ? 'debug-stackframe' : 'debug-stackframe-dot',
    iconColor: role === 'rootCause' || role === 'outcome' ? 'failed' : role === 'recovered' ? 'passed' : undefined,
    line: at.line, collapsible: 'none',
  };
}

function refView(m: TreeModel, r: RefTarget): Omit<NodeView, 'contextValue'> {
  const t = m.env.t;
  const base = { icon: 'link', collapsible: 'none' as const };
  switch (r.kind) {
    case 'update': {
      const at = r.update.results[r.update.results.length - 1]?.at ?? r.update.mentions[0];
      return { ...base, label: `${t('Update')}: ${updateLabel(r.update)}`, description: join(outcomeLabel(r.update.outcome, t), at && lineLabel(m, at.line)), line: at?.line };
    }
    case 'call':
      return { ...base, label: `${t('Call')}: ${callText(m, r.call)}`, description: join(callResultLabel(r.call.result, t), formatWallClock(r.call.startTime), lineLabel(m, r.call.startLine)), line: r.call.startLine };
    case 'session':
      return { ...base, label: `${t('CBS session')}: ${r.session.id}`, description: join(r.session.client, lineLabel(m, r.session.startLine)), line: r.session.startLine };
    case 'dismRun':
      return { ...base, label: `${t('DISM run')}: ${r.run.verb ?? r.run.command}`, description: lineLabel(m, r.run.startLine), line: r.run.startLine };
    case 'failure':
      return { ...base, label: `${t('Failure')}: ${failureTitle(m, r.failure)}`, description: join(r.failure.recovered ? t('recovered later') : t('still failing'), lineLabel(m, r.failure.at.line)), line: r.failure.at.line };
    case 'bundle':
      return { ...base, label: t('Bundled in {0}', r.updateId) };
  }
}

