// The HTML page of a report view (and of a code explanation): a strict Content Security Policy
// (no network, styles and the one script from the extension's media folder, the script only with
// this page's nonce), a toolbar of our own buttons, and the body our core renderer built from
// escaped text. Nothing from a log can add markup, a script or a link here.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from '../core/report';

export interface PageButton {
  /** Sent back as `{ type: 'action', action }` when clicked. */
  action: string;
  label: string;
  title?: string;
}

export interface PageOptions {
  title: string;
  /** HTML from markdownToHtml (escaped by construction). */
  body: string;
  /** A line of plain text above the report (sources, time of the last update). */
  meta?: string;
  /** A warning shown above the report (plain text). */
  warning?: string;
  buttons?: PageButton[];
  lang: string;
  /** Changes with every new content, so the script can tell a reload from a refresh. */
  generation: number;
}

/** The folder the page's style and script come from (also the webview's only local resource root). */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}

export function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, o: PageOptions): string {
  const nonce = randomBytes(18).toString('base64');
  const media = mediaRoot(extensionUri);
  const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'reportView.css'));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'reportView.js'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const buttons = (o.buttons ?? []).map((b) =>
    `<button type="button" data-action="${escapeHtml(b.action)}"${b.title ? ` title="${escapeHtml(b.title)}"` : ''}>${escapeHtml(b.label)}</button>`).join('');
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(o.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<link rel="stylesheet" href="${escapeHtml(css.toString())}">`,
    `<title>${escapeHtml(o.title)}</title>`,
    '</head>',
    `<body data-gen="${o.generation}">`,
    buttons || o.meta ? `<header class="bar">${buttons ? `<div class="buttons">${buttons}</div>` : ''}${o.meta ? `<div class="meta">${escapeHtml(o.meta)}</div>` : ''}</header>` : '',
    o.warning ? `<div class="warning" role="status">${escapeHtml(o.warning)}</div>` : '',
    `<main id="report">\n${o.body}\n</main>`,
    `<script nonce="${nonce}" src="${escapeHtml(js.toString())}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}
