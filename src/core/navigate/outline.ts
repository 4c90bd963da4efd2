// The outline of one log as plain data (the VS Code layer makes DocumentSymbols of it): logical
// calls with their updates and deciding failures (WindowsUpdate.log); CBS sessions with their
// packages and errors; DISM runs with their cause, error lines and result; setup runs and phases
// with their commands and errors; store-health checks. Lines are 0-based, of file `file`.
import type { Analysis, CbsError, CbsSession, DismRun, Failure, StoreHealth, UpdateInfo } from '../analysis/types';
import { logicalCalls, type LogicalCall } from './logicalCalls';
import { firstRecordFrom, LEVEL_ERROR, type RecordIndex } from './recordIndex';
import type { StructureMark } from './setupMarks';

export type OutlineKind =
  | 'call' | 'update' | 'failure'
  | 'session' | 'package' | 'cbsError'
  | 'dismRun' | 'cause' | 'errorLine' | 'result'
  | 'run' | 'phase' | 'command'
  | 'storeHealth';

export interface OutlineNode {
  kind: OutlineKind;
  /** First and last line the item covers, and the line that names it. */
  line: number;
  endLine: number;
  selectionLine: number;
  call?: LogicalCall;
  update?: UpdateInfo;
  failure?: Failure;
  session?: CbsSession;
  packageName?: string;
  cbsError?: CbsError;
  run?: DismRun;
  health?: StoreHealth;
  /** Runs, phases, commands and error lines: what the line names. */
  text?: string;
  children: OutlineNode[];
}

/** Children of one kind listed at most per parent (the rest are in the text). */
export const OUTLINE_CHILD_CAP = 50;
/** Lines searched for a package's first mention inside its session. */
const PACKAGE_SEARCH_LINES = 5000;

type LineText = (line: number) => string | undefined;

function node(kind: OutlineKind, line: number, endLine: number, extra: Partial<OutlineNode> = {}): OutlineNode {
  return { kind, line, endLine: Math.max(line, endLine), selectionLine: line, children: [], ...extra };
}

function byLine(a: OutlineNode, b: OutlineNode): number {
  return a.line - b.line;
}

/** The outline of file `file` of the analysis (`index`: its record index, for DISM and setup logs). */
export function buildOutline(analysis: Analysis, index: RecordIndex | undefined, lineText: LineText, file = 0): OutlineNode[] {
  const out: OutlineNode[] = [];
  const failures = analysis.failures.filter((f) => f.at.file === file);
  out.push(...callNodes(analysis, failures, file));
  out.push(...analysis.cbsSessions.filter((s) => s.file === file).map((s) => sessionNode(s, failures, lineText)));
  out.push(...(analysis.dismRuns ?? []).filter((r) => r.file === file).map((r) => dismNode(r, failures, index)));
  for (const h of analysis.storeHealth ?? []) if (h.file === file) out.push(node('storeHealth', h.at.line, h.at.line, { health: h }));
  if (index?.marks.length) out.push(...setupNodes(index.marks, failures));
  return out.sort(byLine);
}

function callNodes(analysis: Analysis, failures: Failure[], file: number): OutlineNode[] {
  const updates = new Map(analysis.updates.map((u) => [u.updateId, u]));
  return logicalCalls(analysis.calls.filter((c) => c.file === file)).map((call) => {
    const end = call.endLine ?? call.startLine;
    const n = node('call', call.startLine, end, { call });
    const halves = new Set(call.halves.map((h) => h.key));
    for (const id of call.updateIds.slice(0, OUTLINE_CHILD_CAP)) {
      const u = updates.get(id);
      if (!u) continue;
      const at = u.mentions.find((m) => m.file === file && m.line >= call.startLine && m.line <= end)?.line ?? call.startLine;
      n.children.push(node('update', at, at, { update: u }));
    }
    for (const f of failures) if (f.callKey && halves.has(f.callKey)) n.children.push(node('failure', f.at.line, f.at.line, { failure: f }));
    n.children.sort(byLine);
    return n;
  });
}

function sessionNode(s: CbsSession, failures: Failure[], lineText: LineText): OutlineNode {
  const end = s.endLine ?? s.startLine;
  const n = node('session', s.startLine, end, { session: s });
  for (const p of s.packages.slice(0, OUTLINE_CHILD_CAP)) {
    const at = firstLineWith(lineText, p, s.startLine, Math.min(end, s.startLine + PACKAGE_SEARCH_LINES)) ?? s.startLine;
    n.children.push(node('package', at, at, { packageName: p }));
  }
  for (const e of s.errors.slice(0, OUTLINE_CHILD_CAP)) n.children.push(node('cbsError', e.at.line, e.at.line, { cbsError: e }));
  for (const f of failures) {
    if (f.cbsSessionKeys.includes(s.key) && f.at.line >= s.startLine && f.at.line <= end && !s.errors.some((e) => e.at.line === f.at.line)) {
      n.children.push(node('failure', f.at.line, f.at.line, { failure: f }));
    }
  }
  n.children.sort(byLine);
  return n;
}

