// The full explanation of an error code (the hover's "More…"): one view beside the editor,
// reused for the next code, with the report view's page (strict CSP, escaped text).
import * as vscode from 'vscode';
import { describeExtended, decodeExtended, explainCode } from '../core/errors';
import type { Lang } from '../core/lang';
import { markdownToHtml } from '../core/report';
import { mediaRoot, pageHtml, WebviewChannel } from '../summarize';
import type { ExplainArgs } from './explainArgs';
import { hoverLabels } from './codeHoverProvider';
import { explanationMarkdown, extendedMarkdown, type UpgradePart } from './hoverModel';

export const EXPLANATION_VIEW_TYPE = 'wuLogLens.explanation';

/** The explanation's Markdown and the view's title. */
export function explanation(args: ExplainArgs, lang: Lang): { title: string; markdown: string } {
  const labels = hoverLabels(lang);
  const extended = args.ext !== undefined ? decodeExtended(args.ext) : undefined;
  const upgrade: UpgradePart | undefined = extended && { extended, ...describeExtended(extended, lang, args.code) };
  const ref = args.text && args.code !== undefined ? { value: args.code, text: args.text, form: 'hex' as const, span: { start: 0, end: args.text.length }, loggedName: args.logged } : undefined;
  if (args.code === undefined) {
    return { title: `${labels.extendCode} ${args.text ?? ''}`.trim(), markdown: upgrade ? extendedMarkdown(upgrade, labels) : '' };
  }
  const e = explainCode(args.code, lang, { loggedName: args.logged });
  return { title: `${e.code}${e.name ? ` ${e.name}` : ''}`, markdown: explanationMarkdown(e, ref, labels, upgrade) };
}

export class ExplanationView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private channel: WebviewChannel | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  show(args: ExplainArgs, lang: Lang): { title: string; markdown: string } {
    const x = explanation(args, lang);
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(EXPLANATION_VIEW_TYPE, x.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: true,
        enableFindWidget: true,
        enableCommandUris: false,
        localResourceRoots: [mediaRoot(this.extensionUri)],
      });
      panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'tree.svg');
      this.panel = panel;
      this.channel = new WebviewChannel(panel, () => undefined);
      panel.onDidDispose(() => {
        this.channel?.dispose();
        this.channel = undefined;
        this.panel = undefined;
      });
    } else {
      this.panel.reveal(undefined, false);
    }
    this.panel.title = x.title;
    this.panel.webview.html = pageHtml(this.panel.webview, this.extensionUri, {
      title: x.title,
      lang,
      generation: this.channel?.nextGeneration() ?? 0,
      body: markdownToHtml(x.markdown),
    });
    return x;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
