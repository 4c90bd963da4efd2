// The JSON of a bundle: what it held, the chains across logs and what to ask for next
// (1-based lines, file paths as analysed, codes as 0x + 8 upper-case hex).
import type { Analysis, LineRef } from '../analysis/types';
import type { BundleInfo, MissingLog } from '../bundle/types';
import { formatCode } from '../errors';

export interface JsonLine {
  file: string;
  line: number;
  text: string | null;
}

export interface JsonChain {
  kind: 'update' | 'repairSource';
  kb: string | null;
  updateId: string | null;
  title: string | null;
  stillFailing: boolean;
  steps: { kind: string; file: string; line: number; state: string; code: string | null; label: string | null; client: string | null; time: string | null }[];
  links: { from: number; to: number; matchedBy: string[]; confidence: string; deltaMinutes: number | null; from_: JsonLine; to_: JsonLine }[];
}

export interface JsonBundle {
  sources: BundleInfo['sources'];
  skipped: BundleInfo['skipped'];
  skippedCount: number;
  kinds: BundleInfo['kinds'];
  machine: { kind: string; value: string; file: string; line: number }[];
  logs: { file: string; kind: string; from: string | null; to: string | null }[];
  missingExpected: string[];
  /** Which log to ask for next, why (a stable key), for which failures (file:line). */
  askFor: { kind: string; reason: MissingLog['reason']; at: string | null; failures: string[] }[];
  severalMachines: boolean;
}

const iso = (ms: number | undefined): string | null => (ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

export function jsonBundleParts(a: Analysis): { bundle?: JsonBundle; chains?: JsonChain[] } {
  const path = (i: number): string => a.files[i]?.path ?? '';
  const line = (r: LineRef, text?: string): JsonLine => ({ file: path(r.file), line: r.line + 1, text: text ?? null });
  const byKey = new Map(a.failures.map((f) => [f.key, f] as const));
  const chains = (a.chains ?? []).map((c): JsonChain => ({
    kind: c.kind, kb: c.kb ?? null, updateId: c.updateId ?? null, title: c.title ?? null, stillFailing: c.stillFailing,
    steps: c.steps.map((s) => ({
      kind: s.kind, file: path(s.at.file), line: s.at.line + 1, state: s.state, code: s.code !== undefined ? formatCode(s.code) : null,
      label: s.label ?? null, client: s.client ?? null, time: iso(s.time),
    })),
    links: c.links.map((l) => ({
      from: l.from, to: l.to, matchedBy: l.matchedBy, confidence: l.confidence, deltaMinutes: l.deltaMs !== undefined ? Math.round(l.deltaMs / 60_000) : null,
      from_: line(l.fromLine, l.fromText), to_: line(l.toLine, l.toText),
    })),
  }));
  const b = a.bundle;
  if (!b) return chains.length ? { chains } : {};
  return {
    chains,
    bundle: {
      sources: b.sources, skipped: b.skipped, skippedCount: b.skippedCount, kinds: b.kinds,
      machine: b.machine.map((m) => ({ kind: m.kind, value: m.value, file: path(m.at.file), line: m.at.line + 1 })),
      logs: a.files.map((f) => ({ file: f.path, kind: b.kinds.find((k) => k.path === f.path)?.kind ?? 'other', from: iso(f.identity?.firstTime), to: iso(f.identity?.lastTime) })),
      missingExpected: b.missingExpected,
      askFor: b.missing.map((m) => ({
        kind: m.kind, reason: m.reason, at: iso(m.at),
        failures: m.failures.map((k) => byKey.get(k)).filter((f): f is NonNullable<typeof f> => !!f).map((f) => `${path(f.at.file)}:${f.at.line + 1}`),
      })),
      severalMachines: !!b.severalMachines,
    },
  };
}
