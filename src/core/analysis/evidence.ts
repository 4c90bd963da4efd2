// Error lines (`*FAILED*`, WARNING/FATAL, Error level with a code): each is kept briefly in a
// per-file ring so an outcome can cite the lines that led to it, and (capped) for the final
// evidence-or-noise classification.
import type { LogRecord } from '../model/types';
import type { Call, LineRef } from './types';
import type { ErrLine } from './state';
import { LIMITS, own, shared } from './state';
import { FAILED_MARKER, WU7_WARNING, hex, isError } from './patterns';
import type { Context, FileState } from './context';
import { codeInText } from './context';

const RING = 400;
/** Characters of an error line's message kept as its text. */
const TEXT_CHARS = 200;
/** Windows 7 error lines carry these words anywhere in the message (gate.ts). */
export const WU7_ERROR_WORDS = ['WARNING:', 'FATAL:'];
const NO_IDS: string[] = [];
const NEAR_MS = 5 * 60 * 1000;

export interface Related {
  lines: LineRef[];
  root?: LineRef;
  rootComponent?: string;
  texts: Record<string, string>;
}

export const NO_RELATED: Readonly<Related> = Object.freeze({ lines: [], texts: {} }) as Related;

/**
 * Records the line when it is an error line; `callOf` finds the open call of its thread (asked
 * only for an error line), `session` is its CBS/setup grouping key.
 */
export function errorLine(ctx: Context, f: FileState, rec: LogRecord, callOf: ((f: FileState, rec: LogRecord) => Call | undefined) | undefined, session?: string): void {
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
  const call = callOf?.(f, rec);
  const cv = rec.cvs[0]?.cv;
  let ids: string[] | undefined;
  for (const u of rec.updateIds) {
    if (u.revision === undefined) continue;
    (ids ??= []).push(u.id);
    if (ids.length === 2) break;
  }
  // A handler thread works on one update (`Starting install of CBS update X`): its error lines,
  // such as the handler's own exit code, are that update's evidence.
  if (!ids && rec.tid !== undefined && f.handlerUpdate.size) {
    const h = f.handlerUpdate.get(rec.tid);
    if (h) ids = [h];
  }
  // Strings are copied (own) into the ring: a slice of the line would keep the whole decoded
  // chunk alive as long as the entry stays, and so every chunk would outlive the young
  // generation and fill the old one. The text is built only when the line is kept or cited (most
  // ring entries never are). Once the kept list is full, the entry leaving the ring is refilled.
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
  e.cv = own(cv);
  e.code = code;
  e.component = shared(rec.component);
  e.updateIds = ids ? ids.map((x) => own(x)) : NO_IDS;
  e.callKey = call?.key;
  e.call = call;
  e.session = session;
  e.text = undefined;
  // The part errText reads.
  e.msg = shared(msg.slice(0, TEXT_CHARS));
  const st = ctx.st;
  if (st.errLines.length < LIMITS.errLines) {
    e.kept = true;
    e.text = shared(errText(e));
    st.errLines.push(e);
  } else if (call) (call as Call & { overflowErrors?: number }).overflowErrors = ((call as Call & { overflowErrors?: number }).overflowErrors ?? 0) + 1;
  else st.errOverflow++;
}

/** Related error lines before `line` (from `from`): same thread, cV, update, session or code. */
export function related(
  f: FileState, line: number, from: number,
  k: { tid?: number; pid?: number; cv?: string; code?: number; updateId?: string; session?: string; time?: number; inCall?: boolean },
): Related {
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

function blankErrLine(): ErrLine {
  return {
    file: 0, line: 0, time: undefined, tid: undefined, pid: undefined, cv: undefined, code: undefined, component: undefined,
    updateIds: NO_IDS, callKey: undefined, call: undefined, session: undefined, text: undefined, msg: undefined, kept: false,
  };
}

/** The text of an error line (component and the head of the message), built once. */
function errText(e: ErrLine): string {
  if (e.text === undefined) {
    const m = (e.msg ?? '').slice(0, TEXT_CHARS);
    e.text = e.component ? `${e.component} ${m}` : m;
    e.msg = undefined;
  }
  return e.text;
}
