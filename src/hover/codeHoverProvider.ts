// Hover on error codes in wulog / cbslog / wureport documents: the name, the meaning in one line,
// the most useful next step, where the name comes from, and "More…", a link to the command that
// opens the full explanation. The Markdown is untrusted: no HTML, and the only command a link may
// run is that one (with arguments we built: numbers and a checked name).
import * as vscode from 'vscode';
import { describeExtended, explainCode } from '../core/errors';
import type { Lang } from '../core/lang';
import { escapeMarkdownStrict } from '../core/report';
import { OUR_LANGUAGES } from '../languageDetection/languages';
import { configuredLang } from '../settings/language';
import { translatorFor } from '../settings/translate';
import { EXPLAIN_CODE_COMMAND, type ExplainArgs } from './explainArgs';
import { extendedHoverMarkdown, hoverMarkdown, hoverTargetAt, type HoverLabels, type UpgradePart } from './hoverModel';

export function hoverLabels(lang: Lang): HoverLabels {
  const tr = translatorFor(lang);
  return {
    facility: tr('Facility'),
    component: tr('Component'),
    win32: tr('Win32 error'),
    meaning: tr('Meaning'),
    genericMeaning: tr('(generic meaning of its range)'),
    cause: tr('Typical cause'),
    steps: tr('Next steps'),
    collect: tr('Ask the customer for'),
    sources: tr('Sources'),
    aliases: tr('Also named'),
    asLogged: tr('As written in the log'),
    loggedName: tr('name printed by the log'),
    unnamed: tr('(no symbolic name known)'),
    extendCode: tr('Extend code'),
    upgradeMeaning: tr('Upgrade failure'),
    upgradeSteps: tr('Upgrade: next steps'),
    nextStep: tr('Next step'),
    more: tr('More…'),
    whereFrom: tr('Where this comes from'),
    plainSource: {
      header: tr("Name from Windows' public header files"),
      documented: tr("Name from Microsoft's documentation"),
      community: tr('Name from community sources only, not confirmed by Microsoft'),
      logged: tr('Name as the log printed it'),
      derived: tr('No known name: explained from the structure of the code'),
    },
    plainGeneric: tr('; the meaning is the general one of its range'),
  };
}

/** `[More…](command:wuLogLens.explainCode?…)`: the link to the full explanation. */
export function moreLink(args: ExplainArgs, label: string, tooltip: string): string {
  const uri = `command:${EXPLAIN_CODE_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
  return `[${escapeMarkdownStrict(label)}](${uri} "${tooltip.replace(/["\\]/g, '')}")`;
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
    const args: ExplainArgs = { code: target.code, ext: target.extended?.code, text: target.ref?.text, logged: target.ref?.loggedName };
    const more = moreLink(args, labels.more, translatorFor(lang)('Open the full explanation'));
    const text = target.code !== undefined
      ? hoverMarkdown(explainCode(target.code, lang, { loggedName: target.ref?.loggedName }), labels, upgrade, more)
      : upgrade ? extendedHoverMarkdown(upgrade, labels, more) : undefined;
    if (!text) return undefined;
    const md = new vscode.MarkdownString(text);
    // Only our own command may run from a link; log text is escaped, so it cannot form a link.
    md.isTrusted = { enabledCommands: [EXPLAIN_CODE_COMMAND] };
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
