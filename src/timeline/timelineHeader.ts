// The header of a merged timeline: what each tag stands for, each log's time span and clock,
// which clock offset was used and why, and what was left out. Lines start with `#`.
import { formatClockOffset, formatWallClock, type Timeline } from '../core/navigate';
import type { Translate } from '../settings/placeholders';

export const OFFSET_SETTING = 'wuLogLens.timeline.clockOffset';

function clockLine(tl: Timeline, t: Translate): string {
  const decoder = tl.sources.filter((s) => s.clock === 'decoder' && !s.skipped).map((s) => s.name);
  const names = decoder.join(', ');
  const o = tl.offset;
  if (o.source === 'setting') {
    return t('Clock: {0} moved by {1} to the client\'s clock, as set in {2}.', names || 'WindowsUpdate.log', formatClockOffset(o.ms), OFFSET_SETTING);
  }
  if (o.source === 'detected') {
    const ev = o.evidence?.[0];
    const client = ev ? tl.sources[ev.clientSource] : undefined;
    const decoderSource = ev ? tl.sources[ev.decoderSource] : undefined;
    const what = ev ? (ev.kind === 'kb' ? `KB${ev.value}` : ev.kind === 'update' ? ev.value : `cV ${ev.value}`) : '';
    const where = ev && client && decoderSource ? t('{0} at {1} line {2} and {3} line {4}', what, decoderSource.name, ev.decoderLine + 1, client.name, ev.clientLine + 1) : what;
    return t('Clock: {0} moved by {1} to the client\'s clock, detected from {2} matching events ({3}). Set {4} to change it.', names, formatClockOffset(o.ms), o.votes ?? 0, where, OFFSET_SETTING);
  }
  if (o.reason === 'noMatch') {
    return t('Clock: no event ties {0} to the other logs, so its times are used as logged (Get-WindowsUpdateLog writes the clock of the machine that ran it). Set {1} if the clocks differ.', names, OFFSET_SETTING);
  }
  return t('Clock: all logs carry the same clock; times are used as logged.');
}

/** The header lines (without line ends). */
export function timelineHeader(tl: Timeline, unreadable: ReadonlyArray<{ name: string; reason: string }>, t: Translate): string[] {
  const merged = tl.sources.filter((s) => !s.skipped);
  const out = [`# ${t('WU Log Lens: merged timeline of {0} logs, in time order. Each line: the tag of its log | the line as logged.', merged.length)}`];
  for (const s of merged) {
    const span = s.first !== undefined ? `${formatWallClock(s.first)} – ${formatWallClock(s.last)}` : '';
    const clock = s.clock === 'decoder' ? t('clock of the machine that ran Get-WindowsUpdateLog') : t('client clock');
    out.push(`# ${s.tag.padEnd(tl.tagWidth)}  ${t('{0}: {1} lines, {2} ({3})', s.name, s.lines, span, clock)}`);
  }
  out.push(`# ${clockLine(tl, t)}`);
  const skipped = tl.sources.filter((s) => s.skipped).map((s) => t('{0} (no timestamped line)', s.name)).concat(unreadable.map((u) => t('{0} ({1})', u.name, u.reason)));
  if (skipped.length) out.push(`# ${t('Not merged: {0}', skipped.join(', '))}`);
  if (tl.truncated) out.push(`# ${t('Only the first {0} lines are shown.', tl.length)}`);
  out.push('#');
  return out;
}
