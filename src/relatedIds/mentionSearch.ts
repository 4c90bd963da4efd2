// Finding the mentions of an id in documents: one regex pass over a document's text, offsets
// turned into ranges. A numbered call id (`Id = 22`) counts only inside the run of the service
// it belongs to (the agent numbers its calls from 1 again after each start).
import * as vscode from 'vscode';
import { isLogDocument } from '../analysisService/documentAnalyses';
import { idAt, mentionPattern, SERVICE_START, type IdToken } from '../core/navigate';

/** Mentions listed per document at most. */
export const MAX_MENTIONS = 5000;

/** The id under the position, if any (a column right after the id counts). */
export function tokenAt(document: vscode.TextDocument, position: vscode.Position): IdToken | undefined {
  if (position.line >= document.lineCount) return undefined;
  const text = document.lineAt(position.line).text;
  try {
    return idAt(text, position.character);
  } catch {
    return undefined;
  }
}

/** The range of the token on its line. */
export function tokenRange(line: number, token: IdToken): vscode.Range {
  return new vscode.Range(line, token.span.start, line, token.span.end);
}

/** Lines [start, end] of the service run around `line` (the whole document when none is logged). */
function serviceRun(document: vscode.TextDocument, line: number): [number, number] {
  const text = document.getText();
  let start = 0;
  let end = document.lineCount - 1;
  for (const m of text.matchAll(new RegExp(SERVICE_START.source, 'g'))) {
    const l = document.positionAt(m.index).line;
    if (l <= line) start = l;
    else {
      end = l - 1;
      break;
    }
  }
  return [start, end];
}

/** Every mention of the id in the document (capped), in order. `around`: the line the search started from (call ids). */
export function mentionRanges(document: vscode.TextDocument, token: Pick<IdToken, 'kind' | 'value'>, around?: number): vscode.Range[] {
  const re = mentionPattern(token);
  const text = document.getText();
  const out: vscode.Range[] = [];
  const numberedCall = token.kind === 'callId' && token.value.indexOf('-') < 0;
  if (numberedCall && around === undefined) return out;
  const [from, to] = numberedCall ? serviceRun(document, around ?? 0) : [0, Number.MAX_SAFE_INTEGER];
  for (const m of text.matchAll(re)) {
    const start = document.positionAt(m.index);
    if (start.line < from) continue;
    if (start.line > to || out.length >= MAX_MENTIONS) break;
    out.push(new vscode.Range(start, document.positionAt(m.index + m[0].length)));
  }
  return out;
}

/** The logs open in the editor (analysed logs only: views repeat their lines), the given one first. */
export function openLogs(first: vscode.TextDocument): vscode.TextDocument[] {
  const others = vscode.workspace.textDocuments.filter((d) => d !== first && isLogDocument(d));
  return isLogDocument(first) ? [first, ...others] : others;
}
