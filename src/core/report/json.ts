// The JSON shape of `wulog summarize --json`: 1-based lines, codes as 0x + 8 upper-case hex.
import type { Analysis, Call, Failure, FailureCause } from '../analysis/types';
import type { LogFormat, TextEncoding } from '../model/types';
import type { Lang } from '../lang';
import { explainCode, formatCode } from '../errors';
import { phaseReason } from './reasons';
import { jsonBundleParts, type JsonBundle, type JsonChain } from './bundleJson';

export interface JsonFile {
  path: string;
  format: LogFormat;
  lines: number;
  encoding: TextEncoding;
  unreadable?: string;
  mojibake?: boolean;
  /** Decoded from ETL files: their names, the events decoded, what was not decoded and why. */
  decodedFromEtl?: { files: string[]; events: number; notes: string[] };
}

export interface JsonCall {
  kind: string;
  client: string | null;
  cv: string | null;
  startLine: number;
  endLine: number | null;
  result?: string;
}

export interface JsonFailure {
  file: string;
  line: number;
  time: string | null;
  phase: string;
  code: string;
  name: string | null;
  meaning: string;
  updateId: string | null;
  revision: number | null;
  kb: string | null;
  title: string | null;
  /** The title as the log wrote it, present only when `title` is its repair (mojibake). */
  titleOriginal?: string;
  /** The top-level update a bundled update belongs to. */
  parentUpdateId: string | null;
  call: JsonCall | null;
  evidence: number[];
  rootCauseLine: number | null;
  outcomeKind: string;
  occurrences: number;
  callErrorCode: string | null;
  /** `reason`: the evidence phrased in the report's language (Markdown code spans around log names). */
  phaseEvidence: { kind: string; detail: string; line: number | null; reason: string }[];
  cbsSessions: { file: string; id: string; startLine: number }[];
  /** Where the same update or operation later succeeded; null while it is still failing at the end of the logs. */
  recovered: { file: string; line: number } | null;
  /** What failed when no update did (`dism RestoreHealth`, `upgrade`, `cbs DISM Package Manager Provider` ...). */
  subject: string | null;
  /** Upgrade failures: the extend code (`0x30018`) with its phase and operation. */
  extended: { code: string; phase: string; operation: string | null } | null;
  cause: { line: number; kind: string; code: string | null } | null;
  /** DISM failures: the run (its command) this failure ended. */
  dismRun: { startLine: number; command: string } | null;
}

export interface JsonDismRun {
  file: string;
  startLine: number;
  endLine: number | null;
  command: string;
  verb: string | null;
  result: string;
  code: string | null;
  resultLine: number | null;
  cause: { line: number; kind: string; code: string | null } | null;
}

export interface JsonReport {
  files: JsonFile[];
  failures: JsonFailure[];
  updates: { updateId: string; revision: number | null; kb: string | null; title: string | null; titleOriginal?: string; outcome: string }[];
  pending: { file: string; line: number; updateId: string | null; kb: string | null; code: string }[];
  cancelledCalls: (JsonCall & { file: string; code: string | null })[];
  noise: Record<string, number>;
  /** Every DISM run, failed or not. */
  dismRuns: JsonDismRun[];
  storeHealth: { file: string; line: number; tool: string; operation: string; corruptionFound: boolean | null; repaired: boolean | null; items: string[] }[];
  /** Outcomes that are probably not failures (a user cancelling): same shape as failures. */
  lowConfidence: JsonFailure[];
  /** One chain per failed update across the logs (when more than one kind of log was read). */
  chains?: JsonChain[];
  /** What a bundle (zip, folder, several files) held and which log to ask for next. */
  bundle?: JsonBundle;
}

function jsonCall(c: Call | undefined): JsonCall | null {
  if (!c) return null;
  return { kind: c.kind, client: c.client ?? null, cv: c.cv ?? null, startLine: c.startLine + 1, endLine: c.endLine !== undefined ? c.endLine + 1 : null, result: c.result };
}

function isoTime(f: Failure): string | null {
  if (f.timeText) return f.timeText;
  return f.time !== undefined ? new Date(f.time).toISOString() : null;
}

