// Texts and line choices of the Problems panel, as plain data: no `vscode` import, so the
// wording is unit-tested. The VS Code layer passes a `Translate` that localises the English keys.
import type { Analysis, Call, CallKind, Failure, NoiseLine } from '../core/analysis/types';
import type { Span, UnreadableReason } from '../core/model/types';
import { explainCode, formatCode } from '../core/errors';
import { findCodes } from '../core/tokens';
import type { Lang } from '../core/lang';
import { formatPlaceholders, type Translate } from '../settings/placeholders';

export { formatPlaceholders, type Translate };

/** Log text shown in a one-line message: no line breaks, bounded length. */
function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

type OperationKey = 'install' | 'uninstall' | 'download' | 'search' | 'commit' | 'other';

/** The operation a failure concerns: as logged when known, else from its phase. */
export function operationOf(f: Pick<Failure, 'operation' | 'phase'>): OperationKey {
  const op = (f.operation ?? '').toLowerCase();
  if (op.includes('uninstall')) return 'uninstall';
  if (op.includes('install')) return 'install';
  if (op.includes('download')) return 'download';
  if (/search|scan|detect|finding/.test(op)) return 'search';
  if (op.includes('commit')) return 'commit';
  switch (f.phase) {
    case 'install': return 'install';
    case 'download': return 'download';
    case 'scan': return 'search';
    case 'commit': return 'commit';
    default: return 'other';
  }
}

/** The failure sentence per operation, with and without a known update (full sentences: word order differs by language). */
function failedSentence(op: OperationKey, update: string | undefined, code: string, t: Translate): string {
  if (update) {
    switch (op) {
      case 'install': return t('Install failed for {0}: {1}', update, code);
      case 'uninstall': return t('Uninstall failed for {0}: {1}', update, code);
      case 'download': return t('Download failed for {0}: {1}', update, code);
      case 'search': return t('Search failed for {0}: {1}', update, code);
      case 'commit': return t('Commit after reboot failed for {0}: {1}', update, code);
      default: return t('Update operation failed for {0}: {1}', update, code);
    }
  }
  switch (op) {
    case 'install': return t('Install failed: {0}', code);
    case 'uninstall': return t('Uninstall failed: {0}', code);
    case 'download': return t('Download failed: {0}', code);
    case 'search': return t('Search failed: {0}', code);
    case 'commit': return t('Commit after reboot failed: {0}', code);
    default: return t('Update operation failed: {0}', code);
  }
}

/** "install call", "download call" ... used inside sentences. */
function callPhrase(kind: CallKind | string, t: Translate): string {
  switch (kind) {
    case 'install': return t('install call');
    case 'uninstall': return t('uninstall call');
    case 'download': return t('download call');
    case 'search': return t('search call');
    case 'agent': return t('agent call');
    default: return t('update call');
  }
}

/** "Title (KB…)", "KB…" or "{GUID}.rev": what a failure is about, or undefined when unknown. */
export function updateLabel(f: Pick<Failure, 'title' | 'kb' | 'updateId' | 'revision'>): string | undefined {
  const title = f.title ? oneLine(f.title) : undefined;
  if (title) return f.kb && !title.toUpperCase().includes(`KB${f.kb}`) ? `${title} (KB${f.kb})` : title;
  if (f.kb) return `KB${f.kb}`;
  if (f.updateId) return f.revision !== undefined ? `${f.updateId}.${f.revision}` : f.updateId;
  return undefined;
}

/** `0x800F0988 PSFX_E_INVALID_DELTA_COMBINATION — <meaning>`, in `lang`. */
export function codeDescription(value: number, lang: Lang, loggedName?: string): string {
  const ex = explainCode(value, lang, { loggedName });
  const name = ex.name ?? loggedName;
  const summary = oneLine(ex.text.summary, 300);
  const head = name ? `${ex.code} ${name}` : ex.code;
  return summary ? `${head} — ${summary}` : head;
}

/** The Error message of a deciding failure. */
export function failureMessage(f: Failure, lang: Lang, t: Translate): string {
  let text = failedSentence(operationOf(f), updateLabel(f), codeDescription(f.code, lang, f.loggedName), t);
  if (f.occurrences !== undefined && f.occurrences > 1) text += ' ' + t('(seen {0} times)', f.occurrences);
  // Logs are history: say whether this is still the customer's problem.
  text += ' ' + (f.recovered ? t('Recovered later: the same update or operation succeeded at line {0}.', f.recovered.line + 1) : t('Still failing at the end of the log.'));
  return text;
}

