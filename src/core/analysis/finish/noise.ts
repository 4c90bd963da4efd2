// Intermediate error lines: each gets a kind (evidence, transient, benign, other) and the reason,
// so the many harmless `*FAILED*` lines are told apart from the chain of a real failure.
import type { Call, Failure, NoiseLine } from '../types';
import type { State } from '../state';
import { LIMITS } from '../state';

/** Codes that mean "looked for something that is not there": typical of harmless lookups. */
const LOOKUP_CODES = new Set([
  0x80070002, 0x80070003, 0x80070490, 0x80248007, 0x80040154, 0x80040155, 0x800704c3, 0x80070032, 0x8024000c,
  0x80070103, 0x80240016, 0x800f0805, 0x80070057,
  // not downloaded yet, data not available, resource/licensing value not found, index lookup miss
  0x80246007, 0x8024801e, 0x80070716, 0xc004f012, 0x80240007,
]);
const LOOKUP_TEXT = /not found|does not exist|not registered|no data|not present|not supported|nothing to|not applicable|is not sticky/i;

/** `evidence`: "file:line" of every line a failure chain cites. */
export function classifyNoise(
  st: State, failures: Failure[], evidence: Set<string>, calls: Call[], callByKey: Map<string, Call>,
): { noise: NoiseLine[]; noiseCounts: Record<NoiseLine['kind'], number> } {
  const outcomeLines = new Set(failures.flatMap((f) => [f.at].concat(f.repeats ?? [])).map((r) => `${r.file}:${r.line}`));
  const noise: NoiseLine[] = [];
  const noiseCounts: Record<NoiseLine['kind'], number> = { evidence: 0, benign: 0, transient: 0, other: 0 };
  const push = (n: NoiseLine): void => {
    noiseCounts[n.kind]++;
    if (noise.length < LIMITS.noiseOut) noise.push(n);
  };
  for (const e of st.errLines) {
    const k = `${e.file}:${e.line}`;
    if (outcomeLines.has(k)) continue;
    const call = e.call ?? (e.callKey ? callByKey.get(e.callKey) : undefined);
    const lookup = (e.code !== undefined && LOOKUP_CODES.has(e.code)) || LOOKUP_TEXT.test(e.text ?? '');
    const kind: NoiseLine['kind'] = evidence.has(k) || call?.result === 'failed' ? 'evidence'
      : call?.result === 'succeeded' ? 'transient'
        : lookup || call?.result === 'cancelled' ? 'benign'
          : 'other';
    // Past the listed cap only the counts grow: no line object, no reason text.
    if (noise.length >= LIMITS.noiseOut) {
      noiseCounts[kind]++;
      continue;
    }
    const at = { file: e.file, line: e.line };
    if (evidence.has(k)) {
      push({ at, code: e.code, kind: 'evidence', reason: 'part of the evidence chain of a failure', reasonKey: 'evidenceChain' });
    } else if (call && call.result === 'failed') {
      push({
        at, code: e.code, kind: 'evidence', reason: `logged inside the failed ${call.kind} call (line ${call.startLine + 1})`,
        reasonKey: 'inFailedCall', reasonArgs: { callKind: call.kind, callLine: call.startLine },
      });
    } else if (call && call.result === 'succeeded') {
      push({
        at, code: e.code, kind: 'transient', reason: `the ${call.kind} call it belongs to (line ${call.startLine + 1}) later succeeded`,
        reasonKey: 'callSucceeded', reasonArgs: { callKind: call.kind, callLine: call.startLine },
      });
    } else if (lookup) {
      push({ at, code: e.code, kind: 'benign', reason: 'a lookup of something absent (not found / not registered / no data); not tied to a failed outcome', reasonKey: 'lookup' });
    } else if (call && call.result === 'cancelled') {
      push({
        at, code: e.code, kind: 'benign', reason: `its call was cancelled by its client (${call.client ?? 'unknown'})`,
        reasonKey: 'callCancelled', reasonArgs: { client: call.client },
      });
    } else {
      push({ at, code: e.code, kind: 'other', reason: 'not tied to any failed outcome', reasonKey: 'untied' });
    }
  }
  noiseCounts.other += st.errOverflow;
  noiseCounts.transient += st.overflowByResult.succeeded;
  noiseCounts.evidence += st.overflowByResult.failed;
  noiseCounts.benign += st.overflowByResult.cancelled;
  for (const c of calls) {
    if (c.result !== 'cancelled') continue;
    push({
      at: { file: c.file, line: c.resultLine ?? c.endLine ?? c.startLine }, code: c.callErrorCode ?? c.exitCode, kind: 'benign',
      reason: `${c.kind} call cancelled by its client (${c.client ?? 'unknown'}): not an update failure`,
      reasonKey: 'cancelledCall', reasonArgs: { callKind: c.kind, client: c.client },
    });
  }
  return { noise, noiseCounts };
}
