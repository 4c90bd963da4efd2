// UI strings in the language the `wuLogLens.language` setting asks for (hover, Problems panel, tree).
// vscode.l10n.t follows VS Code's display language; another language is read from its packaged bundle.
import * as vscode from 'vscode';
import zhBundle from '../../l10n/bundle.l10n.zh-cn.json';
import { toLang, type Lang } from '../core/lang';
import { formatPlaceholders, type Translate } from './placeholders';

function bundleEntry(key: string): string | undefined {
  const entry = (zhBundle as Record<string, string | { message?: string }>)[key];
  if (typeof entry === 'string') return entry;
  return entry && typeof entry.message === 'string' ? entry.message : undefined;
}

export function translatorFor(lang: Lang): Translate {
  if (lang === toLang(vscode.env.language)) return (key, ...args) => vscode.l10n.t(key, ...args);
  if (lang === 'zh-cn') return (key, ...args) => formatPlaceholders(bundleEntry(key) ?? key, args);
  return (key, ...args) => formatPlaceholders(key, args);
}