/** A line of the evidence chain, with its label, for relatedInformation. */
export interface RelatedLine {
  line: number;
  label: string;
}

/** Priority when several roles fall on one line: the lower wins. */
const ROLE_ORDER = ['outcome', 'rootCause', 'callStart', 'cbsSession', 'callResult', 'repeat', 'evidence'] as const;
type Role = (typeof ROLE_ORDER)[number];

/** Most related lines per failure; the chain is already capped by the core, this bounds repeats. */
const MAX_RELATED = 24;

/**
 * The chain of a failure inside file `file` of the analysis (the document): call start, root cause,
 * other evidence, the call's result line, the CBS session start, earlier repeats, and the outcome.
 * Sorted by line; each line once, labelled by its most telling role.
 */
export function relatedLines(f: Failure, analysis: Analysis, t: Translate, file = 0): RelatedLine[] {
  const roles = new Map<number, { role: Role; label: string }>();
  const put = (line: number | undefined, role: Role, label: () => string): void => {
    if (line === undefined) return;
    const had = roles.get(line);
    if (had && ROLE_ORDER.indexOf(had.role) <= ROLE_ORDER.indexOf(role)) return;
    roles.set(line, { role, label: label() });
  };
  const call: Call | undefined = f.callKey ? analysis.calls.find((c) => c.key === f.callKey) : undefined;
  if (f.at.file === file) put(f.at.line, 'outcome', () => t('outcome'));
  if (f.rootCause?.file === file) put(f.rootCause.line, 'rootCause', () => t('root cause'));
  const callStart = call && call.file === file
    ? { line: call.startLine, kind: call.kind as string, client: call.client }
    : startFromEvidence(f, file);
  if (callStart) {
    const call = callPhrase(callStart.kind, t);
    put(callStart.line, 'callStart', () => callStart.client
      ? t('{0} started ({1})', call, oneLine(callStart.client, 80))
      : t('{0} started', call));
  }
  for (const key of f.cbsSessionKeys) {
    const s = analysis.cbsSessions.find((x) => x.key === key);
    if (!s || s.file !== file) continue;
    put(s.startLine, 'cbsSession', () => s.client
      ? t('CBS session {0} started ({1})', s.id, oneLine(s.client, 80))
      : t('CBS session {0} started', s.id));
  }
  if (call && call.file === file && call.resultLine !== undefined) put(call.resultLine, 'callResult', () => t('call result'));
  for (const r of f.repeats ?? []) if (r.file === file) put(r.line, 'repeat', () => t('earlier occurrence of the same failure'));
  for (const e of f.evidence) if (e.file === file) put(e.line, 'evidence', () => t('evidence'));
  const out = [...roles.entries()].map(([line, v]) => ({ line, label: v.label, role: v.role }));
  out.sort((a, b) => a.line - b.line);
  if (out.length > MAX_RELATED) {
    // Keep the named roles, drop the surplus plain evidence/repeats first.
    const keep = out.filter((r) => r.role !== 'evidence' && r.role !== 'repeat');
    const rest = out.filter((r) => r.role === 'evidence' || r.role === 'repeat');
    return keep.concat(rest.slice(0, Math.max(0, MAX_RELATED - keep.length)))
      .sort((a, b) => a.line - b.line).map(({ line, label }) => ({ line, label }));
  }
  return out.map(({ line, label }) => ({ line, label }));
}

function startFromEvidence(f: Failure, file: number): { line: number; kind: string; client?: string } | undefined {
  const ev = f.phaseEvidence.find((p) => p.fact === 'callStart' && p.at?.file === file);
  return ev?.at ? { line: ev.at.line, kind: ev.callKind ?? 'other', client: ev.client } : undefined;
}

