// One report view: a webview panel that shows the report of one set of logs, always the latest
// (made again when its logs change or the report language changes), whose evidence references
// open the log at the line, and which gives its text as Markdown, plain text and rich text.
import * as vscode from 'vscode';
import type { Analysis } from '../core/analysis';
import { clipboardHtml, markdownToHtml, markdownToText, renderMarkdown, reportFileNames } from '../core/report';
import type { Lang } from '../core/lang';
import { configuredLang } from '../settings/language';
import { translatorFor } from '../settings/translate';
import type { CollectedAnalysis } from './collectAnalysis';
import { openEvidence } from './openEvidence';
import { mediaRoot, pageHtml } from './reportPage';
import type { ReportSource } from './reportSource';
import { messageOf } from './virtualFiles';
import { WebviewChannel, type PageMessage } from './webviewChannel';

export const REPORT_VIEW_TYPE = 'wuLogLens.report';

/** Waits this long after a change of the logs before summarizing again. */
const REFRESH_DELAY_MS = 500;

/** The report in the three forms it is copied and saved in (none holds a local path). */
export interface ReportForms {
  markdown: string;
  text: string;
  /** Rich text for the clipboard (an HTML fragment with inline styles). */
  html: string;
}

/** What the view's owner does for it. */
export interface ReportViewHost {
  /** A toolbar button was clicked (`copy-markdown`, `copy-text`, `copy-html`, `save`). */
  action(view: ReportView, action: string): void;
  disposed(view: ReportView): void;
}

export class ReportView implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly channel: WebviewChannel;
  private readonly subs: vscode.Disposable[] = [];
  private collected: CollectedAnalysis | undefined;
  private forms: ReportForms = { markdown: '', text: '', html: '' };
  private lang: Lang = 'en';
  private warning: string | undefined;
  private updatedAt = new Date();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: vscode.CancellationTokenSource | undefined;
  private disposed = false;

  constructor(
    readonly source: ReportSource,
    private readonly extensionUri: vscode.Uri,
    column: vscode.ViewColumn,
    /** The column of the log the report was made from (evidence opens there). */
    private readonly logColumn: vscode.ViewColumn | undefined,
    private readonly host: ReportViewHost,
  ) {
    this.panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, source.label, { viewColumn: column, preserveFocus: false }, {
      enableScripts: true,
      enableFindWidget: true,
      enableCommandUris: false,
      localResourceRoots: [mediaRoot(extensionUri)],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'tree.svg');
    this.channel = new WebviewChannel(this.panel, (m) => this.onMessage(m));
    this.subs.push(
      this.channel,
      this.source.watch(() => this.scheduleRefresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('wuLogLens.language')) this.render();
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  get key(): string {
    return this.source.key;
  }

  get analysis(): Analysis | undefined {
    return this.collected?.analysis;
  }

  /** Link target of each analysed file (same order as the analysis' files). */
  get targets(): Array<string | undefined> {
    return this.collected?.targets.map((t) => t.target) ?? [];
  }

  get report(): ReportForms {
    return this.forms;
  }

  /** The report's language (the `wuLogLens.language` setting for its logs). */
  get language(): Lang {
    return this.lang;
  }

  /** Shows a new analysis of the logs. */
  show(collected: CollectedAnalysis): void {
    const same = !this.warning && this.collected !== undefined && configuredLang(collected.scope) === this.lang
      && renderMarkdown(collected.analysis, { lang: this.lang }) === this.forms.markdown;
    this.collected = collected;
    // The same report again (a log opened or saved without a change): the page stays as it is.
    if (same) return;
    this.warning = undefined;
    this.updatedAt = new Date();
    this.render();
  }

  /** Renders the report again (new analysis, or another language). */
  render(): void {
    const c = this.collected;
    if (!c || this.disposed) return;
    this.lang = configuredLang(c.scope);
    const tr = translatorFor(this.lang);
    const a = c.analysis;
    const markdown = renderMarkdown(a, { lang: this.lang });
    this.forms = { markdown, text: markdownToText(markdown), html: clipboardHtml(markdown) };
    const names = reportFileNames(a.files.map((f) => f.path));
    const title = tr('Summary: {0}', names.length > 2 ? tr('{0} and {1} more', names[0], names.length - 1) : names.join(', ') || this.source.label);
    this.panel.title = title;
    const time = this.updatedAt.toTimeString().slice(0, 8);
    this.panel.webview.html = pageHtml(this.panel.webview, this.extensionUri, {
      title,
      lang: this.lang,
      generation: this.channel.nextGeneration(),
      meta: tr('{0} · updated at {1}', names.join(', '), time),
      warning: this.warning,
      body: markdownToHtml(markdown, { refNames: names }),
      buttons: [
        { action: 'copy-markdown', label: tr('Copy Markdown'), title: tr('Copy the report as Markdown') },
        { action: 'copy-text', label: tr('Copy Text'), title: tr('Copy the report as plain text') },
        { action: 'copy-html', label: tr('Copy Rich Text'), title: tr('Copy the report as rich text (HTML) for an email') },
        { action: 'save', label: tr('Save As…'), title: tr('Save the report as Markdown or HTML') },
      ],
    });
  }

  reveal(column?: vscode.ViewColumn, preserveFocus = false): void {
    this.panel.reveal(column, preserveFocus);
  }

  /** Puts rich text (HTML with a plain-text alternative) on the clipboard, through the page. */
  async copyRich(): Promise<{ ok: boolean; how?: string; error?: string }> {
    const r = await this.channel.request<Extract<PageMessage, { type: 'copied' }>>({ type: 'copyRich', html: this.forms.html, text: this.forms.text });
    return { ok: r.ok, how: r.how, error: r.error };
  }

  /** Asks the page (tests): what it shows, or a click on a reference or a button. */
  async probe(op: string, args: Record<string, unknown> = {}): Promise<unknown> {
    const r = await this.channel.request<Extract<PageMessage, { type: 'probeResult' }>>({ type: 'probe', op, ...args });
    return r.data;
  }

  private onMessage(m: PageMessage): void {
    if (m.type === 'open') {
      const target = this.targets[m.file];
      void openEvidence(target, m.line, this.panel.viewColumn, this.logColumn, this.collected?.analysis.files[m.file]?.path);
    } else if (m.type === 'action') {
      this.host.action(this, m.action);
    }
  }

  private scheduleRefresh(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Summarizes the logs again (after a change); a failure keeps the last report with a warning. */
  async refresh(): Promise<void> {
    this.refreshing?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.refreshing = cts;
    try {
      const collected = await this.source.collect(cts.token);
      if (cts.token.isCancellationRequested || this.disposed) return;
      if (collected) this.show(collected);
    } catch (err) {
      if (cts.token.isCancellationRequested || this.disposed) return;
      this.warning = translatorFor(this.lang)('The logs could not be read again, so this report may be out of date: {0}', messageOf(err));
      this.render();
    } finally {
      if (this.refreshing === cts) this.refreshing = undefined;
      cts.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.refreshing?.cancel();
    for (const s of this.subs) s.dispose();
    this.panel.dispose();
    this.host.disposed(this);
  }
}
