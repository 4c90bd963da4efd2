// Internal accumulators of the analyzer (not part of the public contract).
import type { Call, CbsSession, ExtendedCode, FailureCause, LineRef, Phase, PhaseEvidence, UpdateResult } from './types';

/** Caps that keep memory bounded by outcomes, not by lines. */
export const LIMITS = {
  updates: 20_000,
  mentions: 20,
  results: 50_000,
  callUpdates: 50,
  /** Ordinary (succeeded/unknown) calls kept, newest first; failed and cancelled calls are always kept. */
  calls: 20_000,
  openCalls: 400,
  candidates: 20_000,
  errLines: 20_000,
  noiseOut: 2_000,
  /** Ordinary CBS sessions kept (newest); sessions with errors are always kept. */
  cbsSessions: 5_000,
  evidence: 12,
  repeats: 20,
};

export interface UpdateAcc {
  updateId: string;
  revision?: number;
  kb?: string;
  title?: string;
  /** The title as the log wrote it, when it was repaired (mojibake). */
  titleOriginal?: string;
  /** Lines that mention it, as flat (file, line) pairs: no object per mention while streaming. */
  mentions: number[];
  mentionCount: number;
  results: UpdateResult[];
  callKeys: string[];
  /** The top-level update this one is bundled in. */
  parentId?: string;
}

/** A `*FAILED*`, WARNING/FATAL or Error line with a code: evidence or noise. */
export interface ErrLine {
  file: number;
  line: number;
  time?: number;
  tid?: number;
  pid?: number;
  cv?: string;
  code?: number;
  component?: string;
  updateIds: string[];
  callKey?: string;
  /** The call it was logged in (its result is known once the call closes). */
  call?: Call;
  /** CBS session id, or a setup grouping key, for CBS/setup lines. */
  session?: string;
  /** Component and message head; built on demand from `msg` (see errText) until the line is kept. */
  text: string | undefined;
  /** The message, held only while the line sits in the short ring without its text. */
  msg?: string;
  /** In the kept list (`State.errLines`): the ring must not reuse it. */
  kept?: boolean;
}

/** An outcome line that says something failed, before chains are tied together. */
export interface Candidate {
  file: number;
  line: number;
  time?: number;
  timeText?: string;
  code: number;
  loggedName?: string;
  outcomeKind: string;
  operation?: string;
  phase: Phase;
  phaseEvidence: PhaseEvidence[];
  updateId?: string;
  revision?: number;
  kb?: string;
  callKey?: string;
  callLevel: boolean;
  callErrorCode?: number;
  callStartLine?: number;
  callEndLine?: number;
  evidence: LineRef[];
  rootCause?: LineRef;
  rootComponent?: string;
  component?: string;
  cbsSessionKey?: string;
  cbsSessionId?: string;
  /** Message text of evidence lines, keyed "file:line". */
  texts?: Record<string, string>;
  /** Inner time of a REPORT EVENT (when the reported outcome happened). */
  eventTime?: number;
  /** A LogHistory result: becomes "pending reboot" instead of a failure when its call succeeded. */
  pendingCandidate?: boolean;
  /** DISM: the run this outcome ends (`DismRun.key`). */
  dismRunKey?: string;
  /** The line inside the operation that explains it (DISM, CBS, setup). */
  cause?: FailureCause;
  /** Upgrade failures: the decoded extend code. */
  extended?: ExtendedCode;
  /** `low`: probably not a real failure (user cancel): goes to Analysis.lowConfidence. */
  confidence?: 'high' | 'low';
  /** The subject when there is no update: `dism RestoreHealth`, `upgrade 19045`, `sysprep` ... (for grouping and reports). */
  subject?: string;
}

export interface State {
  /** Ordinary calls (ring of the newest LIMITS.calls). */
  calls: Call[];
  /** Failed and cancelled calls: few, always kept (failures point to them). */
  keyCalls: Call[];
  updates: Map<string, UpdateAcc>;
  cbs: CbsSession[];
  candidates: Candidate[];
  errLines: ErrLine[];
  errOverflow: number;
  /** Error lines beyond the kept list, counted by the result of the call they were logged in. */
  overflowByResult: { succeeded: number; failed: number; cancelled: number };
  candidateOverflow: number;
  successes: { file: number; line: number; updateId?: string; operation: string }[];
  handlerSessions: { updateId: string; sessionId: string }[];
}

/**
 * A copy of `s` that does not keep its source line alive. Readers hand out slices of large
 * decoded chunks; a kept slice would pin the whole chunk, so memory would grow with the file.
 */
export function own(s: string): string;
export function own(s: string | undefined): string | undefined;
export function own(s: string | undefined): string | undefined {
  return s === undefined ? s : flatCopy(s);
}

/**
 * `own`, for values that repeat from call to call (components, clients, operations, labels, error
 * texts): one copy of each is shared. Not for values that are new each time (cVs, ids, times):
 * looking them up would cost more than it saves.
 */
export function shared(s: string): string;
export function shared(s: string | undefined): string | undefined;
export function shared(s: string | undefined): string | undefined {
  if (s === undefined || s.length > SHARE_MAX_LENGTH) return own(s);
  const hit = pool.get(s);
  if (hit !== undefined) return hit;
  if (pool.size >= SHARE_MAX_ENTRIES) pool.clear();
  const copy = flatCopy(s);
  pool.set(copy, copy);
  return copy;
}

const SHARE_MAX_LENGTH = 128;
const SHARE_MAX_ENTRIES = 20_000;
const pool = new Map<string, string>();

function flatCopy(s: string): string {
  // V8 copies strings under 13 characters when slicing. Joining two parts builds one flat
  // string (no sliced wrapper around a hidden copy, as `(' ' + s).slice(1)` would leave).
  return s.length < 13 ? s : [s.slice(0, 1), s.slice(1)].join('');
}
