// A whole text with its garbled lines repaired (the "repaired copy" of a log): each line is one
// field for the mojibake repair, so a line of real CJK text stays as it is. Line breaks are kept.
import { repairField } from './mojibake';

export interface RepairedText {
  text: string;
  /** 0-based lines that were repaired. */
  lines: number[];
  /** Characters that could not be recovered (U+FFFD in the text). */
  lost: number;
}

/** Lines longer than this are left alone (a repair works on titles and messages, not on megabytes). */
const MAX_LINE = 64 * 1024;

export function repairText(text: string): RepairedText {
  const parts = text.split(/(\r\n|\r|\n)/);
  const lines: number[] = [];
  let lost = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const line = parts[i];
    // eslint-disable-next-line no-control-regex
    if (line.length > MAX_LINE || !/[^\x00-\x7f]/.test(line)) continue;
    const fixed = repairField(line);
    if (!fixed) continue;
    parts[i] = fixed.text;
    lines.push(i / 2);
    lost += fixed.lost;
  }
  return { text: parts.join(''), lines, lost };
}
