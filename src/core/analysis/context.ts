// The model under construction, shared by the log-family modules (WU calls and updates, CBS,
// DISM, setup, ReportingEvents): per-file reading state, the accumulators of `State`, and the
// two writes every family makes (an update touched, an outcome candidate found).
import type { LogFormat, LogRecord } from '../model/types';
import type { Call, CallCounts, CbsSession, DismRun, StoreHealth } from './types';
import type { Candidate, ErrLine, State, UpdateAcc } from './state';
import { LIMITS, own, shared } from './state';
import { head, hex, isError } from './patterns';

/** A log-family module that reads the records of one file and reports at the end (dism.ts, setup.ts, storeHealth.ts). */
export interface Tracker<T> {
  push(rec: LogRecord): void;
  finish(): T;
}

/** What the reading of one file remembers between records. */
export interface FileState {
  index: number;
  path: string;
  format: LogFormat;
  /** Calls started and not ended, in start order (change it only through calls.ts: openCall, dropOpen). */
  open: Call[];
  /** Open calls per thread (threadKey): most lines name a thread with none, and need no look through `open`. */
  openPerThread: Map<number, number>;
  /** The open calls of each cV, in `open`'s order (an END looks its call up by cV; hundreds can be open). */
  openByCv: Map<string, Call[]>;
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
  /** Handler: the newest proof of the install phase per update (CBS progress, payload loaded). */
  handlerProof: Map<string, { line: number; fact: 'cbsProgress' | 'payloadLoaded' }>;
  /** DownloadManager / DO: the newest download job line per update. */
  downloadJob: Map<string, number>;
  /** Threads that were told the service or machine shuts down (`Sending shutdown notification to client`). */
  shutdownLine?: number;
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
  dism?: Tracker<{ runs: DismRun[]; candidates: Candidate[] }>;
  setup?: Tracker<{ candidates: Candidate[] }>;
  health?: Tracker<StoreHealth[]>;
}

export function newFileState(index: number, path: string, format: LogFormat): FileState {
  return {
    index, path, format, open: [], openPerThread: new Map(), openByCv: new Map(), recent: [], resultCallByTid: new Map(), ring: [], ringHead: 0, pendingTitle: new Map(),
    handlerUpdate: new Map(), handlerProof: new Map(), downloadJob: new Map(), cbsById: new Map(), rebootProcessing: false,
    lastLine: -1, pendingCounts: new Map(), lastUpdateOnTid: new Map(), bundleOnTid: new Map(),
  };
}

export class Context {
  /** CBS sessions that produced a failure candidate (never dropped from the model). */
  readonly failedSessions = new Set<string>();
  /** Prune `st.cbs` when it grows past this length (see cbs.ts). */
  cbsPruneAt = LIMITS.cbsSessions * 1.5;
  private lastUpdate: UpdateAcc | undefined;
  readonly st: State = {
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

  /** The accumulator of an update, created on first sight (undefined once the cap is reached). */
  update(id: string, revision?: number): UpdateAcc | undefined {
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

  addCandidate(c: Candidate, f: FileState, related?: { texts: Record<string, string> }, texts?: Record<string, string>): void {
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
}

/** Evidence text of a record: component and message, at most SNIPPET_CHARS characters. */
export const SNIPPET_CHARS = 240;
export function snippet(rec: LogRecord): string {
  const t = rec.component ? `${rec.component} ${rec.message}` : rec.message;
  return shared(t.length > SNIPPET_CHARS ? `${t.slice(0, SNIPPET_CHARS - 1)}…` : t);
}

/** Adds a copy of `v` (see `own`) when the list has room and does not hold it yet. */
export function addCapped(list: string[], v: string, cap: number): void {
  if (list.length < cap && !list.includes(v)) list.push(own(v));
}

/** An error code written in free text (`0x8007000D`, `error 80070005`, `hr=...`). */
export function codeInText(msg: string): number | undefined {
  const m = /0x([0-9A-Fa-f]{8})\b/.exec(head(msg)) ?? /(?:error|hr|result)\s*(?:=|:)?\s*([89Cc][0-9A-Fa-f]{7})\b/i.exec(head(msg));
  if (!m) return undefined;
  const v = hex(m[1]);
  return isError(v) ? v : undefined;
}
