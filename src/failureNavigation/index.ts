// Next/previous failure commands and the scrollbar marks of deciding failures.
import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../analysisService/documentAnalyses';
import type { ViewLineMaps } from '../viewDocuments/lineMaps';
import { FailureMarks } from './failureMarks';
import { registerNextFailure } from './nextFailureCommand';

export const FAILURE_MARKS_COMMAND = 'wuLogLens.test.failureMarks';

export function registerFailureNavigation(analyses: DocumentAnalyses, maps: ViewLineMaps): vscode.Disposable {
  const marks = new FailureMarks(analyses, maps);
  return vscode.Disposable.from(
    marks,
    registerNextFailure(analyses, maps),
    // For tests: the lines the active editor marks.
    vscode.commands.registerCommand(FAILURE_MARKS_COMMAND, () => {
      const e = vscode.window.activeTextEditor;
      return e ? marks.marked(e) : undefined;
    }),
  );
}
