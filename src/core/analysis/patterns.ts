// Recognisers for the few kinds of lines that state calls and outcomes. Each takes one
// record message and returns plain data or undefined. Regexes are anchored or bounded
// (no nested quantifiers) and only look at the first MAX_SCAN characters of a message,
// so a 1 MB line costs nothing.
import type { CallKind, CallCounts } from './types';
import { anyOf } from '../text/regexp';

export const MAX_SCAN = 2000;

export function head(message: string): string {
  return message.length > MAX_SCAN ? message.slice(0, MAX_SCAN) : message;
}

export function hex(text: string): number {
  return parseInt(text, 16) >>> 0;
}

/** Severity bit set: an error HRESULT. 0 and 0x0024xxxx informational codes are not errors. */
export function isError(code: number): boolean {
  return (code & 0x80000000) !== 0;
}

/** WU_E_CALL_CANCELLED: the caller (often Windows Defender or a driver check) gave up. */
export const CALL_CANCELLED = 0x8024000b;
/** WU_E_ALL_UPDATES_FAILED / WU_E_UH_*: generic call-level codes that point to per-update results. */
export const GENERIC_CALL_CODES = new Set([0x80240022, 0x80240021]);

export interface Bracket {
  edge: 'start' | 'end';
  /** Normalised operation key used to pair START and END ("search", "federated search", "finding updates" ...). */
  op: string;
  label: string;
  kind: CallKind | 'skip';
  client?: string;
  /** `Exit code = 0x...` on the END line (agent). */
  exitCode?: number;
  /** Closes a federated call ("All federated installs have completed"). */
  federatedEnd?: boolean;
}

const WU10_BRACKET = /^\*\s?(START|END)\s?\*\s+(.*)$/;
const WU7_BRACKET = /^(?:\*\*|--|##)\s*(START|END)\s*(?:\*\*|--|##)\s+(\w+):\s*(.*)$/;
const CLIENT = /(?:ClientId|CallerId)\s*=\s*([^,\]()]*?)\s*(?:,|\]|\(|\s\sId\s=|$)/;
const EXIT_CODE = /Exit code = 0x([0-9A-Fa-f]{1,8})/;
const FED_END = /^All federated (search|download|install|uninstall)\w* have completed/i;

const kinds = new Map<string, CallKind | 'skip'>();

/** `kindOf`, remembered per operation name (a log uses a few dozen). */
function cachedKindOf(op: string): CallKind | 'skip' {
  let k = kinds.get(op);
  if (k === undefined) {
    k = kindOf(op);
    if (kinds.size < 500) kinds.set(op, k);
  }
  return k;
}

export function kindOf(op: string): CallKind | 'skip' {
  const o = op.toLowerCase();
  if (/^(queueing|service |begin downloading|download call complete|cbs\s)/.test(o)) return 'skip';
  if (o === 'service startup' || o === 'service exit') return 'skip';
  if (/uninstall/.test(o)) return 'uninstall';
  if (/search|finding updates|discovery|detect/.test(o)) return 'search';
  if (/download/.test(o)) return 'download';
  if (/install|deploy/.test(o)) return 'install';
  return 'other';
}

const OP_STOPS = [' ClientId', ' CallerId', '[', '(', ','];

/** Operation name: the words before ClientId/CallerId/[ or '(' , normalised. */
function opName(rest: string): string {
  // The name is cut at 80 characters: a stop that starts later changes nothing, so only the head
  // (80 characters and the longest stop) is searched.
  const r = rest.length > 90 ? rest.slice(0, 90) : rest;
  let end = r.length;
  for (const stop of OP_STOPS) {
    const i = r.indexOf(stop);
    if (i >= 0 && i < end) end = i;
  }
  let op = r.slice(0, Math.min(end, 80)).trim().toLowerCase().replace(/\s+/g, ' ');
  if (op.startsWith('sls ')) op = op.slice(4);
  if (op.startsWith('execution of deploy call id')) op = 'deploy call';
  return op;
}

export function parseBracket(message: string): Bracket | undefined {
  const c0 = message.charCodeAt(0);
  if (message.length < 8 || (c0 !== 42 && c0 !== 45 && c0 !== 35)) return undefined;
  // START/END sits in the first few characters: `* START *`, `**  END  **`, `-- START --`.
  const lead = message.slice(0, 14);
  if (lead.indexOf('START') < 0 && lead.indexOf('END') < 0) return undefined;
  const m = head(message);
  let edge: 'start' | 'end';
  let rest: string;
  const a = WU10_BRACKET.exec(m);
  if (a) {
    edge = a[1] === 'START' ? 'start' : 'end';
    rest = a[2].trim();
  } else {
    const b = WU7_BRACKET.exec(m);
    if (!b) return undefined;
    edge = b[1] === 'START' ? 'start' : 'end';
    rest = b[3].trim();
    if (b[2].toLowerCase() === 'service') return { edge, op: 'service', label: rest, kind: 'skip' };
  }
  // Literal gates: each regex below needs its leading words in the text.
  const c0r = rest.charCodeAt(0);
  const fed = c0r === 65 || c0r === 97 ? FED_END.exec(rest) : null;
  const client = rest.indexOf('lientId') >= 0 || rest.indexOf('allerId') >= 0 ? CLIENT.exec(rest)?.[1]?.trim() || undefined : undefined;
  const exit = rest.indexOf('Exit code = 0x') >= 0 ? EXIT_CODE.exec(rest) : null;
  if (fed) {
    return { edge, op: `federated ${fed[1].toLowerCase()}`, label: rest, kind: kindOf(fed[1]), client, federatedEnd: true };
  }
  const op = opName(rest);
  const kind = cachedKindOf(op);
  return { edge, op, label: rest.slice(0, 120), kind, client, exitCode: exit ? hex(exit[1]) : undefined };
}

