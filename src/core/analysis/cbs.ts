// CBS.log / CbsPersist (and CBS lines inside DISM and setup logs): sessions with their client,
// packages and KBs, errors inside them, the work done after a reboot (the commit phase), and the
// failure candidate of a session that failed.
import type { LogRecord } from '../model/types';
import type { CbsSession, Phase } from './types';
import { LIMITS, own } from './state';
import { HRESULT_TAG, head, hex, isError } from './patterns';
import { phaseOfCode } from './phase';
import type { Context, FileState } from './context';
import { addCapped, snippet } from './context';
import { errorLine, related } from './evidence';

/** Reboot processing starts (CBS writes it lower case or capitalised; poqexec runs the queued operations). */
const REBOOT_START = /Startup processing required|Doing (?:critical )?shutdown processing|startup processing lock|Starting (?:the )?(?:startup|shutdown) processing|Starting poqexec|Pending operations? (?:are|is) being processed|Executing pending operations/i;
const REBOOT_END = /Startup processing thread terminated|Startup Processing completes|startup processing completed?\b/i;
/** The KB number CBS gives every Feature on Demand: it names no package. */
export const FOD_KB = '777778';
/**
 * cbsRecord acts on a line (beyond moving the current session's end) only when it has an Error
 * or Fatal level or one of these words: session, reboot, package and KB phrases, an HRESULT (gate.ts).
 */
export const CBS_WORDS = [
  'Session: ', 'rocessing', 'ROCESSING', 'poqexec', 'ending operation', '[HRESULT = 0x', 'capabilities: ', 'Package_for_', 'Identifier: KB',
  // KB numbers (findKbs)
  'KB', 'kb',
];
const STEP_FAILED = /^Failed to (?:process single phase execution|perform operation|execute|install|uninstall|stage|commit|add package)/;

export function cbsRecord(ctx: Context, f: FileState, rec: LogRecord): void {
  const st = ctx.st;
  const msg = head(rec.message);
  // Cheap literal gates before each regex: this runs for every line of a CBS.log.
  const init = msg.startsWith('Session: ') ? /^Session: (\S+) initialized by client ([^,]{1,80})/.exec(msg) : null;
  if (init) {
    const s: CbsSession = {
      key: `${f.index}:${rec.line}`, file: f.index, id: own(init[1]), client: own(init[2].trim()), startLine: rec.line, startTime: rec.time,
      packages: [], kbs: [], errors: [],
    };
    st.cbs.push(s);
    if (st.cbs.length > ctx.cbsPruneAt) {
      // Keep every session a failure points to, and the newest others.
      const cut = st.cbs.length - LIMITS.cbsSessions;
      st.cbs = st.cbs.filter((x, i) => i >= cut || ctx.failedSessions.has(x.key));
      // Kept failed sessions can hold the list above the mark: prune again only after another
      // half-limit of sessions, or every new session would filter the whole list (quadratic).
      ctx.cbsPruneAt = Math.max(LIMITS.cbsSessions * 1.5, st.cbs.length + LIMITS.cbsSessions / 2);
    }
    f.cbsCurrent = s;
    f.cbsById.set(s.id, s);
    if (f.cbsById.size > 2000) f.cbsById.delete(f.cbsById.keys().next().value as string);
    return;
  }
  if (msg.indexOf('rocessing') >= 0 || msg.indexOf('ROCESSING') >= 0 || msg.indexOf('poqexec') >= 0 || msg.indexOf('ending operation') >= 0) {
    if (REBOOT_START.test(msg)) f.rebootProcessing = true;
    if (REBOOT_END.test(msg)) f.rebootProcessing = false;
  }

  const named = msg.indexOf('Session: ') >= 0 ? /Session: (\d+_\d+)/.exec(msg)?.[1] : undefined;
  const namedSession = named ? f.cbsById.get(named) : undefined;
  const session = namedSession || f.cbsCurrent;
  if (namedSession && msg.startsWith('Exec: Processing started')) f.cbsExec = namedSession;
  // Sessions initialised while another executes (WinMgmt queries) log applicability, not its errors.
  const errSession = namedSession || f.cbsExec || f.cbsCurrent;
  if (session) sessionFacts(f, session, rec, msg, named);
  const hr = msg.indexOf('[HRESULT = 0x') >= 0 ? HRESULT_TAG.exec(msg) : null;
  const code = hr ? hex(hr[1]) : undefined;
  const isErrLevel = rec.level === 'error' || rec.level === 'fatal';
  if (code !== undefined && isError(code) && errSession && (isErrLevel || msg.startsWith('Failed'))) {
    if (errSession.errors.length < 100) errSession.errors.push({ at: { file: f.index, line: rec.line }, code, name: own(hr?.[2]?.trim()), message: own(msg.slice(0, 200)) });
  }
  const outcome = code !== undefined && isError(code) && (
    (isErrLevel && STEP_FAILED.test(msg)) || /^Exec: Processing complete\./.test(msg) || /^(?:Asynchronous )?Session: \S+ finalized/.test(msg));
  if (outcome && code !== undefined) sessionFailure(ctx, f, rec, code, hr?.[2]?.trim(), errSession);
  if ((code !== undefined && isError(code) && msg.startsWith('Failed')) || isErrLevel) errorLine(ctx, f, rec, undefined, errSession?.id ?? '');
}

