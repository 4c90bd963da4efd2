// "Explain Code" from the tree: the code's full explanation (the hover's text) as a read-only
// Markdown document `wulog-explain:/0x800F0922.md?<lang>`, shown in the Markdown preview.
import * as vscode from 'vscode';
import { explainCode, formatCode } from '../core/errors';
import { toLang } from '../core/lang';
import { hoverLabels } from '../hover/codeHoverProvider';
import { hoverMarkdown } from '../hover/hoverModel';

export const EXPLAIN_SCHEME = 'wulog-explain';

export function explainUri(code: number, lang: string): vscode.Uri {
  return vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${formatCode(code)}.md`, query: lang });
}

class ExplainProvider implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    const code = Number.parseInt(uri.path.replace(/^\/|\.md$/g, ''), 16);
    if (!Number.isFinite(code)) return '';
    const lang = toLang(uri.query);
    return hoverMarkdown(explainCode(code >>> 0, lang), undefined, hoverLabels(lang));
  }
}

/** Opens the explanation in the Markdown preview (its text when the preview is not available). */
export async function showExplanation(code: number, lang: string): Promise<vscode.Uri> {
  const uri = explainUri(code, lang);
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
  return uri;
}

export function registerExplainDocuments(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, new ExplainProvider());
}
