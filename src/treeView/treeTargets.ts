// What a tree node stands for, for its context menu: the update id, KB, cV and code it carries,
// the focus view it opens, and the `contextValue` that tells the menus which actions apply
// (`failure;updateId;kb;cv;code;focus`, matched with `viewItem =~ /(^|;)kb(;|$)/`).
import type { Failure, UpdateInfo } from '../core/analysis/types';
import type { FocusSelector, LogicalCall } from '../core/navigate';
import type { TreeModel, TreeNode } from './treeModel';

export interface NodeTargets {
  updateId?: string;
  /** The update id with its revision, as copied. */
  updateIdText?: string;
  kb?: string;
  cv?: string;
  code?: number;
  focus?: FocusSelector;
}

function ofUpdate(u: UpdateInfo): NodeTargets {
  const failing = u.results.find((r) => r.code !== 0);
  return {
    updateId: u.updateId,
    updateIdText: u.updateId + (u.revision !== undefined ? `.${u.revision}` : ''),
    kb: u.kb,
    code: failing?.code,
    focus: { kind: 'update', updateId: u.updateId, kb: u.kb },
  };
}

function ofCall(c: LogicalCall): NodeTargets {
  const code = c.result === 'failed' ? c.callErrorCode ?? c.exitCode : undefined;
  return { cv: c.cv, code: code !== undefined && code !== 0 ? code : undefined, focus: { kind: 'call', callKey: c.key } };
}

function ofFailure(model: TreeModel, f: Failure): NodeTargets {
  const u = f.updateId ? model.update(f.updateId) : undefined;
  const call = f.callKey ? model.call(f.callKey) : undefined;
  return {
    updateId: f.updateId,
    updateIdText: f.updateId ? f.updateId + (f.revision !== undefined ? `.${f.revision}` : '') : undefined,
    kb: f.kb ?? u?.kb,
    cv: call?.cv,
    code: f.code,
    focus: f.updateId ? { kind: 'update', updateId: f.updateId, kb: f.kb ?? u?.kb } : call ? { kind: 'call', callKey: call.key } : { kind: 'failures' },
  };
}

export function targetsOf(model: TreeModel, node: TreeNode): NodeTargets {
  switch (node.type) {
    case 'failure':
      return ofFailure(model, node.failure);
    case 'update':
      return ofUpdate(node.update);
    case 'call':
      return ofCall(node.call);
    case 'session':
      return { focus: { kind: 'session', sessionKey: node.session.key }, kb: node.session.kbs[0] };
    case 'dismRun':
      return { code: node.run.code || undefined, focus: { kind: 'dismRun', runKey: node.run.key } };
    case 'result':
      return { code: node.result.code || undefined };
    case 'cbsError':
      return { code: node.error.code };
    case 'section':
      return node.section === 'stillFailing' || node.section === 'recovered' || node.section === 'lowConfidence' ? { focus: { kind: 'failures' } } : {};
    case 'ref': {
      const r = node.target;
      if (r.kind === 'update') return ofUpdate(r.update);
      if (r.kind === 'call') return ofCall(r.call);
      if (r.kind === 'failure') return ofFailure(model, r.failure);
      if (r.kind === 'session') return { focus: { kind: 'session', sessionKey: r.session.key } };
      if (r.kind === 'dismRun') return { focus: { kind: 'dismRun', runKey: r.run.key } };
      return { updateId: r.updateId, updateIdText: r.updateId };
    }
    default:
      return {};
  }
}

/** `<type>;updateId;kb;cv;code;focus;summarize` with the tokens that apply. */
export function contextValueOf(model: TreeModel, node: TreeNode): string {
  const t = targetsOf(model, node);
  const parts = [`wuLogLens.${node.type === 'section' ? `section.${node.section}` : node.type}`];
  if (t.updateId) parts.push('updateId', 'summarize');
  if (t.kb) parts.push('kb');
  if (t.cv) parts.push('cv');
  if (t.code !== undefined) parts.push('code');
  if (t.focus) parts.push('focus');
  return parts.join(';');
}
