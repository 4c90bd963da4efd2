// Hover logic without VS Code: which code is under the cursor (via the shared findCodes
// tokenizer), the short escaped Markdown of the hover and the full explanation behind its
// "More…" link. The provider and the explanation view only wrap this.
import { findCodes } from '../core/tokens';
import type { CodeRef, Span } from '../core/model/types';
import { decodeExtended, findUpgradeCodes, formatExtended, type CodeExplanation, type Confidence, type ExtendedCode } from '../core/errors';
import { escapeMarkdownStrict, ownMarkdown } from '../core/report/escape';

/** Lines longer than this are searched only in a window around the cursor. */
const LONG_LINE = 20_000;
const WINDOW = 1_000;

/** The part of `line` searched for a hover at `character`, and its offset in the line. */
function windowAt(line: string, character: number): { text: string; offset: number } {
  if (line.length <= LONG_LINE) return { text: line, offset: 0 };
  const offset = Math.max(0, character - WINDOW);
  return { text: line.slice(offset, Math.min(line.length, character + WINDOW)), offset };
}

const moved = (s: Span, by: number): Span => (by ? { start: s.start + by, end: s.end + by } : s);
const holds = (s: Span | undefined, c: number): boolean => s !== undefined && s.start <= c && c < s.end;

/** The code whose span holds `character`, or undefined. Spans are [start, end). */
export function codeAt(line: string, character: number): CodeRef | undefined {
  const { text, offset } = windowAt(line, character);
  const c = character - offset;
  for (const ref of findCodes(text)) {
    if (holds(ref.span, c)) return offset ? { ...ref, span: moved(ref.span, offset) } : ref;
    if (ref.span.start > c) break;
  }
  return undefined;
}

/** What a hover explains: a code, an upgrade extend code, or a code with its extend code. */
export interface HoverTarget {
  /** The result code (absent for a lone `Extended: [0x2000c]`). */
  code?: number;
  /** The code as the tokenizer (or the pair) found it, for "as written" and the logged name. */
  ref?: CodeRef;
  extended?: ExtendedCode;
  /** Range the hover covers. */
  span: Span;
}

/**
 * The hover target at `character`: a code, or an upgrade pair (`0xC1900101 - 0x30018`,
 * `[0x8007000D, 0x2000C]`) when the cursor is on either half, or a labelled extend code.
 */
export function hoverTargetAt(line: string, character: number): HoverTarget | undefined {
  const { text, offset } = windowAt(line, character);
  const c = character - offset;
  for (const u of findUpgradeCodes(text)) {
    if (!holds(u.codeSpan, c) && !holds(u.extSpan, c)) continue;
    const extended = decodeExtended(u.extended);
    if (u.code === undefined || !u.codeSpan) return { extended, span: moved(u.extSpan, offset) };
    const whole = moved({ start: u.codeSpan.start, end: u.extSpan.end }, offset);
    const ref: CodeRef = { value: u.code, text: line.slice(whole.start, whole.end), form: 'hex', span: whole };
    return { code: u.code, ref, extended, span: whole };
  }
  const ref = codeAt(line, character);
  return ref ? { code: ref.value, ref, span: ref.span } : undefined;
}

const esc = escapeMarkdownStrict;
/** Our texts write commands as `code`: those become code spans; everything else is escaped. */
const own = (text: string): string => ownMarkdown(text, escapeMarkdownStrict);

/** UI labels of the hover and the explanation, already localised by the caller. */
export interface HoverLabels {
  facility: string;
  component: string;
  win32: string;
  meaning: string;
  genericMeaning: string;
  cause: string;
  steps: string;
  collect: string;
  sources: string;
  aliases: string;
  asLogged: string;
  loggedName: string;
  unnamed: string;
  /** `Extend code`: the line naming the upgrade phase and operation. */
  extendCode: string;
  /** `Upgrade failure`: what the extend code (and its pair) means. */
  upgradeMeaning: string;
  upgradeSteps: string;
  /** `Next step` (the hover's one step). */
  nextStep: string;
  /** `More…` (the link to the full explanation). */
  more: string;
  /** `Where this comes from` (the explanation's plain-words source line). */
  whereFrom: string;
  /** Where the name comes from, in plain words, per confidence. */
  plainSource: Record<Confidence, string>;
  /** Appended when the meaning is the general one of the code's range. */
  plainGeneric: string;
}

/** An extend code with its description (describeExtended). */
export interface UpgradePart {
  extended: ExtendedCode;
  summary: string;
  nextSteps: string[];
}

/** Short line: `Extend code: 0x30018 — FIRST_BOOT · SYSPREP`. */
function extendLine(x: ExtendedCode, L: HoverLabels): string {
  const op = x.operationName ?? `0x${x.operation.toString(16).toUpperCase()}`;
  return `${esc(L.extendCode)}: **${esc(formatExtended(x.code))}** \u2014 ${esc(`${x.phaseName} \u00b7 ${op}`)}`;
}