const COUNTS = /^(Search|Download|Install|Uninstall)?\s*call complete \(succeeded = (\d+), succeeded with errors = (\d+), failed = (\d+), cancelled = (\d+), unaccounted = (\d+)/i;

export function parseCounts(message: string): { op?: string; counts: CallCounts } | undefined {
  if (message.indexOf('call complete (') < 0) return undefined;
  const m = COUNTS.exec(head(message).trimStart());
  if (!m) return undefined;
  return {
    op: m[1]?.toLowerCase(),
    counts: { succeeded: +m[2], succeededWithErrors: +m[3], failed: +m[4], cancelled: +m[5], unaccounted: +m[6] },
  };
}

const CALL_ERROR = /Call error code = 0x([0-9A-Fa-f]{1,8})/;

/** `ClientId = X: Exit code = 0x0; Call error code = 0x80240022`, `Call error code = ...`, `* WARNING: Exit code = 0x...`. */
export function parseCallResult(message: string): { exitCode?: number; callError?: number; client?: string } | undefined {
  if (message.indexOf('code = 0x') < 0) return undefined;
  const m = head(message);
  const ce = CALL_ERROR.exec(m);
  const ex = EXIT_CODE.exec(m);
  if (!ce && !ex) return undefined;
  // Service exit codes (0x240001) and deployment-job ends are not call results.
  if (/Service exit|Ending deployment|\* END \*|\*\*\s*END/.test(m)) return undefined;
  const cl = /^\s*ClientId = ([^:]{1,80}):/.exec(m);
  return { exitCode: ex ? hex(ex[1]) : undefined, callError: ce ? hex(ce[1]) : undefined, client: cl?.[1]?.trim() };
}

export interface UpdateResultLine {
  kind: 'logHistory' | 'installComplete' | 'installResult' | 'returnCode' | 'downloadResult' | 'downloadError' | 'reportEvent';
  operation: string;
  code: number;
  unmapped?: number;
  updateId?: string;
  revision?: number;
  caller?: string;
  eventTime?: number;
}

const GUID = '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}';
const LOG_HISTORY = new RegExp(`idUpdate=\\{?(${GUID})\\}?\\.(\\d+)(?:, operation = (\\w+))?, resultMapped=([0-9A-Fa-f]{1,8}), resultUnMapped=([0-9A-Fa-f]{1,8})`);
const LH_CALLER = /Caller=([^,]{1,80}),/;
const INSTALL_COMPLETE = new RegExp(`Install complete for update ID: \\{?(${GUID})\\}?\\.(\\d+) Return code is 0x([0-9A-Fa-f]{1,8})`);
const CMD_RETURN = /(?:install|uninstall) completed\. Return code = 0x([0-9A-Fa-f]{1,8})/i;
const CBS_HANDLER_DONE = /Completed (install|uninstall) of CBS update .*?hr=0x([0-9A-Fa-f]{1,8})/;
const BITS_FAILED = new RegExp(`job \\{?${GUID}\\}? failed, updateId = \\{?(${GUID})\\}?\\.(\\d+), hr = 0x([0-9A-Fa-f]{1,8})`);
const DL_ERROR = new RegExp(`^\\*FAILED\\* \\[([0-9A-Fa-f]{8})\\] Error occurred while downloading update \\{?(${GUID})\\}?\\.(\\d+)`);
const INSTALL_RESULT = new RegExp(`Update ID = \\{?(${GUID})\\}?\\.(\\d+).{0,80}Update installation result = 0x([0-9A-Fa-f]{1,8})`);

/**
 * Every per-update result line holds one of these phrases: one scan (RESULT_HINT) rules out the
 * rest, and the gate's light lines have none.
 */
export const RESULT_WORDS = [
  'LogHistory called', 'Install complete for update ID', 'Return code = 0x', 'of CBS update', 'failed, updateId = ',
  'Error occurred while downloading', 'Update installation result = 0x',
];
const RESULT_HINT = anyOf(RESULT_WORDS);

export function parseUpdateResult(message: string): UpdateResultLine | undefined {
  const m = head(message);
  if (!RESULT_HINT.test(m)) return undefined;
  if (m.indexOf('LogHistory called') >= 0) {
    const r = LOG_HISTORY.exec(m);
    if (!r) return undefined;
    return {
      kind: 'logHistory', updateId: r[1].toUpperCase(), revision: +r[2], operation: (r[3] ?? 'install').toLowerCase(),
      code: hex(r[4]), unmapped: hex(r[5]), caller: LH_CALLER.exec(m)?.[1]?.trim(),
    };
  }
  if (m.indexOf('Install complete for update ID') >= 0) {
    const r = INSTALL_COMPLETE.exec(m);
    if (r) return { kind: 'installComplete', updateId: r[1].toUpperCase(), revision: +r[2], operation: 'install', code: hex(r[3]) };
  }
  if (m.indexOf('Return code = 0x') >= 0) {
    const r = CMD_RETURN.exec(m);
    if (r) return { kind: 'returnCode', operation: /uninstall/i.test(m) ? 'uninstall' : 'install', code: hex(r[1]) };
  }
  if (m.indexOf('of CBS update') >= 0) {
    const r = CBS_HANDLER_DONE.exec(m);
    if (r) return { kind: 'returnCode', operation: r[1], code: hex(r[2]) };
  }
  if (m.indexOf('failed, updateId = ') >= 0) {
    const r = BITS_FAILED.exec(m);
    if (r) return { kind: 'downloadResult', updateId: r[1].toUpperCase(), revision: +r[2], operation: 'download', code: hex(r[3]) };
  }
  if (m.startsWith('*FAILED*') && m.indexOf('Error occurred while downloading') >= 0) {
    const r = DL_ERROR.exec(m);
    if (r) return { kind: 'downloadError', updateId: r[2].toUpperCase(), revision: +r[3], operation: 'download', code: hex(r[1]) };
  }
  if (m.indexOf('Update installation result = 0x') >= 0) {
    const r = INSTALL_RESULT.exec(m);
    if (r) return { kind: 'installResult', updateId: r[1].toUpperCase(), revision: +r[2], operation: 'install', code: hex(r[3]) };
  }
  return undefined;
}

/** Windows 7 `REPORT EVENT: {guid}\ttime\t1\t148\t101\t{update}\trev\tcode\tcaller\tFailure\tcategory\ttext`. */
export interface ReportEventLine {
  eventId: number;
  /** When the event happened (the inner timestamp, read as UTC like every log time). */
  eventTime?: number;
  updateId?: string;
  revision?: number;
  code: number;
  caller: string;
  failure: boolean;
  category: string;
  text: string;
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

export function parseReportEvent(message: string): ReportEventLine | undefined {
  if (!message.startsWith('REPORT EVENT:')) return undefined;
  // {event}\ttime\t1\tid\t101\t{update}\trevision\tcode\tcaller\tSuccess|Failure\tcategory\ttext
  const f = head(message).slice(13).trim().split('\t');
  if (f.length < 11) return undefined;
  const id = /^\{?([0-9A-Fa-f-]{36})\}?$/.exec(f[5] ?? '')?.[1]?.toUpperCase();
  const code = /^[0-9A-Fa-f]{1,8}$/.test(f[7] ?? '') ? hex(f[7]) : 0;
  const t = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})[:.](\d{3})/.exec(f[1] ?? '');
  return {
    eventTime: t ? Date.UTC(+t[1], +t[2] - 1, +t[3], +t[4], +t[5], +t[6], +t[7]) : undefined,
    eventId: parseInt(f[3], 10) || 0,
    updateId: id && id !== ZERO_GUID ? id : undefined,
    revision: parseInt(f[6], 10) || undefined,
    code,
    caller: f[8] ?? '',
    failure: (f[9] ?? '').toLowerCase() === 'failure',
    category: f[10] ?? '',
    text: f.slice(11).join(' ').slice(0, 300),
  };
}