export function toJsonReport(a: Analysis, lang: Lang = 'en'): JsonReport {
  const calls = new Map(a.calls.map((c) => [c.key, c] as const));
  const sessions = new Map(a.cbsSessions.map((s) => [s.key, s] as const));
  const path = (i: number): string => a.files[i]?.path ?? '';
  const runs = new Map((a.dismRuns ?? []).map((r) => [r.key, r] as const));
  return {
    files: a.files.map((f) => ({
      path: f.path, format: f.format, lines: f.lines, encoding: f.encoding,
      ...(f.unreadable ? { unreadable: f.unreadable } : {}), ...(f.mojibake ? { mojibake: true } : {}),
      ...(f.etl ? { decodedFromEtl: f.etl } : {}),
    })),
    failures: a.failures.map((f) => jsonFailure(f)),
    updates: a.updates.map((u) => ({
      updateId: u.updateId, revision: u.revision ?? null, kb: u.kb ?? null, title: u.title ?? null, ...(u.titleOriginal ? { titleOriginal: u.titleOriginal } : {}), outcome: u.outcome,
    })),
    pending: (a.pending ?? []).map((p) => ({ file: path(p.at.file), line: p.at.line + 1, updateId: p.updateId ?? null, kb: p.kb ?? null, code: formatCode(p.code) })),
    cancelledCalls: a.calls.filter((c) => c.result === 'cancelled').map((c) => ({
      ...(jsonCall(c) as JsonCall), file: path(c.file),
      code: c.callErrorCode !== undefined ? formatCode(c.callErrorCode) : c.exitCode !== undefined ? formatCode(c.exitCode) : null,
    })),
    noise: { ...(a.noiseCounts ?? { evidence: 0, benign: 0, transient: 0, other: 0 }) },
    dismRuns: (a.dismRuns ?? []).map((r) => ({
      file: path(r.file), startLine: r.startLine + 1, endLine: r.endLine !== undefined ? r.endLine + 1 : null, command: r.command, verb: r.verb ?? null,
      result: r.result, code: r.code !== undefined ? formatCode(r.code) : null, resultLine: r.resultLine !== undefined ? r.resultLine + 1 : null, cause: jsonCause(r.cause),
    })),
    storeHealth: (a.storeHealth ?? []).map((h) => ({
      file: path(h.file), line: h.at.line + 1, tool: h.tool, operation: h.operation, corruptionFound: h.corruptionFound ?? null, repaired: h.repaired ?? null, items: h.items,
    })),
    lowConfidence: (a.lowConfidence ?? []).map((f) => jsonFailure(f)),
    ...jsonBundleParts(a),
  };

  function jsonFailure(f: Failure): JsonFailure {
      const ex = explainCode(f.code, lang, { loggedName: f.loggedName });
      const run = f.dismRunKey ? runs.get(f.dismRunKey) : undefined;
      return {
        file: path(f.at.file),
        line: f.at.line + 1,
        time: isoTime(f),
        phase: f.phase,
        code: formatCode(f.code),
        name: ex.name,
        meaning: ex.text.summary,
        updateId: f.updateId ?? null,
        revision: f.revision ?? null,
        kb: f.kb ?? null,
        title: f.title ?? null,
        ...(f.titleOriginal ? { titleOriginal: f.titleOriginal } : {}),
        parentUpdateId: f.parentUpdateId ?? null,
        call: jsonCall(f.callKey ? calls.get(f.callKey) : undefined),
        evidence: f.evidence.filter((e) => e.file === f.at.file).map((e) => e.line + 1),
        rootCauseLine: f.rootCause && f.rootCause.file === f.at.file ? f.rootCause.line + 1 : null,
        outcomeKind: f.outcomeKind,
        occurrences: f.occurrences ?? 1,
        callErrorCode: f.callErrorCode !== undefined ? formatCode(f.callErrorCode) : null,
        phaseEvidence: f.phaseEvidence.map((p) => ({ kind: p.kind, detail: p.detail, line: p.at ? p.at.line + 1 : null, reason: phaseReason(p, lang, f.at.file, (i) => path(i).replace(/^.*[\\/]/, '')) })),
        cbsSessions: f.cbsSessionKeys.map((k) => sessions.get(k)).filter((s): s is NonNullable<typeof s> => !!s)
          .map((s) => ({ file: path(s.file), id: s.id, startLine: s.startLine + 1 })),
        recovered: f.recovered ? { file: path(f.recovered.file), line: f.recovered.line + 1 } : null,
        subject: f.subject ?? null,
        extended: f.extended ? { code: `0x${f.extended.code.toString(16).toUpperCase()}`, phase: f.extended.phaseName, operation: f.extended.operationName ?? null } : null,
        cause: jsonCause(f.cause),
        dismRun: run ? { startLine: run.startLine + 1, command: run.command } : null,
      };
  }
}

function jsonCause(c: FailureCause | undefined): JsonDismRun['cause'] {
  return c ? { line: c.at.line + 1, kind: c.kind, code: c.code !== undefined ? formatCode(c.code) : null } : null;
}
