// The tree view's data provider: follows the active editor and shows the shared analysis of the
// log in it (never parses again). Children are built lazily by TreeModel, one page at a time;
// the grouping (by update or by call) and the failures-only filter are kept in workspace state.
import * as vscode from 'vscode';
import { type DocumentAnalyses, isLogDocument } from '../analysisService/documentAnalyses';
import { Disposables } from '../common/disposables';
import { configuredLang } from '../settings/language';
import { affects } from '../settings/settings';
import { translatorFor } from '../settings/translate';
import { REVEAL_LINE_COMMAND } from './revealLineCommand';
import { type TreeNode, type TreeOptions, TreeModel } from './treeModel';
import { type IconColor, viewOf } from './treeNodeViews';

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

/** Where the view's grouping and filter are kept between sessions (workspace state). */
const OPTIONS_KEY = 'wuLogLens.treeOptions';

export class LogTreeProvider extends Disposables implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | undefined | void>());
  readonly onDidChangeTreeData = this.changed.event;
  /** Fires with the shown document (undefined when none) after the tree changed its source. */
  private readonly sourceChanged = this.register(new vscode.EventEmitter<vscode.Uri | undefined>());
  readonly onDidChangeSource = this.sourceChanged.event;
  private model?: TreeModel;
  private document?: vscode.TextDocument;
  private opts: TreeOptions;
  private childCache = new Map<TreeNode | typeof ROOT, TreeNode[]>();
  private parents = new WeakMap<TreeNode, TreeNode | undefined>();

  constructor(private readonly analyses: DocumentAnalyses, private readonly state?: vscode.Memento) {
    super();
    const saved = state?.get<Partial<TreeOptions>>(OPTIONS_KEY);
    this.opts = { groupBy: saved?.groupBy === 'call' ? 'call' : 'update', failuresOnly: saved?.failuresOnly === true };
    this.register(vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)));
    this.register(analyses.onDidChange((uri) => this.onAnalysis(uri)));
    // Code names and meanings follow wuLogLens.language.
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'language')) this.refresh();
    }));
    this.register(analyses.onDidRemove((uri) => {
      if (this.document && uri.toString() === this.document.uri.toString()) this.follow(vscode.window.activeTextEditor, true);
    }));
    this.publishOptions();
    this.follow(vscode.window.activeTextEditor);
  }

  /** The document the tree shows, if any. */
  get documentUri(): vscode.Uri | undefined {
    return this.model ? this.document?.uri : undefined;
  }

  /** The model shown (for the view's commands). */
  get current(): TreeModel | undefined {
    return this.model;
  }

  get options(): TreeOptions {
    return this.opts;
  }

  /** Changes the grouping or the failures-only filter, remembers it, and redraws. */
  setOptions(change: Partial<TreeOptions>): TreeOptions {
    this.opts = { ...this.opts, ...change };
    void this.state?.update(OPTIONS_KEY, this.opts);
    this.publishOptions();
    this.refresh();
    return this.opts;
  }

  /** Re-reads the active editor's analysis and redraws. */
  refresh(): void {
    this.follow(vscode.window.activeTextEditor, true);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const model = this.model;
    if (!model) return new vscode.TreeItem('');
    const v = viewOf(model, node);
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
      item.command = { command: REVEAL_LINE_COMMAND, title: model.env.t('Reveal Line'), arguments: [this.document.uri, v.line] };
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
   *  innermost call, CBS session or DISM run around it (first page of each section). */
  nodeForLine(line: number): TreeNode | undefined {
    const sections = this.getChildren().filter((r) => r.type === 'section');
    for (const root of sections) {
      for (const f of this.getChildren(root)) {
        if (f.type === 'failure' && (f.failure.at.line === line || f.failure.evidence.some((e) => e.file === 0 && e.line === line))) return f;
      }
    }
    let best: TreeNode | undefined;
    let bestStart = -1;
    const consider = (node: TreeNode, start: number, end: number | undefined): void => {
      if (start <= line && line <= (end ?? start) && start > bestStart) {
        best = node;
        bestStart = start;
      }
    };
    for (const root of sections) {
      for (const c of this.getChildren(root)) {
        if (c.type === 'call') consider(c, c.call.startLine, c.call.endLine);
        else if (c.type === 'session') consider(c, c.session.startLine, c.session.endLine);
        else if (c.type === 'dismRun') consider(c, c.run.startLine, c.run.endLine ?? c.run.resultLine);
      }
    }
    return best;
  }

  private publishOptions(): void {
    void vscode.commands.executeCommand('setContext', 'wuLogLens.treeGroupBy', this.opts.groupBy);
    void vscode.commands.executeCommand('setContext', 'wuLogLens.treeFailuresOnly', this.opts.failuresOnly);
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
    // In a turn of its own: the Problems panel, told of the same analysis, renders first and the
    // extension host is not held by both at once (a large log's tree takes tens of milliseconds).
    setImmediate(() => {
      if (this.isDisposed) return;
      const active = vscode.window.activeTextEditor?.document;
      if (active && active.uri.toString() === uri.toString()) this.follow(vscode.window.activeTextEditor, true);
    });
  }

  private show(document: vscode.TextDocument | undefined, analysis: TreeModel['analysis'] | undefined): void {
    const hadModel = this.model !== undefined;
    this.childCache = new Map();
    this.parents = new WeakMap();
    if (document && analysis) {
      this.document = document;
      // Labels speak the same language as the code names in them (wuLogLens.language), as in the hover and Problems panel.
      const lang = configuredLang(document.uri);
      this.model = new TreeModel({ analysis, t: translatorFor(lang), lang, lineText: (line) => lineTextOf(document, line), options: this.opts });
    } else {
      this.document = undefined;
      this.model = undefined;
    }
    void vscode.commands.executeCommand('setContext', 'wuLogLens.treeHasLog', this.model !== undefined);
    if (hadModel || this.model) this.changed.fire();
    this.sourceChanged.fire(this.documentUri);
  }
}

function lineTextOf(document: vscode.TextDocument, line: number): string | undefined {
  if (document.isClosed || line < 0 || line >= document.lineCount) return undefined;
  return document.lineAt(line).text;
}
