// IDs that tie lines together: update ids (`{GUID}.200`), KB numbers, correlation vectors, the
// agent's call ids (`CallerId = X  Id = 22`) and CBS session ids (`Session: 30792768_10289970`).
// Which one is under a column, how to find its mentions in a text, and which mention defines it.
import type { Span } from '../model/types';
import { findCvs, findKbs, findUpdateIds } from '../tokens';
import { escapeRegExp } from '../text/regexp';

export type IdKind = 'update' | 'kb' | 'cv' | 'callId' | 'session';

export interface IdToken {
  kind: IdKind;
  /** Normalised: update id upper case without braces or revision, KB digits, cV as written, call id digits, session id. */
  value: string;
  span: Span;
}

const CALL_ID = /\bId = (\d{1,9})\b/g;
const DEPLOY_CALL = /call id = \{?$/i;
const SESSION = /(?<![\w.])(\d{8}_\d{1,10})(?!\w)/g;
/** ReportingEvents: the correlation vector is the last tab-separated field, without `cV =`. */
const TAB_CV = /\t([A-Za-z0-9+/]{16,24}(?:\.\d{1,6}){0,40})[ ]{0,4}$/;
/** `* START * Service startup`: call ids start again from 1 in each run of the service. */
export const SERVICE_START = /\* START \* {1,4}Service startup/g;

const within = (span: Span, col: number): boolean => col >= span.start && col <= span.end;

/** The id under `column` of `line` (a column at the end of the token counts), or undefined. */
export function idAt(line: string, column: number): IdToken | undefined {
  for (const u of findUpdateIds(line)) {
    if (!within(u.span, column)) continue;
    // `execution of Deploy call id = {GUID}`: the agent's call, not an update.
    const kind = DEPLOY_CALL.test(line.slice(Math.max(0, u.span.start - 20), u.span.start)) ? 'callId' : 'update';
    return { kind, value: u.id, span: u.span };
  }
  for (const k of findKbs(line)) if (within(k.span, column)) return { kind: 'kb', value: k.kb, span: k.span };
  for (const c of findCvs(line)) if (within(c.span, column)) return { kind: 'cv', value: c.cv, span: c.span };
  const tab = line.indexOf('\t') >= 0 ? TAB_CV.exec(line) : null;
  if (tab) {
    const start = tab.index + 1;
    const span = { start, end: start + tab[1].length };
    if (within(span, column)) return { kind: 'cv', value: tab[1], span };
  }
  const caller = line.indexOf('CallerId');
  if (caller >= 0) {
    for (const m of line.matchAll(CALL_ID)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (m.index > caller && within(span, column)) return { kind: 'callId', value: m[1], span };
    }
  }
  if (line.indexOf('_') >= 0) {
    for (const m of line.matchAll(SESSION)) {
      const span = { start: m.index, end: m.index + m[1].length };
      if (within(span, column)) return { kind: 'session', value: m[1], span };
    }
  }
  return undefined;
}

/** A global regex matching every mention of the id in a text (lines and whole documents alike). */
export function mentionPattern(token: Pick<IdToken, 'kind' | 'value'>): RegExp {
  const v = escapeRegExp(token.value);
  switch (token.kind) {
    case 'update':
      return new RegExp(`(?<![0-9A-Fa-f-])${v}(?![0-9A-Fa-f-])`, 'gi');
    case 'kb':
      return new RegExp(`(?<![A-Za-z0-9])KB${v}(?!\\d)`, 'gi');
    case 'cv':
      // Its own vector and those that extend it (`.1.2` → `.1.2.0`), not `.1.20`.
      return new RegExp(`(?<![A-Za-z0-9+/])${v}(?![A-Za-z0-9+/])`, 'g');
    case 'callId':
      // A deploy call's GUID anywhere; a numbered call id only where the line names its caller.
      if (v.indexOf('-') > 0) return new RegExp(`(?<![0-9A-Fa-f-])${v}(?![0-9A-Fa-f-])`, 'gi');
      return new RegExp(`(?<=CallerId[^\\r\\n]{0,300})\\bId = ${v}(?!\\d)`, 'g');
    case 'session':
      return new RegExp(`(?<![\\w.])${v}(?!\\w)`, 'g');
  }
}

/** Spans of the id's mentions in one line. */
export function mentionsIn(line: string, token: Pick<IdToken, 'kind' | 'value'>): Span[] {
  const out: Span[] = [];
  for (const m of line.matchAll(mentionPattern(token))) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const TITLE = /\bTitle ?= ?\S|^.{0,120}Deserialized installable update /;
/** Lines before an id line that may carry its title (the agent logs `Title = ...` just before `UpdateId = ...`). */
const TITLE_BEFORE = 3;

/**
 * The line that defines the id, among its mention lines (sorted): for an update, the first line
 * that gives its title (on the line or just before it); otherwise, and when no title is logged,
 * the first mention.
 */
export function definitionLine(token: Pick<IdToken, 'kind'>, mentionLines: readonly number[], lineText: (line: number) => string | undefined): number | undefined {
  if (!mentionLines.length) return undefined;
  if (token.kind === 'update') {
    for (const l of mentionLines) {
      if (TITLE.test(lineText(l) ?? '')) return l;
      for (let p = l - 1; p >= Math.max(0, l - TITLE_BEFORE); p--) {
        const t = lineText(p) ?? '';
        if (/\bTitle = /.test(t)) return p;
      }
    }
  }
  return mentionLines[0];
}
