// Hover logic without VS Code: which code is under the cursor (via the shared findCodes
// tokenizer) and the escaped Markdown that explains it. The provider only wraps this.
import { findCodes } from '../core/tokens';
import type { CodeRef } from '../core/model/types';
import type { CodeExplanation, Confidence } from '../core/errors';

/** Lines longer than this are searched only in a window around the cursor. */
const LONG_LINE = 20_000;
const WINDOW = 1_000;

/** The code whose span holds `character`, or undefined. Spans are [start, end). */
export function codeAt(line: string, character: number): CodeRef | undefined {
  let text = line;
  let offset = 0;
  if (line.length > LONG_LINE) {
    offset = Math.max(0, character - WINDOW);
    text = line.slice(offset, Math.min(line.length, character + WINDOW));
  }
  const c = character - offset;
  for (const ref of findCodes(text)) {
    if (ref.span.start <= c && c < ref.span.end) {
      return offset ? { ...ref, span: { start: ref.span.start + offset, end: ref.span.end + offset } } : ref;
    }
    if (ref.span.start > c) break;
  }
  return undefined;
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
}

/** Markdown for one explained code. Every piece of log or table text goes through escapeMarkdown. */
export function hoverMarkdown(e: CodeExplanation, ref: CodeRef | undefined, L: HoverLabels): string {
  const esc = escapeMarkdown;
  const parts: string[] = [];
  parts.push(`**${esc(e.code)}** \u2014 **${esc(e.name ?? L.unnamed)}**`);
  if (e.aliases?.length) parts.push(`${esc(L.aliases)}: ${esc(e.aliases.join(', '))}`);

  const facts: string[] = [`${esc(L.facility)}: ${esc(`${e.facility.name} (${e.facility.id})`)}${e.facilityLabel ? ` \u00b7 ${esc(e.facilityLabel)}` : ''}`];
  if (e.component) facts.push(`${esc(L.component)}: ${esc(e.component)}`);
  if (e.win32 !== undefined) facts.push(`${esc(L.win32)}: ${e.win32}`);
  parts.push(facts.join('  \n'));

  parts.push(`**${esc(L.meaning)}:** ${escapeWithCode(e.text.summary)}${e.specific ? '' : ` *${esc(L.genericMeaning)}*`}`);
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
