// The report views of this session: one per set of logs (summarizing the same logs again shows
// their report, refreshed; other logs get their own), opened in one column beside the logs.
// Knows which report is current for "Copy Report" and "Save Report As", and sets the
// `wuLogLens.hasReport` context key for the Command Palette.
import * as vscode from 'vscode';
import type { CollectedAnalysis } from './collectAnalysis';
import type { ReportSource } from './reportSource';
import { ReportView, type ReportViewHost } from './reportView';

export class ReportViews implements vscode.Disposable {
  private readonly views = new Map<string, ReportView>();
  /** Most recently shown or focused first. */
  private order: ReportView[] = [];
  /** Toolbar buttons of the views (set by the feature's index). */
  onAction: (view: ReportView, action: string) => void = () => undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  private readonly host: ReportViewHost = {
    action: (view, action) => this.onAction(view, action),
    disposed: (view) => {
      if (this.views.get(view.key) === view) this.views.delete(view.key);
      this.order = this.order.filter((v) => v !== view);
      this.updateContext();
    },
  };

  /** Shows the report of `source`: its existing view updated, or a new view beside the log. */
  show(source: ReportSource, collected: CollectedAnalysis, logColumn: vscode.ViewColumn | undefined): ReportView {
    let view = this.views.get(source.key);
    if (view) {
      view.show(collected);
      view.reveal(view.panel.viewColumn, false);
    } else {
      // One column for all reports: beside the log the first time, then where the reports are.
      const column = this.order.find((v) => v.panel.viewColumn !== undefined)?.panel.viewColumn ?? vscode.ViewColumn.Beside;
      view = new ReportView(source, this.extensionUri, column, logColumn, this.host);
      this.views.set(source.key, view);
      const v = view;
      view.panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) this.touch(v);
      });
      view.show(collected);
    }
    this.touch(view);
    this.updateContext();
    return view;
  }

  /** The report to copy or save: the active report view, else the last one shown. */
  current(): ReportView | undefined {
    return this.order.find((v) => v.panel.active) ?? this.order[0];
  }

  get(key: string): ReportView | undefined {
    return this.views.get(key);
  }

  /** Marks `view` as the most recent. */
  private touch(view: ReportView): void {
    this.order = [view, ...this.order.filter((v) => v !== view)];
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'wuLogLens.hasReport', this.views.size > 0);
  }

  dispose(): void {
    for (const v of [...this.views.values()]) v.dispose();
    this.views.clear();
    this.order = [];
  }
}
