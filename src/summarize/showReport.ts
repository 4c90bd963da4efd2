// Shows a report: an untitled Markdown document beside the log, and its Markdown preview.
import * as vscode from 'vscode';

export async function showReport(markdown: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri);
  } catch (err) {
    // The built-in Markdown extension may be disabled: the Markdown text is still there.
    console.warn('WU Log Lens: no Markdown preview for the summary', err);
  }
  return document;
}
