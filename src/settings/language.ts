// The language of reports and explanations: the `wuLogLens.language` setting
// (`auto` = the VS Code display language). Shared by the editor features.
import * as vscode from 'vscode';
import { toLang, type Lang } from '../core/lang';

export function configuredLang(scope?: vscode.ConfigurationScope): Lang {
  const v = vscode.workspace.getConfiguration('wuLogLens', scope).get<string>('language', 'auto');
  if (v === 'en' || v === 'zh-cn') return v;
  return toLang(vscode.env.language);
}
