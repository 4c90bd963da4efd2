// One WindowsUpdate.log record (Windows 10/11 and Windows 7): brackets, counts, call results,
// per-update results, report events, handler lines and error lines, each to its module.
import type { LogRecord } from '../../model/types';
import type { Call } from '../types';
import { LIMITS, own } from '../state';
import {
  head, hex, isError, operationOfCategory, parseBracket, parseCallResult, parseCounts, parseReportEvent, parseUpdateResult,
} from '../patterns';
import type { Context, FileState } from '../context';
import { snippet } from '../context';
import { errorLine } from '../evidence';
import { attachCallResult, attachCounts, bracket, fixPairing, openOnThread } from './calls';
import type { CallAcc } from './calls';
import { handlerLine, resultLine } from './updates';

/** Components that write per-update result lines (LogHistory, Install complete, BITS/DO job failed). */
const RESULT_COMPONENTS = new Set(['Agent', 'Handler', 'DownloadManager', 'DnldMgr', 'Deployment', 'AU', '']);
export const DOWNLOAD_COMPONENT_NAMES = ['DownloadManager', 'DnldMgr', 'DO'];
const DOWNLOAD_COMPONENTS = new Set(DOWNLOAD_COMPONENT_NAMES);

/**
 * What wuRecord acts on, for the gate (gate.ts): a line it does anything with starts with a
 * bracket or marker, continues a thread's counts, holds one of these words (or RESULT_WORDS, or
 * INSTALLING_WORD), a service id (SERVICE_WORDS) or (a download component's line) a GUID and
 * one of JOB_WORDS. A line that only names an update reaches `mentions`, never wuRecord (it is
 * light): a rule here cannot rely on an update id alone.
 */
export const WU_RECORD_WORDS = [
  'REPORT EVENT:', 'shutdown notification', 'calls back to install call',
  // Call results, `install completed. Return code = 0x`
  'code = 0x',
  // Handler lines (handlerLine, `Completed install of CBS update ... hr=0x`)
  'CBS ', 'called Progress', 'pt: ',
  // A federated member's own line (memberLine)
  'ClientId = ',
];
/** serviceOf: `Service ?ID = ` in any case, on a line with a GUID. */
export const SERVICE_WORDS = ['ID = ', 'Id = ', 'iD = ', 'id = '];
export const JOB_WORDS = ['job', 'Job'];
/** Counts (`Install call complete (succeeded = ...`): the next line of the thread decides what they were. */
export const COUNTS_WORD = 'call complete (';

/** `Installing update [UpdateId = X, succeeded]` (AU): a success. */
export const INSTALLING_WORD = 'Installing update [UpdateId';

