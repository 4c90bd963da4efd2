// Switches plain-text and generic `log` documents to one of our languages when their first
// lines are a Windows servicing log (`WindowsUpdate_new.log`, `wu.txt`, an untitled paste).
// The manifest's filenames/firstLine cover the rest; a `.log` of another program is left alone.
import * as vscode from 'vscode';
import { detectFormat } from '../core/format/detect';
import { SWITCHABLE_LANGUAGES, languageForFormat } from './languages';
import { affects, settings } from '../settings/settings';
import { baseName } from '../common/uris';

/** How much of a document is sampled: the first lines, and never more than 64 K characters. */
const SAMPLE_LINES = 50;
const SAMPLE_CHARS = 64 * 1024;
/** Edits are batched: a paste arrives as one change, typing as many. */
const CHANGE_DELAY_MS = 250;

/** Internal documents that may carry the `log` language (output channels) and must not change. */
const IGNORED_SCHEMES = new Set(['output', 'debug', 'git', 'vscode-scm', 'vscode-settings', 'comment']);

function isCandidate(doc: vscode.TextDocument): boolean {
  return SWITCHABLE_LANGUAGES.has(doc.languageId)
    && !IGNORED_SCHEMES.has(doc.uri.scheme)
    && !doc.uri.scheme.startsWith('vscode-notebook')
    && !doc.uri.scheme.startsWith('vscode-chat');
}

function enabled(doc: vscode.TextDocument): boolean {
  return settings.detectByContent(doc.uri);
}

/** The first lines, each read only up to what is left of the budget (a 1 MB line costs nothing). */
function sample(doc: vscode.TextDocument): string {
  const lines: string[] = [];
  let left = SAMPLE_CHARS;
  for (let i = 0; i < Math.min(doc.lineCount, SAMPLE_LINES) && left > 0; i++) {
    const text = doc.getText(new vscode.Range(i, 0, i, left));
    lines.push(text);
    left -= text.length + 1;
  }
  return lines.join('\n');
}

function nameHint(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'untitled' ? undefined : baseName(uri) || undefined;
}

export function registerContentDetection(context: vscode.ExtensionContext): void {
  /** Documents we switched; if one comes back as plain text/log, the user chose that. */
  const switched = new Set<string>();
  /** Documents the user switched back: never touched again while open. */
  const userChoice = new Set<string>();
  const pendingChanges = new Map<string, ReturnType<typeof setTimeout>>();

  const detect = (doc: vscode.TextDocument): void => {
    const key = doc.uri.toString();
    if (doc.isClosed || !isCandidate(doc) || userChoice.has(key) || !enabled(doc)) return;
    let language: string | undefined;
    try {
      language = languageForFormat(detectFormat(sample(doc), nameHint(doc.uri)));
    } catch {
      return; // detection must never break opening a document
    }
    if (!language) return;
    switched.add(key);
    vscode.languages.setTextDocumentLanguage(doc, language).then(undefined, () => {
      switched.delete(key); // the document was closed meanwhile
    });
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => {
      const key = doc.uri.toString();
      // A language change reaches us as close + open of the same document, synchronously.
      if (switched.has(key) && SWITCHABLE_LANGUAGES.has(doc.languageId)) {
        userChoice.add(key);
        return;
      }
      detect(doc);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = doc.uri.toString();
      const timer = pendingChanges.get(key);
      if (timer) clearTimeout(timer);
      pendingChanges.delete(key);
      // Forget the document once it is really closed (not a language change, which reopens it at once).
      setTimeout(() => {
        if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) {
          switched.delete(key);
          userChoice.delete(key);
        }
      }, 0);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const doc = e.document;
      if (!isCandidate(doc) || !e.contentChanges.some((c) => c.range.start.line < SAMPLE_LINES)) return;
      const key = doc.uri.toString();
      const old = pendingChanges.get(key);
      if (old) clearTimeout(old);
      pendingChanges.set(key, setTimeout(() => {
        pendingChanges.delete(key);
        detect(doc);
      }, CHANGE_DELAY_MS));
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'detectByContent')) vscode.workspace.textDocuments.forEach(detect);
    }),
    { dispose: () => { pendingChanges.forEach((t) => clearTimeout(t)); pendingChanges.clear(); } },
  );

  // Documents opened before activation (their open event activated us).
  vscode.workspace.textDocuments.forEach(detect);
}
