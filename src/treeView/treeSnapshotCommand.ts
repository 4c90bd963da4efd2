// `wuLogLens.test.treeSnapshot(depth?)`: the tree as plain JSON, for integration tests (hidden from
// the Command Palette). It walks the same provider the view uses, so tests see what users see.
import * as vscode from 'vscode';
import type { LogTreeProvider } from './treeProvider';
import type { TreeNode, TreeOptions } from './treeModel';

export const TREE_SNAPSHOT_COMMAND = 'wuLogLens.test.treeSnapshot';
/** `wuLogLens.test.treeNode(labels)`: the node reached by a path of labels from the roots (the argument the view's menus pass). */
export const TREE_NODE_COMMAND = 'wuLogLens.test.treeNode';

export interface SnapshotNode {
  label: string;
  description?: string;
  tooltip?: string;
  tooltipTrusted?: boolean;
  icon?: string;
  color?: string;
  collapsible: number;
  contextValue?: string;
  command?: { command: string; arguments: unknown[] };
  children?: SnapshotNode[];
}

export interface TreeSnapshot {
  uri?: string;
  roots: SnapshotNode[];
  /** Labels of the nodes selected in the view. */
  selection: string[];
  visible: boolean;
  options: TreeOptions;
}

/** Nodes expanded at most per level, so a snapshot of a big log stays small. */
const MAX_CHILDREN = 300;

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

export function snapshot(provider: LogTreeProvider, view: vscode.TreeView<TreeNode>, depth: number): TreeSnapshot {
  const walk = (node: TreeNode, level: number): SnapshotNode => {
    const item = provider.getTreeItem(node);
    const tip = item.tooltip;
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
    const out: SnapshotNode = {
      label: labelOf(item),
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip: tip instanceof vscode.MarkdownString ? tip.value : tip,
      tooltipTrusted: tip instanceof vscode.MarkdownString ? Boolean(tip.isTrusted) : undefined,
      icon: icon?.id,
      // ThemeColor.id is public since 1.94; our @types are older.
      color: (icon?.color as { id?: string } | undefined)?.id,
      collapsible: item.collapsibleState ?? 0,
      contextValue: item.contextValue,
    };
    if (item.command) {
      out.command = {
        command: item.command.command,
        arguments: (item.command.arguments ?? []).map((a) => (a instanceof vscode.Uri ? a.toString() : a)),
      };
    }
    if (level < depth && out.collapsible !== vscode.TreeItemCollapsibleState.None) {
      out.children = provider.getChildren(node).slice(0, MAX_CHILDREN).map((c) => walk(c, level + 1));
    }
    return out;
  };
  return {
    uri: provider.documentUri?.toString(),
    roots: provider.getChildren().map((n) => walk(n, 1)),
    selection: view.selection.map((n) => labelOf(provider.getTreeItem(n))),
    visible: view.visible,
    options: provider.options,
  };
}

/** The node at a path of labels (each a prefix of the node's label), or undefined. */
export function nodeAt(provider: LogTreeProvider, labels: readonly string[]): TreeNode | undefined {
  let node: TreeNode | undefined;
  for (const want of labels) {
    node = provider.getChildren(node).find((n) => labelOf(provider.getTreeItem(n)).startsWith(want));
    if (!node) return undefined;
  }
  return node;
}

export function registerTreeSnapshot(provider: LogTreeProvider, view: vscode.TreeView<TreeNode>): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(TREE_SNAPSHOT_COMMAND, (depth?: number) =>
      snapshot(provider, view, typeof depth === 'number' && depth > 0 ? Math.min(depth, 8) : 3),
    ),
    vscode.commands.registerCommand(TREE_NODE_COMMAND, (labels?: unknown) =>
      (Array.isArray(labels) && labels.every((l) => typeof l === 'string') ? nodeAt(provider, labels) : undefined),
    ),
  );
}
