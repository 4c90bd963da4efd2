// ReportingEvents.log: one event per line; a Failure event with a code is an update's outcome,
// a Success event a result that later settles a failure.
import type { LogRecord } from '../model/types';
import { isError, operationOfCategory } from './patterns';
import type { Context, FileState } from './context';
import { codeInText } from './context';
import { ZERO_GUID, resultLine } from './wu/updates';

export function reportingRecord(ctx: Context, f: FileState, rec: LogRecord): void {
  const r = rec.reporting;
  if (!r) return;
  const op = operationOfCategory(`${r.eventName} ${r.category}`, rec.message);
  const code = rec.codes.find((x) => isError(x.value))?.value ?? codeInText(rec.message) ?? 0;
  if (r.result === 'other' || (r.result === 'failure' && !isError(code))) return;
  // Detection events carry no update (the id field holds zeros or the service id).
  const updateId = op === 'search' || r.updateId === ZERO_GUID ? undefined : r.updateId;
  resultLine(ctx, f, rec, { kind: 'reportEvent', operation: op, code: r.result === 'failure' ? code : 0, updateId, revision: r.revision, caller: r.caller }, r.result === 'failure');
}
