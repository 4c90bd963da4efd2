// The JSON shape of `wulog summarize --json`: 1-based lines, codes as 0x + 8 upper-case hex.
import type { Analysis, Call, Failure } from '../analysis/types';
import type { LogFormat, TextEncoding } from '../model/types';
import type { Lang } from '../lang';
import { explainCode, formatCode } from '../errors';
import { phaseReason } from './reasons';

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
}

export interface JsonReport {
  files: JsonFile[];
  failures: JsonFailure[];
  updates: { updateId: string; revision: number | null; kb: string | null; title: string | null; outcome: string }[];
  pending: { file: string; line: number; updateId: string | null; kb: string | null; code: string }[];
  cancelledCalls: (JsonCall & { file: string; code: string | null })[];
  noise: Record<string, number>;
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
  return {
    files: a.files.map((f) => ({
      path: f.path, format: f.format, lines: f.lines, encoding: f.encoding,
      ...(f.unreadable ? { unreadable: f.unreadable } : {}), ...(f.mojibake ? { mojibake: true } : {}),
      ...(f.etl ? { decodedFromEtl: f.etl } : {}),
    })),
    failures: a.failures.map((f) => {
      const ex = explainCode(f.code, lang, { loggedName: f.loggedName });
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
      };
    }),
    updates: a.updates.map((u) => ({ updateId: u.updateId, revision: u.revision ?? null, kb: u.kb ?? null, title: u.title ?? null, outcome: u.outcome })),
    pending: (a.pending ?? []).map((p) => ({ file: path(p.at.file), line: p.at.line + 1, updateId: p.updateId ?? null, kb: p.kb ?? null, code: formatCode(p.code) })),
    cancelledCalls: a.calls.filter((c) => c.result === 'cancelled').map((c) => ({
      ...(jsonCall(c) as JsonCall), file: path(c.file),
      code: c.callErrorCode !== undefined ? formatCode(c.callErrorCode) : c.exitCode !== undefined ? formatCode(c.exitCode) : null,
    })),
    noise: { ...(a.noiseCounts ?? { evidence: 0, benign: 0, transient: 0, other: 0 }) },
  };
}
