// `wuLogLens.explainCode`: the full explanation of an error code, from the hover's "More…" link
// (its arguments) or from the Command Palette (asks for a code).
import * as vscode from 'vscode';
import { configuredLang } from '../settings/language';
import { checkExplainArgs, EXPLAIN_CODE_COMMAND, parseExplainInput, type ExplainArgs } from './explainArgs';
import { ExplanationView } from './explanationView';

async function askForCode(): Promise<ExplainArgs | undefined> {
  const input = await vscode.window.showInputBox({
    title: vscode.l10n.t('Explain an error code'),
    prompt: vscode.l10n.t('An error code as a log writes it: 0x800F0922, 800f0922, -2146498270, or an upgrade code 0xC1900101-0x30018'),
    validateInput: (v) => (v.trim() && !parseExplainInput(v) ? vscode.l10n.t('Not an error code') : undefined),
  });
  return input ? parseExplainInput(input) : undefined;
}

export function registerExplainCode(extensionUri: vscode.Uri): vscode.Disposable {
  const view = new ExplanationView(extensionUri);
  const command = vscode.commands.registerCommand(EXPLAIN_CODE_COMMAND, async (raw?: unknown) => {
    const args = raw === undefined ? await askForCode() : checkExplainArgs(raw);
    if (!args) return undefined;
    const scope = vscode.window.activeTextEditor?.document.uri;
    return view.show(args, configuredLang(scope));
  });
  return vscode.Disposable.from(view, command);
}
