// Commands of the tree view (its title bar and context menus only; hidden from the Command
// Palette): group by update or by call, failures only or everything, copy an update id, KB or
// cV, explain a code, summarize one update, open a focus view of a node.
import * as vscode from 'vscode';
import { analysisForUpdate } from '../core/navigate';
import { renderMarkdown } from '../core/report';
import { OPEN_FOCUS_COMMAND } from '../focusView';
import { showAnalysisReport } from '../summarize';
import { EXPLAIN_CODE_COMMAND } from '../hover/explainArgs';
import type { LogTreeProvider } from './treeProvider';
import type { TreeNode } from './treeModel';
import { targetsOf } from './treeTargets';

export const TREE_COMMANDS = {
  groupByUpdate: 'wuLogLens.treeGroupByUpdate',
  groupByCall: 'wuLogLens.treeGroupByCall',
  failuresOnly: 'wuLogLens.treeShowFailuresOnly',
  showAll: 'wuLogLens.treeShowAll',
  copyUpdateId: 'wuLogLens.treeCopyUpdateId',
  copyKb: 'wuLogLens.treeCopyKb',
  copyCv: 'wuLogLens.treeCopyCv',
  explainCode: 'wuLogLens.treeExplainCode',
  summarizeUpdate: 'wuLogLens.treeSummarizeUpdate',
  openFocusView: 'wuLogLens.treeOpenFocusView',
} as const;

function isNode(v: unknown): v is TreeNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

export function registerTreeCommands(provider: LogTreeProvider, view: vscode.TreeView<TreeNode>): vscode.Disposable {
  /** The node a menu was opened on, else the view's selection. */
  const nodeOf = (arg: unknown): TreeNode | undefined => (isNode(arg) ? arg : view.selection[0]);
  const targets = (arg: unknown) => {
    const node = nodeOf(arg);
    const model = provider.current;
    return node && model ? { node, model, t: targetsOf(model, node) } : undefined;
  };
  const copy = async (text: string | undefined): Promise<string | undefined> => {
    if (!text) return undefined;
    await vscode.env.clipboard.writeText(text);
    const t = provider.current?.env.t ?? ((s: string) => s);
    vscode.window.setStatusBarMessage(t('Copied {0}', text), 3000);
    return text;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(TREE_COMMANDS.groupByUpdate, () => provider.setOptions({ groupBy: 'update' })),
    vscode.commands.registerCommand(TREE_COMMANDS.groupByCall, () => provider.setOptions({ groupBy: 'call' })),
    vscode.commands.registerCommand(TREE_COMMANDS.failuresOnly, () => provider.setOptions({ failuresOnly: true })),
    vscode.commands.registerCommand(TREE_COMMANDS.showAll, () => provider.setOptions({ failuresOnly: false })),
    vscode.commands.registerCommand(TREE_COMMANDS.copyUpdateId, (arg?: unknown) => copy(targets(arg)?.t.updateIdText)),
    vscode.commands.registerCommand(TREE_COMMANDS.copyKb, (arg?: unknown) => {
      const kb = targets(arg)?.t.kb;
      return copy(kb ? `KB${kb}` : undefined);
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.copyCv, (arg?: unknown) => copy(targets(arg)?.t.cv)),
    vscode.commands.registerCommand(TREE_COMMANDS.explainCode, async (arg?: unknown) => {
      const x = targets(arg);
      if (x?.t.code === undefined) return undefined;
      // The one explanation view (the hover's "More…" opens the same).
      return vscode.commands.executeCommand(EXPLAIN_CODE_COMMAND, { code: x.t.code });
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.summarizeUpdate, async (arg?: unknown) => {
      const x = targets(arg);
      const uri = provider.documentUri;
      if (!x?.t.updateId || !uri) return undefined;
      const part = analysisForUpdate(x.model.analysis, x.t.updateId, x.t.kb);
      const target = uri.scheme === 'untitled' ? undefined : uri.toString();
      // The report view of this update alone, beside the log like any report.
      showAnalysisReport(`update:${uri.toString()}#${x.t.updateId}`, x.t.kb ? `KB${x.t.kb}` : x.t.updateId,
        { analysis: part, targets: part.files.map((f) => ({ path: f.path, target })), scope: uri });
      return renderMarkdown(part, { lang: x.model.env.lang });
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.openFocusView, (arg?: unknown) => {
      const focus = targets(arg)?.t.focus;
      const uri = provider.documentUri;
      return focus && uri ? vscode.commands.executeCommand(OPEN_FOCUS_COMMAND, uri, focus) : undefined;
    }),
  );
}
