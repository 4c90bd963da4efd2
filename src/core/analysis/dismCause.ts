// Why a DISM run failed, read from one line inside it: a stable kind (`FailureCause.kind`) from
// the line's words or its code. Also: which codes mean the user cancelled, and which cause codes
// say the payload could not be downloaded (the only DISM failures in the download phase).
import type { LogRecord } from '../model/types';
import type { FailureCause } from './types';
import { phaseOfCode } from './phase';
import { head, isError } from './patterns';

export type DismCauseKind = 'sourceMissing' | 'sourceRejected' | 'pendingReboot' | 'rpcFailure' | 'accessDenied' | 'storeCorrupt' | 'diskSpace' | 'other';

/** ERROR_CANCELLED (Ctrl+C, a closed window, a caller that gave up) and CBS_E_CANCEL. */
export const CANCEL_CODES = new Set([0x800704c7, 0x800f0820]);
/** E_FAIL: the code a failure gets when DISM logged none. */
export const E_FAIL = 0x80004005;
/** CBS_E_DOWNLOAD_FAILURE: the repair files could not be downloaded from Windows Update. */
const DOWNLOAD_FAILURE = 0x800f0906;

const CODE_KINDS = new Map<number, DismCauseKind>([
  // CBS_E_SOURCE_MISSING, _SOURCE_NOT_IN_LIST, _DOWNLOAD_FAILURE, _INVALID_WINDOWS_UPDATE_COUNT(_WSUS)
  [0x800f081f, 'sourceMissing'], [0x800f0824, 'sourceMissing'], [0x800f0906, 'sourceMissing'], [0x800f0950, 'sourceMissing'], [0x800f0954, 'sourceMissing'],
  // CBS_E_PENDING, _PENDING_VICTIM, _STACK_UPDATE_FAILED_REBOOT_REQUIRED, _EXCLUSIVE_WOULD_MERGE, ERROR_FAIL_REBOOT_REQUIRED
  [0x800f0806, 'pendingReboot'], [0x800f0826, 'pendingReboot'], [0x800f082a, 'pendingReboot'], [0x800f082f, 'pendingReboot'], [0x80070bc9, 'pendingReboot'],
  // RPC_E_SERVERFAULT, RPC_E_DISCONNECTED (RPC_S_* 0x800706BA-BF below)
  [0x80010105, 'rpcFailure'], [0x80010108, 'rpcFailure'],
  // E_ACCESSDENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: refused, or held by another process
  [0x80070005, 'accessDenied'], [0x80070020, 'accessDenied'], [0x80070021, 'accessDenied'],
  // CBS_E_STORE_CORRUPTION, _STORE_TOO_MUCH_CORRUPTION, ERROR_SXS_COMPONENT_STORE_CORRUPT, PSFX_E_MATCHING_*
  [0x800f0831, 'storeCorrupt'], [0x800f0832, 'storeCorrupt'], [0x80073712, 'storeCorrupt'],
  [0x800f0982, 'storeCorrupt'], [0x800f0983, 'storeCorrupt'], [0x800f0984, 'storeCorrupt'],
  // CBS_E_INSUFFICIENT_DISK_SPACE, ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
  [0x800f0828, 'diskSpace'], [0x80070027, 'diskSpace'], [0x80070070, 'diskSpace'],
]);

/** The kind a code names on its own (undefined: the code says nothing about the cause). */
export function kindOfCode(code: number | undefined): DismCauseKind | undefined {
  if (code === undefined) return undefined;
  const k = CODE_KINDS.get(code);
  if (k) return k;
  if (code >= 0x800f0946 && code <= 0x800f094f) return 'sourceMissing'; // CBS_E_SOURCE_MISSING_FROM_*
  if (code >= 0x800706ba && code <= 0x800706bf) return 'rpcFailure'; // RPC_S_SERVER_UNAVAILABLE, RPC_S_CALL_FAILED ...
  if (isDownloadCode(code)) return 'sourceMissing';
  return undefined;
}

/** A failed download of the payload from Windows Update (network, HTTP, BITS, DO codes). */
export function isDownloadCode(code: number | undefined): boolean {
  return code !== undefined && (code === DOWNLOAD_FAILURE || phaseOfCode(code, 'download') === 'download');
}

