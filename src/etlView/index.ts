// The ETL feature in VS Code: decoded ETL documents (read-only `wulog` text with every editor
// feature), the "Open Decoded ETL" command and the .etl custom editor.
import * as vscode from 'vscode';
import { DecodedEtlProvider } from './decodedEtlProvider';
import { registerEtlEditor } from './etlEditorProvider';
import { registerOpenDecodedEtl } from './openDecodedEtlCommand';

export { DecodedEtlProvider };
export { ETL_SCHEME, decodedEtlUri } from './etlUris';

export function registerEtlView(provider: DecodedEtlProvider): vscode.Disposable {
  return vscode.Disposable.from(registerOpenDecodedEtl(provider), registerEtlEditor(provider));
}
