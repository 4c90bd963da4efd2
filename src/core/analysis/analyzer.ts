// The incremental analyzer: one pass over the records of one or more files (pushed as a
// reader emits them), building calls, updates, CBS sessions and outcome candidates.
// `finish()` ties candidates into failure chains, deduplicates them and classifies the
// intermediate error lines. Memory grows with the number of calls/updates/outcomes, not
// with lines: every list kept per line kind is capped.
import type { FileInfo, LogFormat, LogRecord } from '../model/types';
import type { Analysis, AnalysedFile, Call, CallCounts, CbsSession, LineRef, Phase, PhaseEvidence } from './types';
import {
  CALL_CANCELLED, FAILED_MARKER, HRESULT_TAG, WU7_WARNING, head, hex, isError, kbOfTitle,
  operationOfCategory, parseBracket, parseCallResult, parseCounts, parseReportEvent, parseTitle,
  parseUpdateResult,
} from './patterns';
import type { Bracket, UpdateResultLine } from './patterns';
import { phaseOfCallKind, phaseOfCode, phaseOfComponent, phaseOfOperation } from './phase';
import { buildAnalysis } from './finish';
import { repairMojibake } from '../text/mojibake';
import type { Candidate, ErrLine, UpdateAcc, State } from './state';
import { LIMITS, own } from './state';

interface FileState {
  index: number;
  path: string;
  format: LogFormat;
  open: Call[];
  /** Calls closed recently (a second "call complete" line may follow on the federated thread). */
  recent: Call[];
  /** Call that last received counts/call-error lines on a thread: the END on that thread closes it. */
  resultCallByTid: Map<number, Call>;
  /** The last RING error lines, oldest at `ringHead` once full; lines not kept elsewhere are reused in place. */
  ring: ErrLine[];
  ringHead: number;
  pendingTitle: Map<number, { title: string; line: number }>;
  /** Handler: "Starting install of CBS update X" → the update its CBS session belongs to. */
  handlerUpdate: Map<number, string>;
  cbsCurrent?: CbsSession;
  /** The session between `Exec: Processing started ... Session: X` and X finalized: unnamed error lines are its. */
  cbsExec?: CbsSession;
  cbsById: Map<string, CbsSession>;
  rebootProcessing: boolean;
  lastLine: number;
  pendingCounts: Map<number, { rec: LogRecord; op?: string; counts: CallCounts }>;
  /** `UpdateId = X` then `Bundles N updates:` then N ids: the bundled ids belong to X. */
  lastUpdateOnTid: Map<number, { id: string; line: number }>;
  bundleOnTid: Map<number, { parent: string; left: number }>;
}

