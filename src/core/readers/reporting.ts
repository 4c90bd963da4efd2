// ReportingEvents.log: one event per line, 13 tab-separated fields:
// {event GUID}, `2023-06-27 01:44:30:939+0300`, 1, `147 [AGENT_DETECTION_FINISHED]`, 101,
// {update or service GUID}, revision, error code (bare hex), caller, Success/Failure, category, message, cV.
// The Windows 7 WindowsUpdate.log repeats the first 12 in its `REPORT EVENT:` lines.
import type { LogRecord, ReportingFields } from '../model/types';
import { findCodes, findKbs, findUpdateIds } from '../tokens';
import { dateTime, digits } from './fields';

const FIELDS = 13;
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** The fields of one event starting at column `at` (a `{GUID}` then tabs), with their columns. */
export interface ReportingEvent {
  fields: ReportingFields;
  /** Column where each field starts. */
  starts: number[];
  /** Time of the event (wall clock, read as UTC; the logged zone offset is ignored like in every other log). */
  time: number;
  timeText: string;
  /** The update-id field names the update service (detection events). */
  detection: boolean;
}

export function readReportingEvent(line: string, at: number): ReportingEvent | undefined {
  if (line.charCodeAt(at) !== 123 || line.charCodeAt(at + 37) !== 125 || line.charCodeAt(at + 38) !== 9) return undefined;
  const starts: number[] = [at];
  let p = at;
  while (starts.length < FIELDS) {
    const t = line.indexOf('\t', p);
    if (t < 0) break;
    starts.push(t + 1);
    p = t + 1;
  }
  if (starts.length < FIELDS - 1) return undefined;
  const field = (i: number): string => {
    if (i >= starts.length) return '';
    const end = i + 1 < starts.length ? starts[i + 1] - 1 : line.length;
    return line.slice(starts[i], end);
  };
  const t = starts[1];
  if (line.charCodeAt(t + 4) !== 45 || line.charCodeAt(t + 10) !== 32 || line.charCodeAt(t + 19) !== 58) return undefined;
  const base = dateTime(line, t, t + 11);
  const ms = digits(line, t + 20, 3);
  if (Number.isNaN(base) || ms < 0) return undefined;
  const eventField = field(3);
  const sp = eventField.indexOf(' ');
  const eventId = Number(sp < 0 ? eventField : eventField.slice(0, sp));
  const nameMatch = /\[([^\]]*)\]/.exec(eventField);
  const updateRaw = field(5).replace(/[{}]/g, '').toUpperCase();
  const resultText = field(9);
  const fields: ReportingFields = {
    eventGuid: line.slice(at + 1, at + 37).toUpperCase(),
    eventId: Number.isFinite(eventId) ? eventId : -1,
    eventName: nameMatch ? nameMatch[1] : '',
    result: resultText === 'Success' ? 'success' : resultText === 'Failure' ? 'failure' : 'other',
    caller: field(8),
    category: field(10),
  };
  // Detection events (147/148 AGENT_DETECTION_*) carry the update service's id in the update-id field.
  const detection = fields.eventName.startsWith('AGENT_DETECTION') || fields.eventId === 147 || fields.eventId === 148;
  if (GUID.test(updateRaw) && updateRaw !== ZERO_GUID) {
    if (detection) {
      fields.serviceId = updateRaw;
    } else {
      fields.updateId = updateRaw;
      const rev = Number(field(6));
      if (field(6) !== '' && Number.isInteger(rev)) fields.revision = rev;
    }
  }
  const cv = field(12).trim();
  if (cv) fields.cv = cv;
  return { fields, starts, time: base + ms, timeText: field(1), detection };
}

export function parseReporting(line: string, lineNo: number): LogRecord | undefined {
  const o = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  const ev = readReportingEvent(line, o);
  if (!ev) return undefined;
  const { fields, starts } = ev;
  const msgCol = starts.length > 11 ? starts[11] : line.length;
  const msgEnd = starts.length > 12 ? starts[12] - 1 : line.length;
  const cvStart = starts.length > 12 ? starts[12] + (line.length - starts[12] - line.slice(starts[12]).trimStart().length) : -1;
  return {
    line: lineNo,
    endLine: lineNo,
    timeText: ev.timeText,
    time: ev.time,
    component: fields.caller,
    level: fields.result === 'failure' ? 'error' : 'info',
    message: line.slice(msgCol, msgEnd),
    messageColumn: msgCol,
    // From the update-id field on (the error field for detection events): the event's own GUID is not an update.
    codes: findCodes(line, starts[7] ?? line.length),
    updateIds: findUpdateIds(line, (ev.detection ? starts[7] : starts[5]) ?? line.length),
    kbs: findKbs(line, msgCol),
    cvs: fields.cv && cvStart >= 0 ? [{ cv: fields.cv, span: { start: cvStart, end: cvStart + fields.cv.length } }] : [],
    reporting: fields,
  };
}