/** A noise reason in the UI language, by the core's stable key; undefined for a key this layer does not know. */
function sayReason(n: Pick<NoiseLine, 'reasonKey' | 'reasonArgs'>, t: Translate): string | undefined {
  const a = n.reasonArgs ?? {};
  const line = a.callLine !== undefined ? a.callLine + 1 : '?';
  switch (n.reasonKey) {
    case 'evidenceChain': return t('part of the evidence chain of a failure');
    case 'inFailedCall': return t('logged inside the failed {0} (line {1})', callPhrase(a.callKind ?? 'other', t), line);
    case 'callSucceeded': return t('the {0} it belongs to (line {1}) later succeeded', callPhrase(a.callKind ?? 'other', t), line);
    case 'lookup': return t('a lookup of something absent (not found, not registered, no data); not tied to a failed outcome');
    case 'callCancelled': return t('its call was cancelled by its client ({0})', clientName(a.client, t));
    case 'cancelledCall': return t('{0} cancelled by its client ({1}): not an update failure', callPhrase(a.callKind ?? 'other', t), clientName(a.client, t));
    case 'untied': return t('not tied to any failed outcome');
    default: return undefined;
  }
}

function clientName(logged: string | undefined, t: Translate): string {
  return logged === undefined || logged === '' ? t('unknown client') : oneLine(logged, 80);
}

/** Said when the core gives a reason this layer does not know yet (by kind, so still localised). */
function kindReason(kind: NoiseLine['kind'], t: Translate): string {
  switch (kind) {
    case 'evidence': return t('part of the evidence of a failure');
    case 'benign': return t('judged harmless');
    case 'transient': return t('retried or succeeded later');
    default: return t('not tied to any failed outcome');
  }
}

/** The noise reason in the UI language; `known` is false when it fell back to the kind. */
export function noiseReason(n: Pick<NoiseLine, 'kind' | 'reasonKey' | 'reasonArgs'>, t: Translate): { text: string; known: boolean } {
  const text = sayReason(n, t);
  return text !== undefined ? { text, known: true } : { text: kindReason(n.kind, t), known: false };
}

/** Message of an intermediate failure line. */
export function noiseMessage(n: NoiseLine, t: Translate): string {
  const reason = noiseReason(n, t).text;
  return n.code !== undefined
    ? t('Intermediate failure {0}, not the outcome: {1}', formatCode(n.code), reason)
    : t('Intermediate failure, not the outcome: {0}', reason);
}

/** What to tell about a file that cannot be read as a log; undefined when nothing needs saying. */
export function unreadableMessage(reason: UnreadableReason | undefined, t: Translate): { text: string; warning: boolean } | undefined {
  switch (reason) {
    case 'etl':
      return {
        warning: true,
        text: t('This is a binary ETL trace, not text. Run Get-WindowsUpdateLog in PowerShell on a Windows machine to turn the WindowsUpdate*.etl files into a readable WindowsUpdate.log, then open that file.'),
      };
    case 'undecoded':
      return {
        warning: true,
        text: t('This WindowsUpdate.log was decoded without the right symbols (1600/12/31 dates, "No Format Information found"), so it holds no readable messages. Run Get-WindowsUpdateLog again on a machine with the same Windows build as the source machine (symbols must be available to it), then open the new file.'),
      };
    case 'binary':
      return {
        warning: true,
        text: t('This file is not text. Open the text log itself (WindowsUpdate.log from Get-WindowsUpdateLog, CBS.log, DISM.log, ReportingEvents.log); extract archives and decode ETL traces first.'),
      };
    case 'unknownFormat':
      return {
        warning: false,
        text: t('WU Log Lens does not recognise this text as a Windows servicing log, so it reports no failures for it.'),
      };
    default:
      return undefined;
  }
}

/**
 * Where to put a diagnostic on `lineText`: the span of `code` when the line writes it, else the
 * first place `snippet` (the message part, maybe truncated) occurs, else the line without its indent.
 */
export function spanFor(lineText: string, code: number | undefined, snippet?: string): Span {
  if (code !== undefined) {
    const hit = findCodes(lineText).find((c) => c.value === code);
    if (hit) return { start: hit.span.start, end: hit.span.end };
  }
  if (snippet) {
    const head = snippet.trim().slice(0, 60);
    const at = head ? lineText.indexOf(head) : -1;
    if (at >= 0) return { start: at, end: Math.min(lineText.length, at + snippet.trim().length) };
  }
  const start = lineText.length - lineText.trimStart().length;
  const end = lineText.trimEnd().length;
  return end > start ? { start, end } : { start: 0, end: lineText.length };
}