const RING = 400;
const NO_IDS: string[] = [];
const NEAR_MS = 5 * 60 * 1000;
/** Components that write per-update result lines (LogHistory, Install complete, BITS/DO job failed). */
const RESULT_COMPONENTS = new Set(['Agent', 'Handler', 'DownloadManager', 'DnldMgr', 'Deployment', 'AU', '']);
/** WU_E_UH_POSTREBOOTSTILLPENDING .. WU_E_UH_POSTREBOOTUNEXPECTEDSTATE. */
const POST_REBOOT = new Set([0x80242014, 0x80242015, 0x80242016]);
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
/** Text right before an update id: `UpdateId = `, `for UpdateId `, `idUpdate=`, `Update ID: `, `update `, `[UpdateId = `. */
const UPDATE_LABEL = /(?:\bupdate ?id|idUpdate|\bupdate)\s{0,3}[=:]?\s{0,3}[[{]?$/i;

export class Analyzer {
  private readonly files: FileState[] = [];
  /** CBS sessions that produced a failure candidate (never dropped from the model). */
  private readonly failedSessions = new Set<string>();
  /** Prune `st.cbs` when it grows past this length (see cbsRecord). */
  private cbsPruneAt = LIMITS.cbsSessions * 1.5;
  private lastUpdate: UpdateAcc | undefined;
  private readonly st: State = {
    calls: [],
    keyCalls: [],
    updates: new Map(),
    cbs: [],
    candidates: [],
    errLines: [],
    errOverflow: 0,
    overflowByResult: { succeeded: 0, failed: 0, cancelled: 0 },
    candidateOverflow: 0,
    successes: [],
    handlerSessions: [],
  };

  /** Registers a file; returns its index for `push`. */
  addFile(path: string, format: LogFormat): number {
    const index = this.files.length;
    this.files.push({
      index, path, format, open: [], recent: [], resultCallByTid: new Map(), ring: [], ringHead: 0, pendingTitle: new Map(),
      handlerUpdate: new Map(), cbsById: new Map(), rebootProcessing: false, lastLine: -1, pendingCounts: new Map(),
      lastUpdateOnTid: new Map(), bundleOnTid: new Map(),
    });
    return index;
  }

  /** Sets the format once the reader has detected it (the file may be registered before). */
  setFormat(file: number, format: LogFormat): void {
    const f = this.files[file];
    if (f) f.format = format;
  }

  push(file: number, rec: LogRecord): void {
    const f = this.files[file];
    if (!f) return;
    f.lastLine = rec.endLine;
    try {
      this.mentions(f, rec);
      switch (f.format) {
        case 'wu10':
        case 'wu7':
          this.wuRecord(f, rec);
          break;
        case 'cbs':
          this.cbsRecord(f, rec);
          break;
        case 'dism':
        case 'setup':
          if (rec.component && rec.component.toUpperCase() === 'CBS') this.cbsRecord(f, rec);
          else this.setupRecord(f, rec);
          break;
        case 'reporting':
          this.reportingRecord(f, rec);
          break;
        default:
          break;
      }
    } catch {
      // One odd record must never stop the analysis of a whole bundle.
    }
  }

  /** Closes the analysis. `infos[i]` describes file i (from the reader); paths come from addFile. */
  finish(infos: (FileInfo | undefined)[]): Analysis {
    const files: AnalysedFile[] = this.files.map((f, i) => {
      const info = infos[i];
      return {
        path: f.path,
        format: info?.format ?? f.format,
        encoding: info?.encoding ?? 'utf8',
        lines: info?.lines ?? f.lastLine + 1,
        recordLines: info?.recordLines ?? 0,
        continuationLines: info?.continuationLines ?? 0,
        unrecognisedLines: info?.unrecognisedLines ?? 0,
        blankLines: info?.blankLines ?? 0,
        unreadable: info?.unreadable,
        mojibake: info?.mojibake,
        ...(info?.etl ? { etl: info.etl } : {}),
      };
    });
    for (const f of this.files) {
      for (const p of f.pendingCounts.values()) this.attachCounts(f, p.rec, p.op, p.counts);
      f.pendingCounts.clear();
      for (const c of f.open.slice()) this.closeCall(f, c, undefined);
      f.open = [];
    }
    return buildAnalysis(this.st, files);
  }

  // ---- updates ------------------------------------------------------------------------

  private update(id: string, revision?: number): UpdateAcc | undefined {
    // Neighbouring lines often name the same update: a string compare is cheaper than a lookup.
    let u = this.lastUpdate !== undefined && this.lastUpdate.updateId === id ? this.lastUpdate : this.st.updates.get(id);
    if (!u) {
      if (this.st.updates.size >= LIMITS.updates) return undefined;
      id = own(id);
      u = { updateId: id, revision, mentions: [], mentionCount: 0, results: [], callKeys: [] };
      this.st.updates.set(id, u);
    }
    if (revision !== undefined && (u.revision === undefined || revision > u.revision)) u.revision = revision;
    this.lastUpdate = u;
    return u;
  }

  private mentions(f: FileState, rec: LogRecord): void {
    const all = rec.updateIds;
    const msg = rec.message;
    const title = all.length <= 1 && f.format !== 'cbs' && mayHaveTitle(msg) ? parseTitle(msg) : undefined;
    if (all.length === 0) {
      // Most lines: no id. Only a title (for the next id line) or a bundle header can matter.
      if (rec.tid !== undefined && f.format !== 'cbs') {
        if (title) f.pendingTitle.set(rec.tid, { title: own(title), line: rec.line });
        this.bundles(f, rec, all);
      }
      return;
    }
    // Service, job and call ids are GUIDs too: an update id carries a revision or is named as one.
    const ids = updateIdsOf(all, msg, rec.messageColumn);
    if (title && ids.length === 0 && rec.tid !== undefined) {
      f.pendingTitle.set(rec.tid, { title: own(title), line: rec.line });
    }
    for (let i = 0; i < ids.length && i < 4; i++) {
      const u = this.update(ids[i].id, ids[i].revision);
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
        if (t && !u.title) t = u.title = own(repairMojibake(t) ?? t);
        if (!u.kb) {
          const kb = (t && kbOfTitle(t)) ?? (ids.length === 1 && rec.kbs.length === 1 ? rec.kbs[0].kb : undefined);
          if (kb) u.kb = own(kb);
        }
      }
    }
    if (rec.tid !== undefined && f.format !== 'cbs') this.bundles(f, rec, ids);
    if (ids.length && rec.tid !== undefined) {
      const c = this.openOnThread(f, rec.tid, rec);
      if (c) {
        const list = c.updateIds;
        for (let i = 0; i < ids.length && i < 4; i++) {
          if (list.length < LIMITS.callUpdates && !list.includes(ids[i].id)) list.push(this.st.updates.get(ids[i].id)?.updateId ?? own(ids[i].id));
        }
      }
    }
  }

  private bundles(f: FileState, rec: LogRecord, ids: LogRecord['updateIds']): void {
    const tid = rec.tid as number;
    const b = f.bundleOnTid.size ? f.bundleOnTid.get(tid) : undefined;
    if (b) {
      // A bundled id stands alone on its line (after spaces, `*` and braces).
      if (ids.length === 1 && /^[\s*{]*[0-9A-Fa-f]{8}-/.test(rec.message)) {
        const u = this.update(ids[0].id, ids[0].revision);
        if (u && !u.parentId && u.updateId !== b.parent) u.parentId = b.parent;
        if (--b.left <= 0) f.bundleOnTid.delete(tid);
        return;
      }
      f.bundleOnTid.delete(tid);
    }
    if (ids.length === 1 && rec.message.indexOf('UpdateId = ') >= 0) {
      const u = this.update(ids[0].id, ids[0].revision);
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

  // ---- WindowsUpdate.log ----------------------------------------------------------------

  private wuRecord(f: FileState, rec: LogRecord): void {
    const msg = rec.message;
    const b = parseBracket(msg);
    // Counts wait for the next line of their thread: when that line closes a federated call,
    // they were only the federated repeat of an inner call's result.
    const waiting = rec.tid !== undefined ? f.pendingCounts.get(rec.tid) : undefined;
    if (waiting && rec.pid === waiting.rec.pid) {
      f.pendingCounts.delete(rec.tid as number);
      if (!(b && b.federatedEnd)) this.attachCounts(f, waiting.rec, waiting.op, waiting.counts);
      else this.fixPairing(f, rec, waiting.counts);
    }
    if (b) {
      if (b.kind !== 'skip') this.bracket(f, rec, b);
      return;
    }
    // Counts, call results and most per-update results carry `=`: one scan decides whether to look.
    const eq = msg.indexOf('=') >= 0;
    const counts = eq ? parseCounts(msg) : undefined;
    if (counts) {
      if (rec.tid === undefined) this.attachCounts(f, rec, counts.op, counts.counts);
      else f.pendingCounts.set(rec.tid, { rec, op: counts.op, counts: counts.counts });
      return;
    }
    if (rec.component === 'AU' && msg.indexOf('Installing update [UpdateId') >= 0) {
      const m = /Installing update \[UpdateId = \{?([0-9A-Fa-f-]{36})\}?, (succeeded|failed)/.exec(head(msg));
      if (m && m[2] === 'succeeded' && this.st.successes.length < LIMITS.results) {
        this.st.successes.push({ file: f.index, line: rec.line, updateId: m[1].toUpperCase(), operation: 'install' });
      }
    }
    const cr = eq ? parseCallResult(msg) : undefined;
    if (cr) this.attachCallResult(f, rec, cr.exitCode, cr.callError, cr.client);
    const ur = RESULT_COMPONENTS.has(rec.component ?? '') ? parseUpdateResult(msg) : undefined;
    if (ur) this.updateResult(f, rec, ur);
    if (msg.startsWith('REPORT EVENT:')) {
      const ev = parseReportEvent(msg);
      // A failure event without a code only restates another event (e.g. "Unable to connect").
      if (ev && !(ev.failure && !isError(ev.code))) {
        const op = operationOfCategory(ev.category, ev.text);
        this.resultLine(f, rec, {
          kind: 'reportEvent', operation: op, code: ev.code, updateId: ev.updateId, revision: ev.revision, caller: ev.caller, eventTime: ev.eventTime,
        }, ev.failure);
      }
      return;
    }
    this.errorLine(f, rec);
    if (rec.component === 'Handler' && rec.tid !== undefined) this.handlerLine(f, rec);
  }

  private openOnThread(f: FileState, tid: number, rec: LogRecord): Call | undefined {
    const cv = rec.cvs[0]?.cv;
    for (let i = f.open.length - 1; i >= 0; i--) {
      const c = f.open[i];
      if (c.tid === tid && c.pid === rec.pid) return c;
      if (cv && c.cv && cv.startsWith(c.cv)) return c;
    }
    return undefined;
  }

  private bracket(f: FileState, rec: LogRecord, b: Bracket): void {
    const cv = rec.cvs[0]?.cv;
    if (b.edge === 'start') {
      const kind = b.kind === 'skip' ? 'other' : b.kind;
      const call: Call = {
        key: `${f.index}:${rec.line}`, kind, file: f.index, client: own(b.client), cv: own(cv), pid: rec.pid, tid: rec.tid,
        startLine: rec.line, startTime: rec.time, updateIds: [], result: 'unknown', label: own(b.label), component: own(rec.component),
      };
      (call as CallAcc).op = b.op;
      f.open.push(call);
      if (f.open.length > LIMITS.openCalls) {
        const old = f.open.shift();
        if (old) this.closeCall(f, old, undefined);
      }
      return;
    }
    // END: the call that got its result lines on this thread, else the best open match.
    let match: Call | undefined;
    const byTid = rec.tid !== undefined ? f.resultCallByTid.get(rec.tid) : undefined;
    if (byTid && f.open.includes(byTid) && sameOp(byTid, b)) match = byTid;
    if (!match && cv) match = f.open.find((c) => c.cv === cv && sameOp(c, b));
    if (!match) {
      const same = f.open.filter((c) => sameOp(c, b) && c.pid === rec.pid && (!b.client || !c.client || c.client === b.client));
      // A different cV on both sides is a different call, except for federated ends (their cV moves on).
      match = same.find((c) => !cv || !c.cv) ?? (b.federatedEnd ? same[0] : undefined);
    }
    if (!match) return;
    if (b.exitCode !== undefined) match.exitCode = b.exitCode;
    if (b.exitCode !== undefined && isError(b.exitCode)) {
      match.resultLine = rec.line;
      (match as CallAcc).resultText = snippet(rec);
      (match as CallAcc).resultTimeText = own(rec.timeText);
    }
    if ((match as CallAcc).resultTimeText === undefined) (match as CallAcc).resultTimeText = own(rec.timeText);
    this.closeCall(f, match, rec);
  }

  /**
   * The federated repeat of the counts is logged on the thread that started the inner call.
   * Concurrent calls without a cV were paired first-in first-out; when the repeat names
   * another thread, the call just closed and the open one started there swap their starts.
   */
  private fixPairing(f: FileState, rec: LogRecord, counts: CallCounts): void {
    const tid = rec.tid as number;
    const closed = f.recent[f.recent.length - 1];
    if (!closed || closed.tid === tid || closed.pid !== rec.pid || closed.cv || !sameCounts(closed.counts, counts)) return;
    const open = f.open.find((c) => c.tid === tid && c.pid === rec.pid && !c.cv && !c.counts && c.kind === closed.kind &&
      (c as CallAcc).op === (closed as CallAcc).op && c.client === closed.client);
    if (!open) return;
    const oldClosed = closed.key;
    const oldOpen = open.key;
    const fields = ['key', 'startLine', 'startTime', 'tid', 'label', 'component', 'updateIds'] as const;
    const a = closed as unknown as Record<string, unknown>;
    const o = open as unknown as Record<string, unknown>;
    for (const k of fields) [a[k], o[k]] = [o[k], a[k]];
    for (const c of this.st.candidates) {
      if (c.callKey === oldClosed) {
        c.callKey = oldOpen;
        if (c.callLevel) c.callStartLine = closed.startLine;
        for (const e of c.evidence) if (e.file === f.index && e.line === open.startLine) e.line = closed.startLine;
        for (const p of c.phaseEvidence) {
          if (p.fact === 'callStart' && p.at?.file === f.index && p.at.line === open.startLine) {
            p.at = { file: f.index, line: closed.startLine };
            p.label = closed.label;
          }
        }
        if (c.texts) {
          const t = c.texts[`${f.index}:${open.startLine}`];
          if (t !== undefined) {
            delete c.texts[`${f.index}:${open.startLine}`];
            c.texts[`${f.index}:${closed.startLine}`] = `${closed.component ?? ''} * START * ${closed.label ?? ''}`.trim();
          }
        }
      } else if (c.callKey === oldOpen) c.callKey = oldClosed;
    }
  }

  private attachCounts(f: FileState, rec: LogRecord, op: string | undefined, counts: CallCounts): void {
    const want = op ? op.toLowerCase() : undefined;
    // Federated calls only wrap the per-service calls: the repeat of the counts on the
    // federated thread (after the inner call closed) is not a second outcome.
    const call = f.open.find((c) => c.pid === rec.pid && !c.counts && (!want || c.kind === want) && !(c as CallAcc).op?.startsWith('federated'));
    if (!call) return;
    call.counts = counts;
    if ((counts.failed ?? 0) > 0 || (counts.cancelled ?? 0) > 0) {
      call.resultLine = rec.line;
      (call as CallAcc).resultText = snippet(rec);
      (call as CallAcc).resultTimeText = own(rec.timeText);
    }
    if (rec.tid !== undefined) f.resultCallByTid.set(rec.tid, call);
  }

  private attachCallResult(f: FileState, rec: LogRecord, exitCode?: number, callError?: number, client?: string): void {
    let call = rec.tid !== undefined ? f.resultCallByTid.get(rec.tid) : undefined;
    if (call && !f.open.includes(call)) call = undefined;
    if (!call && rec.tid !== undefined) {
      for (let i = f.open.length - 1; i >= 0; i--) {
        const c = f.open[i];
        if (c.tid === rec.tid && c.pid === rec.pid) { call = c; break; }
      }
    }
    if (!call && client) call = f.open.find((c) => c.pid === rec.pid && c.client === client);
    if (!call) return;
    if (exitCode !== undefined) call.exitCode = exitCode;
    if (callError !== undefined) call.callErrorCode = callError;
    if ((exitCode !== undefined && isError(exitCode)) || (callError !== undefined && isError(callError))) {
      if (call.resultLine === undefined) {
        call.resultLine = rec.line;
        (call as CallAcc).resultText = snippet(rec);
      (call as CallAcc).resultTimeText = own(rec.timeText);
      }
    }
    if (rec.tid !== undefined) f.resultCallByTid.set(rec.tid, call);
  }

  private closeCall(f: FileState, call: Call, endRec: LogRecord | undefined): void {
    const i = f.open.indexOf(call);
    if (i >= 0) f.open.splice(i, 1);
    if (endRec) {
      call.endLine = endRec.line;
      call.endTime = endRec.time;
    }
    call.result = callResult(call, !!endRec);
    const over = (call as CallAcc).overflowErrors;
    if (over) {
      if (call.result === 'unknown') this.st.errOverflow += over;
      else this.st.overflowByResult[call.result] += over;
    }
    if (call.result === 'failed' || call.result === 'cancelled') this.st.keyCalls.push(call);
    else {
      this.st.calls.push(call);
      // Drop the older half at once: amortised O(1) per call, memory bounded.
      if (this.st.calls.length > LIMITS.calls * 1.5) this.st.calls.splice(0, this.st.calls.length - LIMITS.calls);
    }
    f.recent.push(call);
    if (f.recent.length > 20) f.recent.shift();
    for (const [tid, c] of f.resultCallByTid) if (c === call) f.resultCallByTid.delete(tid);
    if (call.result === 'failed') this.callCandidate(f, call);
  }

  private callCandidate(f: FileState, call: Call): void {
    const code = decidingCallCode(call);
    const line = call.resultLine ?? call.endLine ?? call.startLine;
    const phase = phaseOfCallKind(call.kind) ?? 'unknown';
    const ev: LineRef[] = [{ file: f.index, line: call.startLine }];
    const related = this.related(f, line, call.startLine, { tid: call.tid, pid: call.pid, cv: call.cv, code, time: call.endTime, inCall: true });
    this.addCandidate({
      file: f.index, line, time: call.endTime ?? call.startTime, timeText: (call as CallAcc).resultTimeText, code, outcomeKind: call.counts ? 'callResult' : 'exitCode',
      operation: call.kind, phase, phaseEvidence: [{ kind: 'callKind', detail: `${call.kind} call (${call.label ?? ''})`.slice(0, 140), at: { file: f.index, line: call.startLine }, fact: 'callStart', callKind: call.kind, client: call.client, label: call.label }],
      updateId: call.updateIds.length === 1 ? call.updateIds[0] : undefined, callKey: call.key, callLevel: true,
      evidence: ev.concat(related.lines), rootCause: related.root, rootComponent: related.rootComponent,
      callErrorCode: call.callErrorCode, callStartLine: call.startLine, callEndLine: call.endLine,
    }, f, related, {
      [`${f.index}:${call.startLine}`]: `${call.component ?? ''} * START * ${call.label ?? ''}`.trim(),
      ...((call as CallAcc).resultText && call.resultLine !== undefined ? { [`${f.index}:${call.resultLine}`]: (call as CallAcc).resultText as string } : {}),
    });
  }

  private updateResult(f: FileState, rec: LogRecord, ur: UpdateResultLine): void {
    this.resultLine(f, rec, ur, isError(ur.code));
  }

  /** A per-update result line: a success is remembered for the verdict, an error becomes a candidate. */
  private resultLine(f: FileState, rec: LogRecord, ur: UpdateResultLine, failed: boolean): void {
    let updateId = ur.updateId;
    if (!updateId && rec.tid !== undefined && ur.kind === 'returnCode') updateId = f.handlerUpdate.get(rec.tid);
    if (updateId) {
      const u = this.update(updateId, ur.revision);
      // Share the update's own copy of the id string.
      if (u) updateId = u.updateId;
      if (u && u.results.length < LIMITS.results) {
        u.results.push({
          operation: ur.operation, phase: phaseOfOperation(ur.operation) ?? 'unknown', code: failed ? ur.code : ur.code,
          unmappedCode: ur.unmapped, at: { file: f.index, line: rec.line },
        });
      }
    }
    if (!failed) {
      if (this.st.successes.length < LIMITS.results) this.st.successes.push({ file: f.index, line: rec.line, updateId: own(updateId), operation: ur.operation });
      return;
    }
    const call = this.enclosingOpen(f, ur.operation, rec);
    let phase = phaseOfOperation(ur.operation);
    const phaseEvidence: PhaseEvidence[] = phase ? [{ kind: 'operation', detail: `${ur.kind}: operation ${ur.operation}`, at: { file: f.index, line: rec.line }, fact: 'resultLine', lineKind: ur.kind, operation: ur.operation }] : [];
    if (phase === 'install' && POST_REBOOT.has(ur.code)) {
      // WU_E_UH_POSTREBOOT*: the install's post-reboot part (commit) is what failed.
      phase = 'commit';
      phaseEvidence.push({ kind: 'codeRange', detail: 'post-reboot result of the update handler', at: { file: f.index, line: rec.line }, fact: 'postReboot' });
    }
    // Report events summarise an outcome logged elsewhere: they have no thread context of their own.
    const related = ur.kind === 'reportEvent' ? { lines: [], texts: {} } as { lines: LineRef[]; root?: LineRef; rootComponent?: string; texts: Record<string, string> }
      : this.related(f, rec.line, call?.startLine ?? rec.line - 2000, { tid: rec.tid, pid: rec.pid, cv: rec.cvs[0]?.cv, code: ur.code, updateId, time: rec.time });
    if (!phase) {
      phase = phaseOfComponent(related.rootComponent ?? rec.component) ?? phaseOfCode(ur.code) ?? 'unknown';
      phaseEvidence.push({ kind: 'codeRange', detail: 'code range / component', at: { file: f.index, line: rec.line }, fact: 'codeRange', component: own(related.rootComponent ?? rec.component) });
    }
    this.addCandidate({
      file: f.index, line: rec.line, time: rec.time, timeText: rec.timeText, code: ur.code, outcomeKind: ur.kind, operation: ur.operation,
      phase, phaseEvidence, updateId, revision: ur.revision, callKey: call?.key, callLevel: false,
      evidence: related.lines.concat([{ file: f.index, line: rec.line }]), rootCause: related.root, rootComponent: related.rootComponent,
      pendingCandidate: ur.kind === 'logHistory', eventTime: ur.eventTime,
    }, f, related, { [`${f.index}:${rec.line}`]: snippet(rec) });
  }

  private enclosingOpen(f: FileState, operation: string, rec: LogRecord): Call | undefined {
    const want = phaseOfOperation(operation);
    let best: Call | undefined;
    for (const c of f.open) {
      if (want && phaseOfCallKind(c.kind) !== want) continue;
      if ((c as CallAcc).op?.startsWith('federated')) continue;
      if (c.component === 'ComApi') return c;
      if (!best || (c.tid === rec.tid && c.pid === rec.pid)) best = c;
    }
    return best;
  }

  private handlerLine(f: FileState, rec: LogRecord): void {
    const m = head(rec.message);
    const start = m.indexOf('of CBS update') >= 0 ? /Starting (?:install|uninstall) of CBS update \{?([0-9A-Fa-f-]{36})/.exec(m) : null;
    if (start && rec.tid !== undefined) {
      f.handlerUpdate.set(rec.tid, own(start[1].toUpperCase()));
      return;
    }
    const id = rec.tid !== undefined ? f.handlerUpdate.get(rec.tid) : undefined;
    if (!id || m.indexOf('CBS ') < 0) return;
    const sess = /CBS session identity: (\S+)/.exec(m);
    const pkg = /CBS package identity: Package_for_KB(\d+)/.exec(m);
    if (sess && this.st.handlerSessions.length < LIMITS.results) this.st.handlerSessions.push({ updateId: id, sessionId: own(sess[1]) });
    if (pkg) {
      const u = this.update(id);
      if (u && !u.kb) u.kb = own(pkg[1]);
    }
  }

  // ---- error lines (evidence or noise) ------------------------------------------------

  private errorLine(f: FileState, rec: LogRecord, session?: string): void {
    const msg = rec.message;
    let code: number | undefined;
    // Cheap gates first: this runs for every line of a WindowsUpdate.log.
    const star = msg.charCodeAt(0) === 42;
    const errLevel = rec.level === 'error' || rec.level === 'fatal';
    // WARNING:/FATAL: lines with codes are the Windows 7 agent's error lines.
    if (!star && !errLevel && session === undefined && (f.format !== 'wu7' || (msg.indexOf('WARNING:') < 0 && msg.indexOf('FATAL:') < 0))) return;
    const fm = star ? FAILED_MARKER.exec(msg) : null;
    if (fm) code = hex(fm[1]);
    else {
      const isWarn = errLevel || WU7_WARNING.test(msg) || (session !== undefined && msg.startsWith('Failed'));
      if (!isWarn) return;
      const c = rec.codes.find((x) => isError(x.value));
      code = c?.value ?? codeInText(msg);
      if (code === undefined) return;
    }
    const cv = rec.cvs[0]?.cv;
    const call = rec.tid !== undefined ? this.openOnThread(f, rec.tid, rec) : undefined;
    let ids: string[] | undefined;
    for (const u of rec.updateIds) {
      if (u.revision === undefined) continue;
      (ids ??= []).push(u.id);
      if (ids.length === 2) break;
    }
    // Strings are copied (own) only when the line is kept beyond the short ring; the text is
    // built only when it is kept or cited (most ring entries never are). Once the kept list is
    // full, the entry leaving the ring is refilled: no allocation per error line.
    let e: ErrLine;
    if (f.ring.length < RING) {
      e = blankErrLine();
      f.ring.push(e);
    } else {
      const old = f.ring[f.ringHead];
      e = old.kept ? blankErrLine() : old;
      f.ring[f.ringHead] = e;
      f.ringHead = (f.ringHead + 1) % RING;
    }
    e.file = f.index;
    e.line = rec.line;
    e.time = rec.time;
    e.tid = rec.tid;
    e.pid = rec.pid;
    e.cv = cv;
    e.code = code;
    e.component = rec.component;
    e.updateIds = ids ?? NO_IDS;
    e.callKey = call?.key;
    e.call = call;
    e.session = session;
    e.text = undefined;
    e.msg = msg;
    if (this.st.errLines.length < LIMITS.errLines) {
      e.kept = true;
      e.text = own(errText(e));
      e.cv = own(e.cv);
      e.component = own(e.component);
      if (ids) e.updateIds = ids.map((x) => own(x));
      this.st.errLines.push(e);
    }
    else if (call) (call as CallAcc).overflowErrors = ((call as CallAcc).overflowErrors ?? 0) + 1;
    else this.st.errOverflow++;
  }

  /** Related error lines before `line` (from `from`): same thread, cV, update, session or code. */
  private related(
    f: FileState, line: number, from: number,
    k: { tid?: number; pid?: number; cv?: string; code?: number; updateId?: string; session?: string; time?: number; inCall?: boolean },
  ): { lines: LineRef[]; root?: LineRef; rootComponent?: string; texts: Record<string, string> } {
    const hits: ErrLine[] = [];
    const n = f.ring.length;
    for (let i = 0; i < n; i++) {
      const e = f.ring[(f.ringHead + i) % n];
      if (e.line < from || e.line >= line) continue;
      const same =
        (k.session !== undefined && e.session === k.session && (k.code === undefined || e.code === k.code)) ||
        (k.session === undefined && (
          (k.tid !== undefined && e.tid === k.tid && e.pid === k.pid) ||
          (k.cv !== undefined && e.cv !== undefined && (e.cv.startsWith(k.cv) || k.cv.startsWith(e.cv))) ||
          (k.updateId !== undefined && e.updateIds.includes(k.updateId)) ||
          (k.code !== undefined && e.code === k.code)));
      if (same) hits.push(e);
    }
    if (!hits.length) return { lines: [], texts: {} };
    // The earliest line with the outcome's own code is the root cause; else the earliest related
    // line shortly before the outcome (an older unrelated error on a long-lived thread is not).
    const near = (e: ErrLine): boolean =>
      k.time !== undefined && e.time !== undefined ? k.time - e.time <= NEAR_MS : line - e.line <= 300;
    // For a call, the earliest error of its own thread or cV inside the call is where it went wrong.
    const ownThread = k.inCall ? hits.find((e) => (k.tid !== undefined && e.tid === k.tid && e.pid === k.pid) || (!!k.cv && !!e.cv && e.cv.startsWith(k.cv))) : undefined;
    const sameCode = hits.find((e) => e.code === k.code);
    const root = ownThread ?? sameCode ?? hits.find(near);
    if (!root) return { lines: [], texts: {} };
    const picked: ErrLine[] = [root];
    if (sameCode && sameCode !== root) picked.push(sameCode);
    const last = hits[hits.length - 1];
    if (!picked.includes(last) && near(last)) picked.push(last);
    const texts: Record<string, string> = {};
    for (const e of picked) texts[`${e.file}:${e.line}`] = own(errText(e));
    return { lines: picked.map((e) => ({ file: e.file, line: e.line })), root: { file: root.file, line: root.line }, rootComponent: own(root.component), texts };
  }

  private addCandidate(c: Candidate, f: FileState, related?: { texts: Record<string, string> }, texts?: Record<string, string>): void {
    if (c.cbsSessionKey) this.failedSessions.add(c.cbsSessionKey);
    if (c.line === undefined) c.line = f.lastLine;
    c.texts = { ...(related?.texts ?? {}), ...(texts ?? {}) };
    c.timeText = own(c.timeText);
    c.loggedName = own(c.loggedName);
    c.updateId = own(c.updateId);
    c.kb = own(c.kb);
    if (this.st.candidates.length < LIMITS.candidates) this.st.candidates.push(c);
    else this.st.candidateOverflow++;
  }

  // ---- CBS ------------------------------------------------------------------------------

  private cbsRecord(f: FileState, rec: LogRecord): void {
    const msg = head(rec.message);
    // Cheap literal gates before each regex: this runs for every line of a CBS.log.
    const init = msg.startsWith('Session: ') ? /^Session: (\S+) initialized by client ([^,]{1,80})/.exec(msg) : null;
    if (init) {
      const s: CbsSession = {
        key: `${f.index}:${rec.line}`, file: f.index, id: own(init[1]), client: own(init[2].trim()), startLine: rec.line, startTime: rec.time,
        packages: [], kbs: [], errors: [],
      };
      this.st.cbs.push(s);
      if (this.st.cbs.length > this.cbsPruneAt) {
        // Keep every session a failure points to, and the newest others.
        const cut = this.st.cbs.length - LIMITS.cbsSessions;
        this.st.cbs = this.st.cbs.filter((x, i) => i >= cut || this.failedSessions.has(x.key));
        // Kept failed sessions can hold the list above the mark: prune again only after another
        // half-limit of sessions, or every new session would filter the whole list (quadratic).
        this.cbsPruneAt = Math.max(LIMITS.cbsSessions * 1.5, this.st.cbs.length + LIMITS.cbsSessions / 2);
      }
      f.cbsCurrent = s;
      f.cbsById.set(s.id, s);
      if (f.cbsById.size > 2000) f.cbsById.delete(f.cbsById.keys().next().value as string);
      return;
    }
    // Every reboot-processing phrase holds "processing" (CBS writes it lower case or capitalised).
    if (msg.indexOf('rocessing') >= 0 || msg.indexOf('ROCESSING') >= 0) {
      if (/Startup processing required|Doing (?:critical )?shutdown processing|startup processing lock|Starting (?:the )?(?:startup|shutdown) processing/i.test(msg)) f.rebootProcessing = true;
      if (/Startup processing thread terminated|Startup Processing completes|startup processing completed?\b/i.test(msg)) f.rebootProcessing = false;
    }

    const named = msg.indexOf('Session: ') >= 0 ? /Session: (\d+_\d+)/.exec(msg)?.[1] : undefined;
    const namedSession = named ? f.cbsById.get(named) : undefined;
    const session = namedSession || f.cbsCurrent;
    if (namedSession && msg.startsWith('Exec: Processing started')) f.cbsExec = namedSession;
    // Sessions initialised while another executes (WinMgmt queries) log applicability, not its errors.
    const errSession = namedSession || f.cbsExec || f.cbsCurrent;
    if (session) {
      const pkg = msg.indexOf('Package_for_') >= 0;
      if (pkg) {
        const pk = /(Package_for_KB\d+~[^\s,\]]{1,120}|Package_for_RollupFix~[^\s,\]]{1,120})/.exec(msg);
        if (pk) addCapped(session.packages, pk[1], 20);
      }
      for (const kb of rec.kbs) addCapped(session.kbs, kb.kb, 50);
      const ident = msg.indexOf('Identifier: KB') >= 0 ? /Identifier: KB(\d+)/.exec(msg) : null;
      if (ident) addCapped(session.kbs, ident[1], 50);
      const pkb = pkg ? /Package_for_KB(\d+)/.exec(msg) : null;
      if (pkb) addCapped(session.kbs, pkb[1], 50);
      if (named && named === session.id && msg.indexOf('finalized') >= 0) {
        session.endLine = rec.line;
        session.endTime = rec.time;
        if (f.cbsExec === session) f.cbsExec = undefined;
      } else if (session === f.cbsCurrent) {
        session.endLine = rec.line;
        session.endTime = rec.time;
      }
    }
    const hr = msg.indexOf('[HRESULT = 0x') >= 0 ? HRESULT_TAG.exec(msg) : null;
    const code = hr ? hex(hr[1]) : undefined;
    const isErrLevel = rec.level === 'error' || rec.level === 'fatal';
    if (code !== undefined && isError(code) && errSession && (isErrLevel || msg.startsWith('Failed'))) {
      if (errSession.errors.length < 100) errSession.errors.push({ at: { file: f.index, line: rec.line }, code, name: own(hr?.[2]?.trim()), message: own(msg.slice(0, 200)) });
    }
    const outcome = code !== undefined && isError(code) && (
      (isErrLevel && /^Failed to (?:process single phase execution|perform operation|execute|install|uninstall|stage|commit|resolve package|add package)/.test(msg)) ||
      /^Exec: Processing complete\./.test(msg) || /^(?:Asynchronous )?Session: \S+ finalized/.test(msg));
    if (outcome && code !== undefined) {
      const sid = errSession?.id;
      const commit = f.rebootProcessing;
      const related = this.related(f, rec.line, errSession?.startLine ?? rec.line - 2000, { session: sid ?? '', code, time: rec.time });
      // CBS never searches: a network-range code in CBS means it fetched a payload (FOD, repair source).
      const byCode = phaseOfCode(code, 'download');
      const phase: Phase = commit ? 'commit' : byCode === 'download' ? 'download' : 'install';
      const kb = /Identifier: KB(\d+)/.exec(msg)?.[1] ?? /Package_for_KB(\d+)/.exec(msg)?.[1] ?? errSession?.kbs[0];
      this.addCandidate({
        file: f.index, line: rec.line, time: rec.time, timeText: rec.timeText, code, loggedName: hr?.[2]?.trim(), outcomeKind: 'cbsFailure',
        operation: commit ? 'commit' : phase === 'download' ? 'download' : 'install', phase,
        phaseEvidence: [{
          kind: commit ? 'cbsSession' : phase === 'download' ? 'codeRange' : 'component',
          detail: commit ? 'CBS work during startup/shutdown processing (after a reboot)'
            : phase === 'download' ? `CBS session ${sid ?? '?'} (${errSession?.client ?? 'unknown client'}) failed to fetch its payload (network-range code)`
              : `CBS session ${sid ?? '?'} (${errSession?.client ?? 'unknown client'})`,
          at: { file: f.index, line: rec.line },
          fact: commit ? 'cbsReboot' : phase === 'download' ? 'cbsPayload' : 'cbsSession', sessionId: sid, client: errSession?.client,
        }],
        kb, cbsSessionKey: errSession?.key, cbsSessionId: sid, callLevel: false,
        evidence: (errSession ? [{ file: f.index, line: errSession.startLine }] : []).concat(related.lines, [{ file: f.index, line: rec.line }]),
        rootCause: related.root, rootComponent: 'CBS',
      }, f, related, { [`${f.index}:${rec.line}`]: snippet(rec), ...(errSession ? { [`${f.index}:${errSession.startLine}`]: `Session: ${errSession.id} initialized by client ${errSession.client ?? ''}` } : {}) });
    }
    if (code !== undefined && isError(code) && (isErrLevel || msg.startsWith('Failed'))) this.errorLine(f, rec, errSession?.id ?? '');
    else if (isErrLevel) this.errorLine(f, rec, errSession?.id ?? '');
  }

  // ---- DISM / setup -----------------------------------------------------------------------

  private setupRecord(f: FileState, rec: LogRecord): void {
    if (rec.level !== 'error' && rec.level !== 'fatal') return;
    const c = rec.codes.find((x) => isError(x.value));
    const code = c?.value ?? codeInText(rec.message);
    if (code === undefined) return;
    this.errorLine(f, rec, `setup:${code}`);
    this.addCandidate({
      file: f.index, line: rec.line, time: rec.time, timeText: rec.timeText, code, loggedName: c?.loggedName, outcomeKind: 'setupError',
      operation: 'install', phase: 'install',
      phaseEvidence: [{ kind: 'component', detail: `${f.format === 'dism' ? 'DISM' : 'Setup'} error (${rec.component ?? 'no component'})`, at: { file: f.index, line: rec.line }, fact: 'setupError', tool: f.format === 'dism' ? 'dism' : 'setup', component: own(rec.component) }],
      callLevel: false, evidence: [{ file: f.index, line: rec.line }], component: rec.component,
    }, f, undefined, { [`${f.index}:${rec.line}`]: snippet(rec) });
  }

  // ---- ReportingEvents.log ----------------------------------------------------------------

  private reportingRecord(f: FileState, rec: LogRecord): void {
    const r = rec.reporting;
    if (!r) return;
    const op = operationOfCategory(`${r.eventName} ${r.category}`, rec.message);
    const code = rec.codes.find((x) => isError(x.value))?.value ?? codeInText(rec.message) ?? 0;
    if (r.result === 'other' || (r.result === 'failure' && !isError(code))) return;
    // Detection events carry no update (the id field holds zeros or the service id).
    const updateId = op === 'search' || r.updateId === ZERO_GUID ? undefined : r.updateId;
    this.resultLine(f, rec, { kind: 'reportEvent', operation: op, code: r.result === 'failure' ? code : 0, updateId, revision: r.revision, caller: r.caller }, r.result === 'failure');
  }
}

interface CallAcc extends Call {
  op?: string;
  resultText?: string;
  resultTimeText?: string;
  overflowErrors?: number;
}

/**
 * The ids of a line that name updates: all of them when each carries a revision (the common
 * case, no copy), else those with a revision or written in an update-id position
 * (`UpdateId = X`, `for UpdateId X`, `idUpdate=X`, `Update ID: X`, `update {X}`). Job, service,
 * call and session ids are GUIDs too, on the same lines (`New download job {J} for UpdateId U`).
 */
function updateIdsOf(all: LogRecord['updateIds'], msg: string, col: number): LogRecord['updateIds'] {
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

function blankErrLine(): ErrLine {
  return {
    file: 0, line: 0, time: undefined, tid: undefined, pid: undefined, cv: undefined, code: undefined, component: undefined,
    updateIds: NO_IDS, callKey: undefined, call: undefined, session: undefined, text: undefined, msg: undefined, kept: false,
  };
}

/** The text of an error line (component and the head of the message), built once. */
function errText(e: ErrLine): string {
  if (e.text === undefined) {
    const m = head(e.msg ?? '').slice(0, 200);
    e.text = e.component ? `${e.component} ${m}` : m;
    e.msg = undefined;
  }
  return e.text;
}

function snippet(rec: LogRecord): string {
  const m = rec.message.length > 240 ? `${rec.message.slice(0, 240)}…` : rec.message;
  return own(rec.component ? `${rec.component} ${m}` : m);
}

function sameOp(c: Call, b: Bracket): boolean {
  const op = (c as CallAcc).op ?? '';
  if (b.federatedEnd) return op === b.op;
  return op === b.op || (op.endsWith(b.op) && b.op.length > 3) || (b.op.endsWith(op) && op.length > 3);
}

function callResult(c: Call, ended: boolean): Call['result'] {
  const n = c.counts;
  const codes = [c.callErrorCode, c.exitCode].filter((x): x is number => x !== undefined && isError(x));
  if (n && (n.failed ?? 0) > 0) return 'failed';
  if (codes.some((x) => x !== CALL_CANCELLED)) return 'failed';
  if ((n && (n.cancelled ?? 0) > 0) || codes.includes(CALL_CANCELLED)) return 'cancelled';
  if (n || c.exitCode !== undefined || c.callErrorCode !== undefined) return 'succeeded';
  // An END without a stated result: a search that ended is a success; other calls stay unknown.
  return ended && c.kind === 'search' ? 'succeeded' : 'unknown';
}

function decidingCallCode(c: Call): number {
  if (c.callErrorCode !== undefined && isError(c.callErrorCode)) return c.callErrorCode;
  if (c.exitCode !== undefined && isError(c.exitCode)) return c.exitCode;
  return 0x80240022; // WU_E_ALL_UPDATES_FAILED: the call counted failed items without a code
}

function sameCounts(a: CallCounts | undefined, b: CallCounts): boolean {
  return !!a && a.succeeded === b.succeeded && a.failed === b.failed && a.cancelled === b.cancelled &&
    a.succeededWithErrors === b.succeededWithErrors && a.unaccounted === b.unaccounted;
}

/** Adds a copy of `v` (see `own`) when the list has room and does not hold it yet. */
function addCapped(list: string[], v: string, cap: number): void {
  if (list.length < cap && !list.includes(v)) list.push(own(v));
}

function codeInText(msg: string): number | undefined {
  const m = /0x([0-9A-Fa-f]{8})\b/.exec(head(msg)) ?? /(?:error|hr|result)\s*(?:=|:)?\s*([89Cc][0-9A-Fa-f]{7})\b/i.exec(head(msg));
  if (!m) return undefined;
  const v = hex(m[1]);
  return isError(v) ? v : undefined;
}
