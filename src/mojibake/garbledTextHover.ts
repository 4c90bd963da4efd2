// Hover on garbled text (GBK- or Shift-JIS-read UTF-8) in a log line: the line repaired, which
// code page garbled it, and the command that opens the whole log repaired. Untrusted Markdown.
import * as vscode from 'vscode';
import { repairField } from '../core/text/mojibake';
import { codeSpan } from '../core/report/escape';
import { OUR_LANGUAGES } from '../languageDetection/languages';
import { configuredLang } from '../settings/language';
import { translatorFor } from '../settings/translate';

const CODE_PAGE = { gbk: 'GBK', shift_jis: 'Shift-JIS' } as const;

export class GarbledTextHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (position.line >= document.lineCount) return undefined;
    const line = document.lineAt(position.line).text;
    const at = line.charCodeAt(position.character);
    // Only on the garbled characters themselves (and a `?` that stands for lost bytes).
    if (!(at > 0x7f || at === 0x3f) || line.length > 64 * 1024) return undefined;
    const fixed = repairField(line);
    if (!fixed) return undefined;
    let start = position.character;
    let end = position.character;
    while (start > 0 && (line.charCodeAt(start - 1) > 0x7f || line.charCodeAt(start - 1) === 0x3f)) start--;
    while (end < line.length && (line.charCodeAt(end) > 0x7f || line.charCodeAt(end) === 0x3f)) end++;
    const t = translatorFor(configuredLang(document.uri));
    const md = new vscode.MarkdownString([
      `**${t('Garbled text, repaired')}**`,
      '',
      codeSpan(fixed.text.trim()),
      '',
      t('UTF-8 text that a tool read as {0} and saved again. Characters that could not be recovered show as �.', CODE_PAGE[fixed.encoding]),
      '',
      t('"Open Repaired Copy" shows the whole log repaired; the file is not changed.'),
    ].join('\n'));
    md.isTrusted = false;
    md.supportHtml = false;
    return new vscode.Hover(md, new vscode.Range(position.line, start, position.line, end));
  }
}

export function registerGarbledTextHover(): vscode.Disposable {
  const selector = OUR_LANGUAGES.map((language) => ({ language }));
  return vscode.languages.registerHoverProvider(selector, new GarbledTextHoverProvider());
}
