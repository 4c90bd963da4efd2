// The language of reports and explanations: the `wuLogLens.language` setting
// (`auto` = the VS Code display language). Shared by the editor features.
import * as vscode from 'vscode';
import { toLang, type Lang } from '../core/lang';
import { settings } from './settings';

export function configuredLang(scope?: vscode.ConfigurationScope): Lang {
  const v = settings.language(scope);
  return v === 'auto' ? toLang(vscode.env.language) : v;
}