function sessionFacts(f: FileState, session: CbsSession, rec: LogRecord, msg: string, named: string | undefined): void {
  // Features on Demand all carry the placeholder KB777778: their package or capability names them.
  const fod = msg.indexOf('capabilities: ') >= 0 ? /capabilities: ([^\s,]{1,120})/.exec(msg) : msg.startsWith('Exec: Processing complete') ? /Package: ([^\s,]{1,160})/.exec(msg) : null;
  if (fod) addCapped(session.packages, fod[1], 20);
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

function sessionFailure(ctx: Context, f: FileState, rec: LogRecord, code: number, loggedName: string | undefined, s: CbsSession | undefined): void {
  const msg = rec.message;
  const sid = s?.id;
  const commit = f.rebootProcessing;
  const rel = related(f, rec.line, s?.startLine ?? rec.line - 2000, { session: sid ?? '', code, time: rec.time });
  // CBS never searches: a network-range code in CBS means it fetched a payload (FOD, repair source).
  const byCode = phaseOfCode(code, 'download');
  const phase: Phase = commit ? 'commit' : byCode === 'download' ? 'download' : 'install';
  const kb = /Identifier: KB(\d+)/.exec(msg)?.[1] ?? /Package_for_KB(\d+)/.exec(msg)?.[1] ?? s?.kbs[0];
  ctx.addCandidate({
    file: f.index, line: rec.line, time: rec.time, timeText: rec.timeText, code, loggedName, outcomeKind: 'cbsFailure',
    operation: commit ? 'commit' : phase === 'download' ? 'download' : 'install', phase,
    phaseEvidence: [{
      kind: commit ? 'cbsSession' : phase === 'download' ? 'codeRange' : 'component',
      detail: commit ? 'CBS work during startup/shutdown processing (after a reboot)'
        : phase === 'download' ? `CBS session ${sid ?? '?'} (${s?.client ?? 'unknown client'}) failed to fetch its payload (network-range code)`
          : `CBS session ${sid ?? '?'} (${s?.client ?? 'unknown client'})`,
      at: { file: f.index, line: rec.line },
      fact: commit ? 'cbsReboot' : phase === 'download' ? 'cbsPayload' : 'cbsSession', sessionId: sid, client: s?.client,
    }],
    kb, cbsSessionKey: s?.key, cbsSessionId: sid, callLevel: false,
    subject: ['cbs', s?.client, kb === FOD_KB ? s?.packages.find((p) => p.includes('-Package~')) ?? s?.packages[0] : undefined].filter(Boolean).join(' '),
    evidence: (s ? [{ file: f.index, line: s.startLine }] : []).concat(rel.lines, [{ file: f.index, line: rec.line }]),
    rootCause: rel.root, rootComponent: 'CBS',
  }, f, rel, { [`${f.index}:${rec.line}`]: snippet(rec), ...(s ? { [`${f.index}:${s.startLine}`]: `Session: ${s.id} initialized by client ${s.client ?? ''}` } : {}) });
}