// Each regex is tried on the head of one message only; none has nested quantifiers.
const REJECTED = /AddSource\b.{0,80}?(?:fail|unsuccessful|invalid|reject|not )|(?:fail\w*|unable|could not|cannot) (?:to )?(?:add|mount|open|use|access|validate|read)\w* (?:the )?(?:\w+ )?source|\bsource\b.{0,60}?(?:is invalid|not valid|rejected|mismatch|does not match|not usable|unusable)|(?:invalid|wrong|incorrect) (?:image )?index/i;
const MISSING = /ResolveSource\b.{0,40}?(?:unsuccessful|fail)|source files could not be (?:found|downloaded)|CBS_E_SOURCE_MISSING|\bno (?:repair |usable )?source|(?:unable|could not|cannot|failed) to (?:find|locate|resolve) (?:a |the |any )?(?:repair )?source/i;
const PENDING = /\bpending\b|reboot (?:is )?required|restart (?:is )?required|requires a (?:reboot|restart)/i;
const RPC = /RPC server|remote procedure call|\bRPC_[SE]_/i;
const ACCESS = /access (?:is )?denied|E_ACCESSDENIED|sharing violation|ERROR_SHARING_VIOLATION/i;
const CORRUPT = /store corrupt|CBS_E_STORE_CORRUPTION|corrupt\w* (?:component )?store|not repairable/i;
const DISK = /disk (?:is )?full|not enough (?:disk )?space|insufficient (?:disk )?space|DISK_FULL|INSUFFICIENT_DISK_SPACE/i;
/** The DISM side of a CBS error (`Error in operation: ... (CBS HRESULT=0x800f081f) - CCbsConUIHandler::Error`), logged at Info. */
const CBS_ECHO = /CBS HRESULT=0x/;
/** The user or the caller stopped the run (not DismApi's own "ExecuteLoop: Cancel signaled"). */
const CANCEL_TEXT = /Ctrl\+C|CTRL_C_EVENT|cancel(?:l)?ed by (?:the )?user|user cancel/i;

/** First error code of a record (the reader already found them). */
export function errorCode(rec: LogRecord): number | undefined {
  for (const c of rec.codes) if (isError(c.value)) return c.value;
  return undefined;
}

export function isCancelText(message: string): boolean {
  return message.length > 0 && CANCEL_TEXT.test(head(message));
}

/**
 * The cause kind a line states, or undefined when the line cannot be a cause. Error lines are
 * judged by words, then code; Info/Warning lines only when they name a repair-source or pending
 * problem, or echo a CBS error, since servicing logs many harmless failures at those levels.
 */
export function causeKindOf(rec: LogRecord, code: number | undefined): DismCauseKind | undefined {
  const m = head(rec.message);
  const errLevel = rec.level === 'error' || rec.level === 'fatal';
  const byText = textKind(m, errLevel || code !== undefined);
  if (errLevel || CBS_ECHO.test(m)) return byText ?? kindOfCode(code) ?? 'other';
  if (byText === 'sourceRejected' || byText === 'sourceMissing') return byText;
  const k = kindOfCode(code);
  return k === 'sourceMissing' || k === 'pendingReboot' ? k : undefined;
}

function textKind(m: string, failing: boolean): DismCauseKind | undefined {
  if (REJECTED.test(m)) return 'sourceRejected';
  if (MISSING.test(m)) return 'sourceMissing';
  if (!failing) return undefined;
  if (PENDING.test(m)) return 'pendingReboot';
  if (RPC.test(m)) return 'rpcFailure';
  if (ACCESS.test(m)) return 'accessDenied';
  if (CORRUPT.test(m)) return 'storeCorrupt';
  if (DISK.test(m)) return 'diskSpace';
  return undefined;
}

/** A line inside a run that could explain its failure. */
export interface CauseLine {
  line: number;
  kind: DismCauseKind;
  code?: number;
  text: string;
  component?: string;
}

/** What a run remembered to choose its cause once its final code is known. */
export interface CauseFacts {
  file: number;
  startLine: number;
  endLine?: number;
  resultLine?: number;
  code?: number;
  sources?: string[];
  startText: string;
  resultText?: string;
  firstByKind: Map<DismCauseKind, CauseLine>;
  firstByCode: Map<number, CauseLine>;
}

/**
 * The cause of a failed run: the first line of the kind its final code names (a rejected
 * /Source explains a missing source best); for a code that names none (E_FAIL), the first line
 * of any known kind; else the first line with the final code; else the result line itself.
 */
export function chooseCause(run: CauseFacts): FailureCause & { component?: string } {
  const kind = kindOfCode(run.code);
  let pick: CauseLine | undefined;
  if (kind === 'sourceMissing' && run.sources?.length) pick = run.firstByKind.get('sourceRejected');
  if (!pick && kind) pick = run.firstByKind.get(kind);
  if (!pick && !kind) {
    for (const [k, c] of run.firstByKind) if (k !== 'other' && (!pick || c.line < pick.line)) pick = c;
  }
  if (!pick && run.code !== undefined) pick = run.firstByCode.get(run.code);
  // No code stated at all: the earliest line that logged one says most.
  if (!pick && run.code === undefined) for (const c of run.firstByCode.values()) if (!pick || c.line < pick.line) pick = c;
  const file = run.file;
  if (pick) return { at: { file, line: pick.line }, kind: pick.kind === 'other' && kind ? kind : pick.kind, code: pick.code ?? run.code, text: pick.text, component: pick.component };
  const line = run.resultLine ?? run.endLine ?? run.startLine;
  return { at: { file, line }, kind: kind ?? 'other', code: run.code, text: run.resultText ?? run.startText, component: 'DISM' };
}