/** Where the facts come from, in plain words: "Name from Windows' public headers". */
export function plainSource(e: CodeExplanation, L: HoverLabels): string {
  return `${L.plainSource[e.confidence]}${e.specific ? '' : L.plainGeneric}`;
}

/**
 * The hover: what fits in VS Code's hover box. The code and its name, an upgrade's extend code,
 * the meaning in one line, the most useful next step, and a line with where the name comes from
 * and `more` (a link to the full explanation, made by the caller; empty for none). Log and table
 * text goes through escapeMarkdownStrict.
 */
export function hoverMarkdown(e: CodeExplanation, L: HoverLabels, upgrade?: UpgradePart, more = ''): string {
  const parts: string[] = [];
  const head = `**${esc(e.code)}** \u2014 **${esc(e.name ?? L.unnamed)}**`;
  parts.push(upgrade ? `${head}  \n${extendLine(upgrade.extended, L)}` : head);
  parts.push(own(upgrade ? upgrade.summary : e.text.summary));
  const step = upgrade?.nextSteps[0] ?? e.text.steps[0];
  if (step) parts.push(`**${esc(L.nextStep)}:** ${own(step)}`);
  parts.push(`*${esc(plainSource(e, L))}*${more ? ` \u00b7 ${more}` : ''}`);
  return parts.join('\n\n');
}

/** The hover of an extend code written alone (`Extended: [0x2000c]`). */
export function extendedHoverMarkdown(u: UpgradePart, L: HoverLabels, more = ''): string {
  const parts = [extendLine(u.extended, L), own(u.summary)];
  if (u.nextSteps[0]) parts.push(`**${esc(L.nextStep)}:** ${own(u.nextSteps[0])}`);
  if (more) parts.push(more);
  return parts.join('\n\n');
}

function upgradeParts(u: UpgradePart, L: HoverLabels): string[] {
  return [
    `**${esc(L.upgradeMeaning)}:** ${own(u.summary)}`,
    `**${esc(L.upgradeSteps)}:**\n\n${u.nextSteps.map((s, i) => `${i + 1}. ${own(s)}`).join('\n')}`,
  ];
}

/** The full explanation of an extend code written alone. */
export function extendedMarkdown(u: UpgradePart, L: HoverLabels): string {
  return [extendLine(u.extended, L), ...upgradeParts(u, L)].join('\n\n');
}

/**
 * The full explanation ("More…"): name, facility and component, meaning, an upgrade's extend
 * code, typical cause, all steps, what to ask for, where the facts come from (in plain words,
 * then the sources themselves) and the code as the log wrote it.
 */
export function explanationMarkdown(e: CodeExplanation, ref: CodeRef | undefined, L: HoverLabels, upgrade?: UpgradePart): string {
  const parts: string[] = [];
  parts.push(`## ${esc(e.code)} ${esc(e.name ?? L.unnamed)}`);
  if (upgrade) parts.push(extendLine(upgrade.extended, L));
  if (e.aliases?.length) parts.push(`${esc(L.aliases)}: ${esc(e.aliases.join(', '))}`);
  const facts: string[] = [`${esc(L.facility)}: ${esc(`${e.facility.name} (${e.facility.id})`)}${e.facilityLabel ? ` \u00b7 ${esc(e.facilityLabel)}` : ''}`];
  if (e.component) facts.push(`${esc(L.component)}: ${esc(e.component)}`);
  if (e.win32 !== undefined) facts.push(`${esc(L.win32)}: ${e.win32}`);
  parts.push(facts.join('  \n'));
  parts.push(`**${esc(L.meaning)}:** ${own(e.text.summary)}${e.specific ? '' : ` *${esc(L.genericMeaning)}*`}`);
  if (upgrade) parts.push(...upgradeParts(upgrade, L));
  if (e.text.cause) parts.push(`**${esc(L.cause)}:** ${own(e.text.cause)}`);
  if (e.text.steps.length) parts.push(`**${esc(L.steps)}:**\n\n${e.text.steps.map((s, i) => `${i + 1}. ${own(s)}`).join('\n')}`);
  if (e.text.collect?.length) parts.push(`**${esc(L.collect)}:**\n\n${e.text.collect.map((s) => `- ${own(s)}`).join('\n')}`);
  parts.push(`**${esc(L.whereFrom)}:** ${esc(plainSource(e, L))}  \n${esc(L.sources)}: ${esc(e.sources.join('; '))}`);
  if (ref) {
    let logged = `${esc(L.asLogged)}: ${esc(ref.text)}`;
    if (ref.loggedName) logged += ` \u00b7 ${esc(L.loggedName)}: ${esc(ref.loggedName)}`;
    parts.push(logged);
  }
  return parts.join('\n\n');
}