function dismNode(run: DismRun, failures: Failure[], index: RecordIndex | undefined): OutlineNode {
  const end = run.endLine ?? run.resultLine ?? run.startLine;
  const n = node('dismRun', run.startLine, end, { run });
  const taken = new Set<number>([run.startLine]);
  if (run.cause) {
    n.children.push(node('cause', run.cause.at.line, run.cause.at.line, { run }));
    taken.add(run.cause.at.line);
  }
  if (run.resultLine !== undefined && !taken.has(run.resultLine)) {
    const failure = failures.find((f) => f.dismRunKey === run.key);
    n.children.push(node('result', run.resultLine, run.resultLine, { run, failure }));
    taken.add(run.resultLine);
  }
  if (index) {
    let listed = 0;
    for (let r = firstRecordFrom(index, run.startLine); r < index.count && index.start[r] <= end && listed < OUTLINE_CHILD_CAP; r++) {
      if (index.level[r] !== LEVEL_ERROR || taken.has(index.start[r])) continue;
      if (run.pid !== undefined && index.pid[r] >= 0 && index.pid[r] !== run.pid) continue;
      n.children.push(node('errorLine', index.start[r], index.end[r], { text: undefined }));
      listed++;
    }
  }
  n.children.sort(byLine);
  return n;
}

/** Setup runs (SetupHost, SetupUGC, windeploy) holding phases, phases holding commands and errors. */
function setupNodes(marks: readonly StructureMark[], failures: Failure[]): OutlineNode[] {
  const top: OutlineNode[] = [];
  let run: OutlineNode | undefined;
  let phase: OutlineNode | undefined;
  const close = (n: OutlineNode | undefined, line: number): void => {
    if (n) n.endLine = Math.max(n.line, line);
  };
  const container = (): OutlineNode[] => (phase ?? run)?.children ?? top;
  let last = 0;
  for (const m of marks) {
    last = m.line;
    switch (m.kind) {
      case 'runStart':
        close(phase, m.line - 1);
        close(run, m.line - 1);
        phase = undefined;
        run = node('run', m.line, m.line, { text: m.text });
        top.push(run);
        break;
      case 'runEnd':
        close(phase, m.line);
        close(run, m.line);
        phase = undefined;
        run = undefined;
        break;
      case 'phase':
        close(phase, m.line - 1);
        phase = node('phase', m.line, m.line, { text: m.text });
        (run?.children ?? top).push(phase);
        break;
      case 'phaseEnd':
        close(phase, m.line);
        phase = undefined;
        break;
      default: {
        const list = container();
        if (list.filter((c) => c.kind === 'errorLine' || c.kind === 'command').length < OUTLINE_CHILD_CAP) {
          list.push(node(m.kind === 'command' ? 'command' : 'errorLine', m.line, m.line, { text: m.text }));
        }
        if (phase) close(phase, m.line);
        if (run) close(run, m.line);
      }
    }
  }
  close(phase, Math.max(phase?.endLine ?? 0, last));
  close(run, Math.max(run?.endLine ?? 0, last));
  // Setup results (the failures of setup logs) go into the innermost run or phase around them.
  for (const f of failures) {
    if (f.outcomeKind !== 'setupResult') continue;
    placeInto(top, node('failure', f.at.line, f.at.line, { failure: f }));
  }
  return top;
}

function placeInto(list: OutlineNode[], n: OutlineNode): void {
  const holder = list.find((c) => (c.kind === 'run' || c.kind === 'phase') && c.line <= n.line && n.line <= c.endLine);
  if (holder) placeInto(holder.children, n);
  else {
    // An error line of the same line is replaced by the failure it decided.
    const i = list.findIndex((c) => c.kind === 'errorLine' && c.line === n.line);
    if (i >= 0) list.splice(i, 1, n);
    else list.push(n);
    list.sort(byLine);
  }
}

/** The first line in [from, to] whose text contains `needle`. */
export function firstLineWith(lineText: LineText, needle: string, from: number, to: number): number | undefined {
  for (let l = from; l <= to; l++) {
    const t = lineText(l);
    if (t === undefined) return undefined;
    if (t.includes(needle)) return l;
  }
  return undefined;
}
