// Registers the "WU Log Lens" tree view (Explorer) with its commands; dispose the result.
import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../analysisService/documentAnalyses';
import { registerEditorSync } from './editorSync';
import { registerRevealLine } from './revealLineCommand';
import { registerTreeCommands } from './treeCommands';
import { LogTreeProvider } from './treeProvider';
import { registerTreeSnapshot } from './treeSnapshotCommand';
import { baseName } from '../common/uris';

export const TREE_VIEW_ID = 'wuLogLens.tree';
export const REFRESH_TREE_COMMAND = 'wuLogLens.refreshTree';

export function registerTreeView(analyses: DocumentAnalyses, state?: vscode.Memento): vscode.Disposable {
  const provider = new LogTreeProvider(analyses, state);
  const view = vscode.window.createTreeView(TREE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const describe = (uri: vscode.Uri | undefined) => {
    view.description = uri ? baseName(uri) : undefined;
  };
  describe(provider.documentUri);
  return vscode.Disposable.from(
    provider,
    view,
    provider.onDidChangeSource(describe),
    registerRevealLine(),
    registerEditorSync(view, provider),
    registerTreeSnapshot(provider, view),
    registerTreeCommands(provider, view),
    vscode.commands.registerCommand(REFRESH_TREE_COMMAND, () => provider.refresh()),
  );
}
