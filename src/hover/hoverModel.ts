// Hover logic without VS Code: which code is under the cursor (via the shared findCodes
// tokenizer) and the escaped Markdown that explains it. The provider only wraps this.
import { findCodes } from '../core/tokens';
import type { CodeRef, Span } from '../core/model/types';
import { decodeExtended, findUpgradeCodes, formatExtended, type CodeExplanation, type Confidence, type ExtendedCode } from '../core/errors';

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

/**
 * Escapes text for Markdown: every ASCII punctuation character gets a backslash (CommonMark
 * allows that for all of them), so log or table text can never form links, HTML, emphasis,
 * code, headings or tables. Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (ch) => `\\${ch}`);
}

/**
 * Our explanation texts write commands as `code`: those become code spans (their content is
 * literal in Markdown and holds no backtick by construction); everything else is escaped.
 */
export function escapeWithCode(text: string): string {
  const parts = text.replace(/[\r\n]+/g, ' ').split('`');
  if (parts.length % 2 === 0) return escapeMarkdown(text); // unbalanced: treat all as text
  return parts
    .map((p, i) => (i % 2 === 0 ? escapeMarkdown(p) : p.trim() ? `\`${p}\`` : `\\\`${escapeMarkdown(p)}\\\``))
    .join('');
}

/** UI labels of the hover, already localised by the caller. */
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
  confidence: string;
  aliases: string;
  asLogged: string;
  loggedName: string;
  unnamed: string;
  confidenceNames: Record<Confidence, string>;
  /** `Extend code`: the line naming the upgrade phase and operation. */
  extendCode: string;
  /** `Upgrade failure`: what the extend code (and its pair) means. */
  upgradeMeaning: string;
  upgradeSteps: string;
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
  return `${escapeMarkdown(L.extendCode)}: **${escapeMarkdown(formatExtended(x.code))}** \u2014 ${escapeMarkdown(`${x.phaseName} \u00b7 ${op}`)}`;
}

function upgradeParts(u: UpgradePart, L: HoverLabels): string[] {
  return [
    `**${escapeMarkdown(L.upgradeMeaning)}:** ${escapeWithCode(u.summary)}`,
    `**${escapeMarkdown(L.upgradeSteps)}:**\n\n${u.nextSteps.map((s, i) => `${i + 1}. ${escapeWithCode(s)}`).join('\n')}`,
  ];
}

/** Markdown for an extend code written alone (`Extended: [0x2000c]`). */
export function extendedMarkdown(u: UpgradePart, L: HoverLabels): string {
  return [extendLine(u.extended, L), ...upgradeParts(u, L)].join('\n\n');
}

/**
 * Markdown for one explained code, with its upgrade extend code when the line pairs one with it
 * (kept short at the top: one line; the advice follows the code's meaning). Every piece of log or
 * table text goes through escapeMarkdown.
 */
export function hoverMarkdown(e: CodeExplanation, ref: CodeRef | undefined, L: HoverLabels, upgrade?: UpgradePart): string {
  const esc = escapeMarkdown;
  const parts: string[] = [];
  parts.push(`**${esc(e.code)}** \u2014 **${esc(e.name ?? L.unnamed)}**`);
  if (upgrade) parts.push(extendLine(upgrade.extended, L));
  if (e.aliases?.length) parts.push(`${esc(L.aliases)}: ${esc(e.aliases.join(', '))}`);

  const facts: string[] = [`${esc(L.facility)}: ${esc(`${e.facility.name} (${e.facility.id})`)}${e.facilityLabel ? ` \u00b7 ${esc(e.facilityLabel)}` : ''}`];
  if (e.component) facts.push(`${esc(L.component)}: ${esc(e.component)}`);
  if (e.win32 !== undefined) facts.push(`${esc(L.win32)}: ${e.win32}`);
  parts.push(facts.join('  \n'));

  parts.push(`**${esc(L.meaning)}:** ${escapeWithCode(e.text.summary)}${e.specific ? '' : ` *${esc(L.genericMeaning)}*`}`);
  if (upgrade) parts.push(...upgradeParts(upgrade, L));
  if (e.text.cause) parts.push(`**${esc(L.cause)}:** ${escapeWithCode(e.text.cause)}`);
  if (e.text.steps.length) {
    parts.push(`**${esc(L.steps)}:**\n\n${e.text.steps.map((s, i) => `${i + 1}. ${escapeWithCode(s)}`).join('\n')}`);
  }
  if (e.text.collect?.length) {
    parts.push(`**${esc(L.collect)}:**\n\n${e.text.collect.map((s) => `- ${escapeWithCode(s)}`).join('\n')}`);
  }
  const conf = `${esc(L.confidence)}: ${esc(L.confidenceNames[e.confidence])}`;
  parts.push(`${esc(L.sources)}: ${esc(e.sources.join('; '))}  \n${conf}`);
  if (ref) {
    let logged = `${esc(L.asLogged)}: ${esc(ref.text)}`;
    if (ref.loggedName) logged += ` \u00b7 ${esc(L.loggedName)}: ${esc(ref.loggedName)}`;
    parts.push(logged);
  }
  return parts.join('\n\n');
}