/** Operation of a ReportingEvents/REPORT EVENT category. */
export function operationOfCategory(category: string, text: string): string {
  const c = `${category} ${text.slice(0, 80)}`.toLowerCase();
  if (/sync|detect|search/.test(c)) return 'search';
  if (/download/.test(c)) return 'download';
  if (/uninstall/.test(c)) return 'uninstall';
  if (/install|commit/.test(c)) return 'install';
  return 'unknown';
}

/** Title of an update as logged (`Title=... , ProductName=`, `Title = ...`, `Deserialized installable update T, UpdateID =`). */
export function parseTitle(message: string): string | undefined {
  const m = head(message);
  let r = /^Title=(.{1,300}?), ProductName=/.exec(m);
  if (r) return r[1].trim();
  r = /^\s*\*?\s*Title = (.{1,300})$/.exec(m);
  if (r) return r[1].trim();
  r = /^Deserialized installable update (.{1,300}), UpdateID = /.exec(m);
  if (r) return r[1].trim();
  return undefined;
}

export function kbOfTitle(title: string): string | undefined {
  return /[(（]KB(\d{5,8})[)）]|\bKB(\d{6,8})\b/i.exec(title)?.slice(1).find(Boolean);
}

export const FAILED_MARKER = /^\*FAILED\*\s*\[([0-9A-Fa-f]{8})\]/;
export const WU7_WARNING = /^\s*(?:[*#+:-]\s*)?(?:WARNING|FATAL):/;
export const HRESULT_TAG = /\[HRESULT = 0x([0-9A-Fa-f]{8}) - ([^\]]{1,80})\]/;
