// A Markdown table that also reads as a table in plain text (an email, a terminal): every cell
// but the last is padded to its column's display width, full-width characters counting two.
import { displayWidth, padToWidth } from '../text/width';

export type Align = 'left' | 'right';

export function markdownTable(header: string[], rows: string[][], align: Align[] = []): string[] {
  const last = header.length - 1;
  const widths = header.map((h, i) => (i === last ? 0 : Math.max(3, displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? '')))));
  const cell = (s: string, i: number): string => {
    if (i === last) return s;
    return align[i] === 'right' ? ' '.repeat(Math.max(0, widths[i] - displayWidth(s))) + s : padToWidth(s, widths[i]);
  };
  // trimEnd, not a regex: the last cell may end in spaces (linear on any input).
  const line = (cells: string[]): string => `${`| ${cells.map(cell).join(' | ')}`.trimEnd()} |`;
  const rule = header.map((_, i) => {
    const n = i === last ? 3 : widths[i];
    return align[i] === 'right' ? `${'-'.repeat(n - 1)}:` : '-'.repeat(n);
  });
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)];
}
