// A tiny hand-rolled line parser for analysis unit tests, so they do not depend on the
// readers: it builds LogRecords (0-based lines) from fixture text of a known format.
import type { LogFormat, LogRecord, CodeRef, UpdateIdRef, KbRef, CvRef, ReportingFields } from '../../../src/core/model/types';

const WU10 = /^(\d{4}[/-]\d{2}[/-]\d{2} \d{2}:\d{2}:\d{2}\.\d{7}) +(\d+) +(\d+) +(\S+) +(.*)$/;
const CBS = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}), (Info|Warning|Error)\s+(\S*)\s+(.*)$/;

function toTime(text: string): number {
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})[ \t](\d{2}):(\d{2}):(\d{2})/.exec(text);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : 0;
}

export function tokens(msg: string, col: number): Pick<LogRecord, 'codes' | 'updateIds' | 'kbs' | 'cvs'> {
  const codes: CodeRef[] = [];
  for (const m of msg.matchAll(/0x([0-9A-Fa-f]{8})\b|\[([0-9A-Fa-f]{8})\]/g)) {
    const t = m[1] ?? m[2];
    codes.push({ value: parseInt(t, 16) >>> 0, text: m[0], form: m[1] ? 'hex' : 'bare', span: { start: col + (m.index ?? 0), end: col + (m.index ?? 0) + m[0].length } });
  }
  const updateIds: UpdateIdRef[] = [];
  for (const m of msg.matchAll(/\{?\{?([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\}?(?:\.(\d+))?/g)) {
    updateIds.push({ id: m[1].toUpperCase(), revision: m[2] ? +m[2] : undefined, span: { start: col + (m.index ?? 0), end: col + (m.index ?? 0) + m[0].length } });
  }
  const kbs: KbRef[] = [];
  for (const m of msg.matchAll(/KB(\d{6,7})/g)) kbs.push({ kb: m[1], span: { start: col + (m.index ?? 0), end: col + (m.index ?? 0) + m[0].length } });
  const cvs: CvRef[] = [];
  for (const m of msg.matchAll(/cV(?: =|:) ([A-Za-z0-9+/]{8,}(?:\.\d+)+)/g)) cvs.push({ cv: m[1], span: { start: col, end: col } });
  return { codes, updateIds, kbs, cvs };
}

export function recordsOf(text: string, format: LogFormat): LogRecord[] {
  const out: LogRecord[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    if (format === 'wu10') {
      const m = WU10.exec(line);
      if (!m) return;
      const col = line.length - m[5].length;
      out.push({ line: i, endLine: i, timeText: m[1], time: toTime(m[1]), pid: +m[2], tid: +m[3], component: m[4], message: m[5], messageColumn: col, ...tokens(m[5], col) });
    } else if (format === 'wu7') {
      const f = line.split('\t');
      if (f.length < 6) return;
      const msg = f.slice(5).join('\t');
      const col = line.length - msg.length;
      out.push({ line: i, endLine: i, timeText: `${f[0]} ${f[1]}`, time: toTime(`${f[0]} ${f[1]}`), pid: parseInt(f[2], 10), tid: parseInt(f[3].trim(), 16), component: f[4], message: msg, messageColumn: col, ...tokens(msg, col) });
    } else if (format === 'cbs' || format === 'dism' || format === 'setup') {
      const m = CBS.exec(line);
      if (!m) {
        const last = out[out.length - 1];
        if (last) { last.endLine = i; (last.continuation ??= []).push(line); }
        return;
      }
      const col = line.length - m[4].length;
      out.push({ line: i, endLine: i, timeText: m[1], time: toTime(m[1]), level: m[2].toLowerCase() as LogRecord['level'], component: m[3], message: m[4], messageColumn: col, ...tokens(m[4], col) });
    } else if (format === 'reporting') {
      const f = line.split('\t');
      if (f.length < 13) return;
      const rep: ReportingFields = {
        eventGuid: f[0], eventId: parseInt(f[3], 10), eventName: (/\[(\w+)\]/.exec(f[3]) ?? ['', ''])[1],
        updateId: /([0-9A-Fa-f-]{36})/.exec(f[5])?.[1]?.toUpperCase(), result: f[9] === 'Failure' ? 'failure' : f[9] === 'Success' ? 'success' : 'other',
        caller: f[8], category: f[10],
      };
      out.push({ line: i, endLine: i, timeText: f[1], time: toTime(f[1]), message: f[11], messageColumn: 0, reporting: rep, ...tokens(`${f[7]} ${f[11]}`, 0) });
    }
  });
  return out;
}
