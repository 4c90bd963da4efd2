// The lines that give a Panther setup log its shape: where a setup run starts and ends, each
// phase it enters, the commands it runs and its error lines. Read from one record's message head;
// every regex is anchored or bounded.
import type { LogRecord } from '../model/types';

export type StructureMarkKind = 'runStart' | 'runEnd' | 'phase' | 'phaseEnd' | 'command' | 'error';

export interface StructureMark {
  line: number;
  kind: StructureMarkKind;
  /** What the line names: the tool of a run (`SetupHost`, `windeploy`, `unattend specialize`), the phase, the command, the error message head. */
  text: string;
}

const TEXT_MAX = 160;
const PHASE_CHANGE = /^Setup phase change: \[[^\]]{0,80}\] -> \[([^\]]{1,80})\]/;
const SP_PHASE = /^Execution phase \[([^\]]{1,40})\] starting/;
const IBS_PHASE = /^Setup has (started|completed) phase (\d{1,3})\b/;
const UGC_START = /^(?:\[SETUPUGC\.EXE\] )?SetupUGC launched with command line \[([^\]]{0,60})\]/i;
const WINDEPLOY_START = /^(?:\[windeploy\.exe\] )?WinDeploy\.exe launched\b/i;
const COMMAND = /^(?:\[[\w.]{1,20}\] )?(?:Found RunSynchronous command: \[(.{1,300})\]$|\[Action Queue\] : Command Line = (.{1,300}))/;

function cut(s: string): string {
  const t = s.trim();
  return t.length > TEXT_MAX ? `${t.slice(0, TEXT_MAX - 1)}…` : t;
}

/** The structure mark of a setup-log record, if it is one. */
export function setupMark(r: LogRecord): StructureMark | undefined {
  const m = r.message.length > 400 ? r.message.slice(0, 400) : r.message;
  const line = r.line;
  if (m.startsWith('SetupHost::Initialize') && m.trim() === 'SetupHost::Initialize') return { line, kind: 'runStart', text: 'SetupHost' };
  if (m.includes('SetupHost Logging End')) return { line, kind: 'runEnd', text: 'SetupHost' };
  let x = PHASE_CHANGE.exec(m);
  if (x) return { line, kind: 'phase', text: x[1] };
  x = SP_PHASE.exec(m);
  if (x) return { line, kind: 'phase', text: x[1] };
  x = IBS_PHASE.exec(m);
  if (x) return { line, kind: x[1] === 'started' ? 'phase' : 'phaseEnd', text: `${x[2]}` };
  x = UGC_START.exec(m);
  if (x) return { line, kind: 'runStart', text: x[1] ? `SetupUGC ${x[1]}` : 'SetupUGC' };
  if (WINDEPLOY_START.test(m)) return { line, kind: 'runStart', text: 'windeploy' };
  x = COMMAND.exec(m);
  if (x) return { line, kind: 'command', text: cut(x[1] ?? x[2] ?? '') };
  if (r.level === 'error' || r.level === 'fatal') return { line, kind: 'error', text: cut(r.component ? `${r.component} ${m}` : m) };
  return undefined;
}
