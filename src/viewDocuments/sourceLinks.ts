// Every line of a view document leads back to its source line: a link on its first characters
// (the timestamp, or the timeline's tag), Go to Definition anywhere on the line, and the
// "Go to Source Line" command (editor context menu and title of views).
import * as vscode from 'vscode';
import { FOCUS_SCHEME, TIMELINE_SCHEME, isViewDocument } from '../common/viewSchemes';
import { translatorFor } from '../settings/translate';
import { configuredLang } from '../settings/language';
import type { ViewLineMaps } from './lineMaps';

export const GO_TO_SOURCE_COMMAND = 'wuLogLens.goToSourceLine';

/** Links made per view at most (a link per line; a larger view still has the command and Go to Definition). */
const MAX_LINKS = 50_000;
/** Characters of a line that carry its link: the timestamp of a log line. */
const LINK_CHARS = 27;
const VIEW_SELECTOR: vscode.DocumentSelector = [{ scheme: FOCUS_SCHEME }, { scheme: TIMELINE_SCHEME }];

/** Opens the source of a view line and selects it. Returns the source line, or undefined. */
export async function goToSourceLine(maps: ViewLineMaps, view?: vscode.Uri | string, line?: number): Promise<{ uri: string; line: number } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const viewUri = typeof view === 'string' ? vscode.Uri.parse(view) : view ?? editor?.document.uri;
  const viewLine = typeof line === 'number' ? line : editor && viewUri && editor.document.uri.toString() === viewUri.toString() ? editor.selection.active.line : undefined;
  if (!viewUri || viewLine === undefined || !isViewDocument(viewUri)) return undefined;
  const viewDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === viewUri.toString());
  const target = viewDoc ? maps.sourceOf(viewDoc, viewLine) : undefined;
  if (!target) {
    const t = translatorFor(configuredLang(viewUri));
    void vscode.window.setStatusBarMessage(t('This line has no source line.'), 4000);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(target.uri);
  const l = Math.min(target.line, document.lineCount - 1);
  const range = document.lineAt(l).range;
  const other = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.uri.toString());
  await vscode.window.showTextDocument(document, { viewColumn: other?.viewColumn, selection: range, preview: false });
  return { uri: target.uri.toString(), line: l };
}

class SourceLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly maps: ViewLineMaps) {}

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const map = this.maps.get(document);
    if (!map) return [];
    const t = translatorFor(configuredLang(document.uri));
    const tooltip = t('Go to the source line');
    const out: vscode.DocumentLink[] = [];
    const n = Math.min(document.lineCount, map.source.length);
    for (let i = 0; i < n && out.length < MAX_LINKS; i++) {
      if (map.source[i] < 0) continue;
      const text = document.lineAt(i).text;
      if (!text) continue;
      const args = encodeURIComponent(JSON.stringify([document.uri.toString(), i]));
      const link = new vscode.DocumentLink(new vscode.Range(i, 0, i, Math.min(text.length, LINK_CHARS)), vscode.Uri.parse(`command:${GO_TO_SOURCE_COMMAND}?${args}`));
      link.tooltip = tooltip;
      out.push(link);
    }
    return out;
  }
}

class SourceDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly maps: ViewLineMaps) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const target = this.maps.sourceOf(document, position.line);
    return target ? new vscode.Location(target.uri, new vscode.Position(target.line, 0)) : undefined;
  }
}

export function registerSourceLinks(maps: ViewLineMaps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerDocumentLinkProvider(VIEW_SELECTOR, new SourceLinkProvider(maps)),
    vscode.languages.registerDefinitionProvider(VIEW_SELECTOR, new SourceDefinitionProvider(maps)),
    vscode.commands.registerCommand(GO_TO_SOURCE_COMMAND, (view?: vscode.Uri | string, line?: number) => goToSourceLine(maps, view, line)),
  );
}
