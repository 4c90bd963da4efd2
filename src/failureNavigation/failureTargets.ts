// The failure lines of a document, as next/previous failure and the scrollbar marks see them: a
// log's own (from its analysis), or, in a view document, its sources' failures at the view lines
// that show them.
import type * as vscode from 'vscode';
import { isLogDocument, type DocumentAnalyses } from '../analysisService/documentAnalyses';
import { isViewDocument } from '../common/viewSchemes';
import { failureLines, type FailureSet } from '../core/navigate';
import type { ViewLineMaps } from '../viewDocuments/lineMaps';

export interface FailureTargets {
  /** Lines to visit, ascending. */
  lines: number[];
  /** Deciding failures still failing at the end of the logs, and those that recovered later (for the marks). */
  stillFailing: number[];
  recovered: number[];
}

const EMPTY: FailureTargets = { lines: [], stillFailing: [], recovered: [] };

function ofAnalysis(analysis: NonNullable<ReturnType<DocumentAnalyses['peek']>>['analysis'], set: FailureSet): FailureTargets {
  const stillFailing: number[] = [];
  const recovered: number[] = [];
  for (const f of analysis.failures) if (f.at.file === 0) (f.recovered ? recovered : stillFailing).push(f.at.line);
  return { lines: failureLines(analysis, set), stillFailing, recovered };
}

export function failureTargets(document: vscode.TextDocument, set: FailureSet, analyses: DocumentAnalyses, maps: ViewLineMaps): FailureTargets {
  if (isLogDocument(document)) {
    const entry = analyses.get(document);
    return entry ? ofAnalysis(entry.analysis, set) : EMPTY;
  }
  if (!isViewDocument(document.uri)) return EMPTY;
  const map = maps.get(document);
  if (!map) return EMPTY;
  const out: FailureTargets = { lines: [], stillFailing: [], recovered: [] };
  for (const source of map.sources) {
    const entry = analyses.peek(source);
    if (!entry) continue;
    const t = ofAnalysis(entry.analysis, set);
    out.lines.push(...maps.viewLinesOf(document, source, t.lines));
    out.stillFailing.push(...maps.viewLinesOf(document, source, t.stillFailing));
    out.recovered.push(...maps.viewLinesOf(document, source, t.recovered));
  }
  out.lines.sort((a, b) => a - b);
  return out;
}