export function wuRecord(ctx: Context, f: FileState, rec: LogRecord): void {
  const msg = rec.message;
  const b = parseBracket(msg);
  // Counts wait for the next line of their thread: when that line closes a federated call,
  // they were only the federated repeat of an inner call's result.
  const waiting = rec.tid !== undefined ? f.pendingCounts.get(rec.tid) : undefined;
  if (waiting && rec.pid === waiting.rec.pid) {
    f.pendingCounts.delete(rec.tid as number);
    if (!(b && b.federatedEnd)) attachCounts(f, waiting.rec, waiting.op, waiting.counts);
    else fixPairing(ctx, f, rec, waiting.counts);
  }
  if (b) {
    if (b.kind !== 'skip') bracket(ctx, f, rec, b);
    return;
  }
  // Counts, call results and most per-update results carry `=`: one scan decides whether to look.
  const eq = msg.indexOf('=') >= 0;
  const counts = eq ? parseCounts(msg) : undefined;
  if (counts) {
    if (rec.tid === undefined) attachCounts(f, rec, counts.op, counts.counts);
    else f.pendingCounts.set(rec.tid, { rec, op: counts.op, counts: counts.counts });
    return;
  }
  if (rec.component === 'AU' && msg.indexOf(INSTALLING_WORD) >= 0) {
    const m = /Installing update \[UpdateId = \{?([0-9A-Fa-f-]{36})\}?, (succeeded|failed)/.exec(head(msg));
    if (m && m[2] === 'succeeded' && ctx.st.successes.length < LIMITS.results) {
      ctx.st.successes.push({ file: f.index, line: rec.line, updateId: m[1].toUpperCase(), operation: 'install' });
    }
  }
  const cr = eq ? parseCallResult(msg) : undefined;
  if (cr) attachCallResult(f, rec, cr.exitCode, cr.callError, cr.client);
  const ur = RESULT_COMPONENTS.has(rec.component ?? '') ? parseUpdateResult(msg) : undefined;
  if (ur) resultLine(ctx, f, rec, ur, isError(ur.code));
  if (msg.startsWith('REPORT EVENT:')) {
    const ev = parseReportEvent(msg);
    // A failure event without a code only restates another event (e.g. "Unable to connect").
    if (ev && !(ev.failure && !isError(ev.code))) {
      const op = operationOfCategory(ev.category, ev.text);
      resultLine(ctx, f, rec, {
        kind: 'reportEvent', operation: op, code: ev.code, updateId: ev.updateId, revision: ev.revision, caller: ev.caller, eventTime: ev.eventTime,
      }, ev.failure);
    }
    return;
  }
  errorLine(ctx, f, rec, callOnThread);
  if (rec.component === 'Handler' && rec.tid !== undefined) handlerLine(ctx, f, rec);
  else if (rec.component === 'Agent' || rec.component === 'ComApi') callNotice(f, rec);
  if (rec.component === 'ComApi' && eq) memberLine(f, rec);
  if (eq && rec.tid !== undefined && rec.updateIds.length && /Service ?ID = /i.test(msg)) serviceOf(f, rec);
  if (DOWNLOAD_COMPONENTS.has(rec.component ?? '') && rec.updateIds.length) downloadJob(f, rec);
}

function callOnThread(f: FileState, rec: LogRecord): Call | undefined {
  return rec.tid !== undefined ? openOnThread(f, rec.tid, rec) : undefined;
}

/**
 * Agent notices about running calls: a shutdown notification (the service or machine is going
 * down: an install cut short) and a callback that hands an item error to an install call.
 */
function callNotice(f: FileState, rec: LogRecord): void {
  const m = rec.message;
  if (m.indexOf('shutdown notification') >= 0 && /Sending shutdown notification to client/.test(m)) {
    // The agent (service process) logs it; the install call's START came from the client's process.
    for (const c of f.open) if (c.kind === 'install') (c as CallAcc).shutdownLine ??= rec.line;
    return;
  }
  if (m.indexOf('calls back to install call') < 0) return;
  const cb = /calls back to install call \{?([0-9A-Fa-f-]{36})\}? with code .{1,60}? and error (?:0x)?([0-9A-Fa-f]{1,8})\b/.exec(head(m));
  if (!cb || !isError(hex(cb[2]))) return;
  for (let i = f.open.length - 1; i >= 0; i--) {
    const c = f.open[i] as CallAcc;
    if (c.kind !== 'install' || c.component !== 'ComApi') continue;
    if (c.callbackLine === undefined) {
      c.callbackLine = rec.line;
      c.callbackText = snippet(rec);
    }
    return;
  }
}

function downloadJob(f: FileState, rec: LogRecord): void {
  const m = rec.message;
  if (m.indexOf('job') < 0 && m.indexOf('Job') < 0) return;
  for (const u of rec.updateIds) {
    if (f.downloadJob.size > 5000) f.downloadJob.clear();
    f.downloadJob.set(own(u.id), rec.line);
  }
}

/** A federated call's member announces itself on its own thread (`Install ClientId = X`, no marker). */
function memberLine(f: FileState, rec: LogRecord): void {
  const m = /^\s*(Install|Uninstall|Download|Search) ClientId = ([^,(]{1,80}?)\s*(?:,|\(|$)/.exec(head(rec.message));
  if (!m) return;
  const kind = m[1].toLowerCase();
  for (let i = f.open.length - 1; i >= 0; i--) {
    const c = f.open[i] as CallAcc;
    if (c.pid !== rec.pid || c.kind !== kind || c.component !== 'ComApi' || (c.client && c.client !== m[2].trim())) continue;
    c.memberLine = rec.line;
    c.memberText = snippet(rec);
    return;
  }
}

/** The service a search call asks (`ServiceID = {X}` in its parameters, or on its START line). */
function serviceOf(f: FileState, rec: LogRecord): void {
  const m = /Service ?ID = \{?([0-9A-Fa-f-]{36})/i.exec(head(rec.message));
  const c = m && openOnThread(f, rec.tid as number, rec);
  if (m && c && c.kind === 'search' && !c.serviceId) c.serviceId = own(m[1].toUpperCase());
}
