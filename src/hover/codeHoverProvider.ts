// Hover on error codes in wulog / cbslog / wureport documents: name, facility, component,
// meaning, next steps and sources. The Markdown is untrusted: no HTML, no command links.
import * as vscode from 'vscode';
import { describeExtended, explainCode } from '../core/errors';
import type { Lang } from '../core/lang';
import { OUR_LANGUAGES } from '../languageDetection/languages';
import { configuredLang } from '../settings/language';
import { translatorFor } from '../settings/translate';
import { extendedMarkdown, hoverMarkdown, hoverTargetAt, type HoverLabels, type UpgradePart } from './hoverModel';

/** A UI string in `lang` (the setting may ask for another language than VS Code's display language). */
function tr(key: string, lang: Lang): string {
  return translatorFor(lang)(key);
}

export function hoverLabels(lang: Lang): HoverLabels {
  return {
    facility: tr('Facility', lang),
    component: tr('Component', lang),
    win32: tr('Win32 error', lang),
    meaning: tr('Meaning', lang),
    genericMeaning: tr('(generic meaning of its range)', lang),
    cause: tr('Typical cause', lang),
    steps: tr('Next steps', lang),
    collect: tr('Ask the customer for', lang),
    sources: tr('Sources', lang),
    confidence: tr('Confidence', lang),
    aliases: tr('Also named', lang),
    asLogged: tr('As written in the log', lang),
    loggedName: tr('name printed by the log', lang),
    unnamed: tr('(no symbolic name known)', lang),
    confidenceNames: {
      header: tr('public header (mingw-w64)', lang),
      documented: tr('Microsoft documentation', lang),
      community: tr('community sources only: unconfirmed name', lang),
      logged: tr('name printed by the log', lang),
      derived: tr('derived from the code structure', lang),
    },
    extendCode: tr('Extend code', lang),
    upgradeMeaning: tr('Upgrade failure', lang),
    upgradeSteps: tr('Upgrade: next steps', lang),
  };
}

export class CodeHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (position.line >= document.lineCount) return undefined;
    const line = document.lineAt(position.line).text;
    const target = hoverTargetAt(line, position.character);
    if (!target) return undefined;
    const lang = configuredLang(document.uri);
    const labels = hoverLabels(lang);
    const upgrade: UpgradePart | undefined = target.extended && { extended: target.extended, ...describeExtended(target.extended, lang, target.code) };
    const text = target.code !== undefined
      ? hoverMarkdown(explainCode(target.code, lang, { loggedName: target.ref?.loggedName }), target.ref, labels, upgrade)
      : upgrade ? extendedMarkdown(upgrade, labels) : undefined;
    if (!text) return undefined;
    const md = new vscode.MarkdownString(text);
    md.isTrusted = false;
    md.supportHtml = false;
    md.supportThemeIcons = false;
    const range = new vscode.Range(position.line, target.span.start, position.line, target.span.end);
    return new vscode.Hover(md, range);
  }
}

/** Registers the hover for our three log languages; dispose through context.subscriptions. */
export function registerCodeHover(): vscode.Disposable {
  return vscode.languages.registerHoverProvider(
    OUR_LANGUAGES.map((language) => ({ language })),
    new CodeHoverProvider(),
  );
}
