// The tree view's data provider: follows the active editor and shows the shared analysis of the
// log in it (never parses again). Children are built lazily by TreeModel, one page at a time.
import * as vscode from 'vscode';
import { type DocumentAnalyses, isLogDocument } from '../analysisService/documentAnalyses';
import { configuredLang } from '../settings/language';
import { translatorFor } from '../settings/translate';
import { REVEAL_LINE_COMMAND } from './revealLineCommand';
import { type IconColor, type TreeNode, TreeModel } from './treeModel';

const COLORS: Record<IconColor, string> = {
  failed: 'testing.iconFailed',
  passed: 'testing.iconPassed',
  warning: 'list.warningForeground',
  muted: 'disabledForeground',
};

/** Key of the root level in the children cache. */
const ROOT = Symbol('root');

/** Schemes of editors that are not documents a user opened (output, debug console input...). */
const IGNORED_SCHEMES = new Set(['output', 'debug', 'vscode-scm', 'comment']);

export class LogTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private model?: TreeModel;
  private document?: vscode.TextDocument;
  private childCache = new Map<TreeNode | typeof ROOT, TreeNode[]>();
  private parents = new WeakMap<TreeNode, TreeNode | undefined>();

  constructor(private readonly analyses: DocumentAnalyses) {
    this.subscriptions.push(
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)),
      analyses.onDidChange((uri) => this.onAnalysis(uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Code names and meanings follow wuLogLens.language.
        if (e.affectsConfiguration('wuLogLens.language')) this.refresh();
      }),
      analyses.onDidRemove((uri) => {
        if (this.document && uri.toString() === this.document.uri.toString()) this.follow(vscode.window.activeTextEditor, true);
      }),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  /** The document the tree shows, if any. */
  get documentUri(): vscode.Uri | undefined {
    return this.model ? this.document?.uri : undefined;
  }

  /** Fires with the shown document (undefined when none) after the tree changed its source. */
  private readonly sourceChanged = new vscode.EventEmitter<vscode.Uri | undefined>();
  readonly onDidChangeSource = this.sourceChanged.event;

  /** Re-reads the active editor's analysis and redraws. */
  refresh(): void {
    this.follow(vscode.window.activeTextEditor, true);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const model = this.model;
    if (!model) return new vscode.TreeItem('');
    const v = model.view(node);
    const state =
      v.collapsible === 'expanded'
        ? vscode.TreeItemCollapsibleState.Expanded
        : v.collapsible === 'collapsed'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(v.label, state);
    item.description = v.description;
    item.contextValue = v.contextValue;
    if (v.icon) item.iconPath = new vscode.ThemeIcon(v.icon, v.iconColor ? new vscode.ThemeColor(COLORS[v.iconColor]) : undefined);
    if (v.tooltip) {
      const md = new vscode.MarkdownString(v.tooltip);
      md.isTrusted = false;
      md.supportHtml = false;
      md.supportThemeIcons = false;
      item.tooltip = md;
    }
    if (v.line !== undefined && this.document) {
      item.command = { command: REVEAL_LINE_COMMAND, title: vscode.l10n.t('Reveal Line'), arguments: [this.document.uri, v.line] };
    }
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const model = this.model;
    if (!model) return [];
    // Memoised per model so nodes keep their identity (TreeView.reveal and getParent rely on it).
    const key = node ?? ROOT;
    const hit = this.childCache.get(key);
    if (hit) return hit;
    const kids = node ? model.children(node) : model.roots();
    this.childCache.set(key, kids);
    for (const k of kids) this.parents.set(k, node);
    return kids;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node);
  }

  /** The node that best stands for a 0-based line: a failure whose evidence holds it, else the
   *  innermost call around it (first page of each kind only). Undefined when none. */
  nodeForLine(line: number): TreeNode | undefined {
    for (const root of this.getChildren()) {
      if (root.type !== 'section' || root.section !== 'failures') continue;
      for (const f of this.getChildren(root)) {
        if (f.type === 'failure' && (f.failure.at.line === line || f.failure.evidence.some((e) => e.line === line))) return f;
      }
    }
    let best: TreeNode | undefined;
    let bestStart = -1;
    for (const root of this.getChildren()) {
      if (root.type !== 'section' || root.section !== 'calls') continue;
      for (const group of this.getChildren(root)) {
        for (const c of this.getChildren(group)) {
          if (c.type !== 'call') continue;
          const { startLine, endLine } = c.call;
          if (startLine <= line && line <= (endLine ?? startLine) && startLine > bestStart) {
            best = c;
            bestStart = startLine;
          }
        }
      }
    }
    return best;
  }

  private follow(editor: vscode.TextEditor | undefined, force = false): void {
    let document: vscode.TextDocument | undefined;
    if (!editor || IGNORED_SCHEMES.has(editor.document.uri.scheme)) {
      // Focus moving to a panel or the tree itself leaves the last log shown; a forced refresh
      // re-reads it, unless it was closed or is no longer a log.
      if (!force || !this.document) return;
      document = !this.document.isClosed && isLogDocument(this.document) ? this.document : undefined;
    } else {
      document = isLogDocument(editor.document) ? editor.document : undefined;
    }
    const entry = document ? this.analyses.peek(document.uri) ?? this.analyses.get(document) : undefined;
    const same = document && this.document && document.uri.toString() === this.document.uri.toString();
    if (!force && same && entry && this.model?.analysis === entry.analysis) return;
    this.show(document, entry?.analysis);
  }

  private onAnalysis(uri: vscode.Uri): void {
    const active = vscode.window.activeTextEditor?.document;
    if (active && active.uri.toString() === uri.toString()) this.follow(vscode.window.activeTextEditor, true);
  }

  private show(document: vscode.TextDocument | undefined, analysis: TreeModel['analysis'] | undefined): void {
    const hadModel = this.model !== undefined;
    this.childCache = new Map();
    this.parents = new WeakMap();
    if (document && analysis) {
      this.document = document;
      // Labels speak the same language as the code names in them (wuLogLens.language), as in the hover and Problems panel.
      const lang = configuredLang(document.uri);
      this.model = new TreeModel({
        analysis,
        t: translatorFor(lang),
        lang,
        lineText: (line) => lineTextOf(document, line),
      });
    } else {
      this.document = undefined;
      this.model = undefined;
    }
    void vscode.commands.executeCommand('setContext', 'wuLogLens.treeHasLog', this.model !== undefined);
    if (hadModel || this.model) this.changed.fire();
    this.sourceChanged.fire(this.documentUri);
  }

  dispose(): void {
    this.sourceChanged.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function lineTextOf(document: vscode.TextDocument, line: number): string | undefined {
  if (document.isClosed || line < 0 || line >= document.lineCount) return undefined;
  return document.lineAt(line).text;
}
