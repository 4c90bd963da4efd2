// Opening an .etl file in VS Code: a custom (read-only) editor that hands over to the decoded
// text document in the same editor group and then closes itself.
import * as vscode from 'vscode';
import type { DecodedEtlProvider } from './decodedEtlProvider';
import { openDecodedEtl } from './openDecodedEtlCommand';
import { baseName } from '../common/uris';

export const ETL_EDITOR_VIEW_TYPE = 'wuLogLens.etlDecoded';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

class EtlEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly provider: DecodedEtlProvider) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const name = baseName(document.uri);
    panel.webview.options = { enableScripts: false };
    const page = (text: string): string => `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"></head><body style="font-family: var(--vscode-font-family); padding: 1em">${escapeHtml(text)}</body></html>`;
    panel.webview.html = page(vscode.l10n.t('Decoding {0}…', name));
    void (async () => {
      try {
        await openDecodedEtl(this.provider, [document.uri], panel.viewColumn);
        panel.dispose();
      } catch (err) {
        panel.webview.html = page(vscode.l10n.t('The ETL files could not be decoded: {0}', err instanceof Error ? err.message : String(err)));
      }
    })();
  }
}

export function registerEtlEditor(provider: DecodedEtlProvider): vscode.Disposable {
  return vscode.window.registerCustomEditorProvider(ETL_EDITOR_VIEW_TYPE, new EtlEditorProvider(provider), { supportsMultipleEditorsPerDocument: true });
}
