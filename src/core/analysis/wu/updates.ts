// Updates: every line that names an update id (with its title, KB and the bundle it belongs
// to), and the per-update result lines (LogHistory, Install complete, download results, report
// events) that become results and failure candidates.
import type { LogRecord } from '../../model/types';
import type { PhaseEvidence } from '../types';
import { LIMITS, own } from '../state';
import { head, isError, kbOfTitle, parseTitle } from '../patterns';
import type { UpdateResultLine } from '../patterns';
import { phaseOfCode, phaseOfComponent, phaseOfOperation } from '../phase';
import type { Context, FileState } from '../context';
import { snippet } from '../context';
import { NO_RELATED, related } from '../evidence';
import { enclosingOpen, openOnThread } from './calls';
import { repairField } from '../../text/mojibake';

/** WU_E_UH_POSTREBOOTSTILLPENDING .. WU_E_UH_POSTREBOOTUNEXPECTEDSTATE. */
const POST_REBOOT = new Set([0x80242014, 0x80242015, 0x80242016]);
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
/** Text right before an update id: `UpdateId = `, `for UpdateId `, `idUpdate=`, `Update ID: `, `update `, `[UpdateId = `. */
const UPDATE_LABEL = /(?:\bupdate ?id|idUpdate|\bupdate)\s{0,3}[=:]?\s{0,3}[[{]?$/i;

/** Besides lines naming an update, `mentions` reads titles and bundle headers: lines with these words (gate.ts). */
export const MENTION_WORDS = ['Title', 'Deserialized'];
/** `Bundles N updates:`: the thread's next lines list the bundled ids. */
export const BUNDLES_WORD = 'Bundles ';

/** Records which updates a line names (titles, KBs, bundles, the open call of its thread). */
export function mentions(ctx: Context, f: FileState, rec: LogRecord): void {
  const all = rec.updateIds;
  const msg = rec.message;
  const title = all.length <= 1 && f.format !== 'cbs' && mayHaveTitle(msg) ? parseTitle(msg) : undefined;
  if (all.length === 0) {
    // Most lines: no id. Only a title (for the next id line) or a bundle header can matter.
    if (rec.tid !== undefined && f.format !== 'cbs') {
      if (title) f.pendingTitle.set(rec.tid, { title: own(title), line: rec.line });
      bundles(ctx, f, rec, all);
    }
    return;
  }
  // Service, job and call ids are GUIDs too: an update id carries a revision or is named as one.
  const ids = updateIdsOf(all, msg, rec.messageColumn);
  if (title && ids.length === 0 && rec.tid !== undefined) {
    f.pendingTitle.set(rec.tid, { title: own(title), line: rec.line });
  }
  for (let i = 0; i < ids.length && i < 4; i++) {
    const u = ctx.update(ids[i].id, ids[i].revision);
    if (!u) continue;
    u.mentionCount++;
    if (u.mentions.length < 2 * LIMITS.mentions) u.mentions.push(f.index, rec.line);
    if (i === 0) {
      let t = title;
      if (!t && rec.tid !== undefined && f.pendingTitle.size) {
        const p = f.pendingTitle.get(rec.tid);
        if (p && rec.line - p.line <= 3) t = p.title;
        f.pendingTitle.delete(rec.tid);
      }
      // Titles from Get-WindowsUpdateLog on Chinese/Japanese Windows are often GBK-read UTF-8.
      if (t && !u.title) {
        const fixed = repairField(t);
        if (fixed) u.titleOriginal = own(t);
        t = u.title = own(fixed?.text ?? t);
      }
      if (!u.kb) {
        const kb = (t && kbOfTitle(t)) ?? (ids.length === 1 && rec.kbs.length === 1 ? rec.kbs[0].kb : undefined);
        if (kb) u.kb = own(kb);
      }
    }
  }
  if (rec.tid !== undefined && f.format !== 'cbs') bundles(ctx, f, rec, ids);
  if (ids.length && rec.tid !== undefined) {
    const c = openOnThread(f, rec.tid, rec);
    if (c) {
      const list = c.updateIds;
      for (let i = 0; i < ids.length && i < 4; i++) {
        if (list.length < LIMITS.callUpdates && !list.includes(ids[i].id)) list.push(ctx.st.updates.get(ids[i].id)?.updateId ?? own(ids[i].id));
      }
    }
  }
}

function bundles(ctx: Context, f: FileState, rec: LogRecord, ids: LogRecord['updateIds']): void {
  const tid = rec.tid as number;
  const b = f.bundleOnTid.size ? f.bundleOnTid.get(tid) : undefined;
  if (b) {
    // A bundled id stands alone on its line (after spaces, `*` and braces).
    if (ids.length === 1 && /^[\s*{]*[0-9A-Fa-f]{8}-/.test(rec.message)) {
      const u = ctx.update(ids[0].id, ids[0].revision);
      if (u && !u.parentId && u.updateId !== b.parent) u.parentId = b.parent;
      if (--b.left <= 0) f.bundleOnTid.delete(tid);
      return;
    }
    f.bundleOnTid.delete(tid);
  }
  if (ids.length === 1 && rec.message.indexOf('UpdateId = ') >= 0) {
    const u = ctx.update(ids[0].id, ids[0].revision);
    if (u) f.lastUpdateOnTid.set(tid, { id: u.updateId, line: rec.line });
    return;
  }
  // `Bundles N updates:` comes right after the `UpdateId = ` line of its thread.
  if (ids.length !== 0 || rec.message.indexOf('Bundles ') < 0) return;
  const last = f.lastUpdateOnTid.get(tid);
  if (!last || rec.line - last.line > 3) return;
  const m = /^[\s*]*Bundles (\d{1,4}) updates:/.exec(rec.message);
  if (m) f.bundleOnTid.set(tid, { parent: last.id, left: +m[1] });
}

/** A per-update result line: a success is remembered for the verdict, an error becomes a candidate. */
export function resultLine(ctx: Context, f: FileState, rec: LogRecord, ur: UpdateResultLine, failed: boolean): void {
  const st = ctx.st;
  let updateId = ur.updateId;
  if (!updateId && rec.tid !== undefined && ur.kind === 'returnCode') updateId = f.handlerUpdate.get(rec.tid);
  if (updateId) {
    const u = ctx.update(updateId, ur.revision);
    // Share the update's own copy of the id string.
    if (u) updateId = u.updateId;
    if (u && u.results.length < LIMITS.results) {
      u.results.push({
        operation: ur.operation, phase: phaseOfOperation(ur.operation) ?? 'unknown', code: ur.code,
        unmappedCode: ur.unmapped, at: { file: f.index, line: rec.line },
      });
    }
  }
  if (!failed) {
    if (st.successes.length < LIMITS.results) st.successes.push({ file: f.index, line: rec.line, updateId: own(updateId), operation: ur.operation });
    return;
  }
  const call = enclosingOpen(f, ur.operation, rec);
  let phase = phaseOfOperation(ur.operation);
  const phaseEvidence: PhaseEvidence[] = phase ? [{ kind: 'operation', detail: `${ur.kind}: operation ${ur.operation}`, at: { file: f.index, line: rec.line }, fact: 'resultLine', lineKind: ur.kind, operation: ur.operation }] : [];
  if (phase === 'install' && POST_REBOOT.has(ur.code)) {
    // WU_E_UH_POSTREBOOT*: the install's post-reboot part (commit) is what failed.
    phase = 'commit';
    phaseEvidence.push({ kind: 'codeRange', detail: 'post-reboot result of the update handler', at: { file: f.index, line: rec.line }, fact: 'postReboot' });
  }
  // Report events summarise an outcome logged elsewhere: they have no thread context of their own.
  const rel = ur.kind === 'reportEvent' ? NO_RELATED
    : related(f, rec.line, call?.startLine ?? ownCallStart(f, updateId, rec.line), { tid: rec.tid, pid: rec.pid, cv: rec.cvs[0]?.cv, code: ur.code, updateId, time: rec.time });
  if (!phase) {
    phase = phaseOfComponent(rel.rootComponent ?? rec.component) ?? phaseOfCode(ur.code) ?? 'unknown';
    phaseEvidence.push({ kind: 'codeRange', detail: 'code range / component', at: { file: f.index, line: rec.line }, fact: 'codeRange', component: own(rel.rootComponent ?? rec.component) });
  }
  if (updateId && (phase === 'install' || phase === 'commit')) phaseEvidence.unshift(...installProof(f, updateId));
  else if (updateId && phase === 'download') phaseEvidence.push(...downloadProof(f, updateId));
  ctx.addCandidate({
    file: f.index, line: rec.line, time: rec.time, timeText: rec.timeText, code: ur.code, outcomeKind: ur.kind, operation: ur.operation,
    phase, phaseEvidence, updateId, revision: ur.revision, callKey: call?.key, callLevel: false,
    evidence: rel.lines.concat([{ file: f.index, line: rec.line }]), rootCause: rel.root, rootComponent: rel.rootComponent,
    pendingCandidate: ur.kind === 'logHistory', eventTime: ur.eventTime,
  }, f, rel, { [`${f.index}:${rec.line}`]: snippet(rec) });
}

/**
 * Where the evidence of a result line outside any open call may start: the start of the latest
 * call of the same update (its own attempt, even if that call has just ended), so the errors of an
 * earlier attempt are never cited; else a window of 2,000 lines.
 */
function ownCallStart(f: FileState, updateId: string | undefined, line: number): number {
  let from = line - 2000;
  if (!updateId) return from;
  for (const c of f.recent) if (c.startLine < line && c.startLine > from && c.updateIds.includes(updateId)) from = c.startLine;
  return from;
}

/** The handler's proof that an update's payload was being installed (so its download had finished). */
export function installProof(f: FileState, updateId: string): PhaseEvidence[] {
  const p = f.handlerProof.get(updateId);
  if (!p) return [];
  return [{
    kind: 'component', fact: p.fact, at: { file: f.index, line: p.line }, component: 'Handler',
    detail: p.fact === 'cbsProgress' ? 'the handler reported CBS install progress: the payload was being installed, so the download had finished'
      : 'the handler loaded a payload already on disk: the download had finished',
  }];
}

function downloadProof(f: FileState, updateId: string): PhaseEvidence[] {
  const line = f.downloadJob.get(updateId);
  return line === undefined ? [] : [{ kind: 'component', fact: 'downloadJob', at: { file: f.index, line }, detail: 'a download job of the update' }];
}

/** Handler lines: the update a CBS install belongs to, its CBS session and package, and phase proofs. */
export function handlerLine(ctx: Context, f: FileState, rec: LogRecord): void {
  const m = head(rec.message);
  const start = m.indexOf('of CBS update') >= 0 ? /Starting (?:install|uninstall) of CBS update \{?([0-9A-Fa-f-]{36})/.exec(m) : null;
  if (start && rec.tid !== undefined) {
    f.handlerUpdate.set(rec.tid, own(start[1].toUpperCase()));
    return;
  }
  const id = rec.tid !== undefined ? f.handlerUpdate.get(rec.tid) : undefined;
  if (!id) return;
  if (m.indexOf('called Progress') >= 0 && /CBS called Progress with state=\d+, ticks=\d+/.test(m)) {
    f.handlerProof.set(id, { line: rec.line, fact: 'cbsProgress' });
    return;
  }
  if (m.indexOf('pt: ') >= 0 && /Loaded state.{0,200}pt: \w*Payload/.test(m)) {
    if (f.handlerProof.get(id)?.fact !== 'cbsProgress') f.handlerProof.set(id, { line: rec.line, fact: 'payloadLoaded' });
    return;
  }
  if (m.indexOf('CBS ') < 0) return;
  const sess = /CBS session identity: (\S+)/.exec(m);
  const pkg = /CBS package identity: Package_for_KB(\d+)/.exec(m);
  if (sess && ctx.st.handlerSessions.length < LIMITS.results) ctx.st.handlerSessions.push({ updateId: id, sessionId: own(sess[1]) });
  if (pkg) {
    const u = ctx.update(id);
    if (u && !u.kb) u.kb = own(pkg[1]);
  }
}

/**
 * The ids of a line that name updates: all of them when each carries a revision (the common
 * case, no copy), else those with a revision or written in an update-id position
 * (`UpdateId = X`, `for UpdateId X`, `idUpdate=X`, `Update ID: X`, `update {X}`). Job, service,
 * call and session ids are GUIDs too, on the same lines (`New download job {J} for UpdateId U`).
 */
export function updateIdsOf(all: LogRecord['updateIds'], msg: string, col: number): LogRecord['updateIds'] {
  let plain = false;
  for (let i = 0; i < all.length; i++) {
    if (all[i].revision === undefined || all[i].id === ZERO_GUID) { plain = true; break; }
  }
  if (!plain) return all;
  const out: LogRecord['updateIds'] = [];
  for (const r of all) {
    if (r.id === ZERO_GUID) continue;
    if (r.revision !== undefined || inUpdatePosition(msg, idColumn(msg, r, col))) out.push(r);
  }
  return out;
}

/** Where the id starts in the message (spans count from the line start). */
function idColumn(msg: string, r: LogRecord['updateIds'][number], col: number): number {
  const at = r.span.start - col;
  const c = msg.charCodeAt(at);
  if (at >= 0 && (c === 123 || msg.slice(at, at + 36).toUpperCase() === r.id)) return at;
  const i = msg.toUpperCase().indexOf(r.id);
  return i > 0 && msg.charCodeAt(i - 1) === 123 ? i - 1 : i;
}

/** The words just before an id label it as an update id. */
function inUpdatePosition(msg: string, at: number): boolean {
  if (at <= 0) return false;
  const before = msg.slice(Math.max(0, at - 24), at);
  return UPDATE_LABEL.test(before);
}

/** Title lines start with `Title=`, `Title = ` or `*   Title = ` (after spaces), or `Deserialized`. */
function mayHaveTitle(msg: string): boolean {
  let i = 0;
  while (i < 16 && i < msg.length && (msg.charCodeAt(i) === 32 || msg.charCodeAt(i) === 42 || msg.charCodeAt(i) === 9)) i++;
  return msg.startsWith('Title', i) || msg.startsWith('Deserialized', i);
}

export { isError };
