// `wuLogLens.openDecodedEtl`: opens ETL files (chosen in the Explorer, a folder of them, the
// active .etl tab, or picked in a dialog) as one read-only decoded WindowsUpdate.log document.
import * as vscode from 'vscode';
import { isEtlName } from '../core/etl';
import type { DecodedEtlProvider } from './decodedEtlProvider';
import { decodedEtlUri } from './etlUris';
import { baseName as baseOf } from '../common/uris';

export const OPEN_DECODED_ETL_COMMAND = 'wuLogLens.openDecodedEtl';
const MAX_DEPTH = 4;
const MAX_FILES = 500;


async function etlFilesIn(dir: vscode.Uri, depth: number, out: vscode.Uri[]): Promise<void> {
  if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
  const entries = await vscode.workspace.fs.readDirectory(dir);
  entries.sort((a, b) => a[0].localeCompare(b[0]));
  for (const [name, type] of entries) {
    const child = vscode.Uri.joinPath(dir, name);
    if (type & vscode.FileType.Directory) {
      if (!name.startsWith('.') && name !== 'node_modules') await etlFilesIn(child, depth + 1, out);
    } else if (isEtlName(name) && out.length < MAX_FILES) out.push(child);
  }
}

/** The ETL files meant by the command's arguments (Explorer: `(uri, uris)`). */
async function targets(uri?: unknown, uris?: unknown): Promise<vscode.Uri[]> {
  const given = (Array.isArray(uris) && uris.length ? uris : uri ? [uri] : []).filter((u): u is vscode.Uri => u instanceof vscode.Uri);
  if (!given.length) {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (tab instanceof vscode.TabInputCustom && isEtlName(tab.uri.path)) given.push(tab.uri);
  }
  if (!given.length) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: true, filters: { [vscode.l10n.t('ETL trace files')]: ['etl'] }, openLabel: vscode.l10n.t('Open decoded') });
    given.push(...(picked ?? []));
  }
  const out: vscode.Uri[] = [];
  for (const u of given) {
    const st = await vscode.workspace.fs.stat(u);
    if (st.type & vscode.FileType.Directory) await etlFilesIn(u, 0, out);
    else out.push(u);
  }
  return out;
}

/** Opens the decoded text of `sources` (one merged document) and returns it. */
export async function openDecodedEtl(provider: DecodedEtlProvider, sources: vscode.Uri[], viewColumn?: vscode.ViewColumn): Promise<vscode.TextDocument> {
  let doc = await vscode.workspace.openTextDocument(decodedEtlUri(sources));
  if (doc.languageId !== 'wulog') doc = await vscode.languages.setTextDocumentLanguage(doc, 'wulog');
  await vscode.window.showTextDocument(doc, { viewColumn, preview: false });
  if (provider.eventCount(doc.uri) === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No event of {0} could be decoded: the last lines of the decoded text say why.', sources.map(baseOf).join(', ')));
  }
  return doc;
}

export function registerOpenDecodedEtl(provider: DecodedEtlProvider): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_DECODED_ETL_COMMAND, async (uri?: unknown, uris?: unknown) => {
    try {
      const files = await targets(uri, uris);
      if (!files.length) {
        if (uri || uris) void vscode.window.showInformationMessage(vscode.l10n.t('No .etl file was found in the selection.'));
        return undefined;
      }
      return await openDecodedEtl(provider, files);
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The ETL files could not be decoded: {0}', err instanceof Error ? err.message : String(err)));
      return undefined;
    }
  });
}
