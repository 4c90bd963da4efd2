// Problems panel: one Error per failure that decided an outcome, with its evidence chain as related
// information; intermediate `*FAILED*` lines at a lower, configurable severity; a hint on how to
// get readable text from ETL / undecoded files. Fed by the shared DocumentAnalyses (no second parse).
import * as vscode from 'vscode';
import { DocumentAnalyses, isLogDocument } from '../analysisService/documentAnalyses';
import { Slicer } from '../analysisService/slices';
import type { Analysis } from '../core/analysis/types';
import { formatCode } from '../core/errors';
import type { Span } from '../core/model/types';
import { configuredLang } from '../settings/language';
import { failureMessage, noiseMessage, relatedLines, spanFor, unreadableMessage } from './messages';
import { translatorFor } from '../settings/translate';
import { TabFollower } from './tabFollower';
import { affects, settings, type IntermediateFailures } from '../settings/settings';

export const DIAGNOSTIC_SOURCE = 'WU Log Lens';

/** Intermediate-line diagnostics per document: enough to browse, few enough for a 50 MB log to stay responsive. */
export const MAX_NOISE_DIAGNOSTICS = 1000;

const NOISE_SEVERITY: Record<Exclude<IntermediateFailures, 'hide'>, vscode.DiagnosticSeverity> = {
  hint: vscode.DiagnosticSeverity.Hint,
  information: vscode.DiagnosticSeverity.Information,
  warning: vscode.DiagnosticSeverity.Warning,
};

function rangeOn(line: number, span: Span): vscode.Range {
  return new vscode.Range(line, span.start, line, span.end);
}

/**
 * Builds the diagnostics of one document from its analysis (file index 0 is the document), one
 * diagnostic per step: a thousand of them take tens of milliseconds, run by a Slicer in turns.
 */
export function* diagnosticSteps(document: vscode.TextDocument, analysis: Analysis): Generator<void, vscode.Diagnostic[]> {
  const lang = configuredLang(document.uri);
  const t = translatorFor(lang);
  const out: vscode.Diagnostic[] = [];
  const lineText = (line: number): string | undefined => (line >= 0 && line < document.lineCount ? document.lineAt(line).text : undefined);

  const unreadable = unreadableMessage(analysis.files[0]?.unreadable, t);
  if (unreadable) {
    const first = lineText(0) ?? '';
    const d = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, Math.min(first.length, 500)),
      unreadable.text,
      unreadable.warning ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
    );
    d.source = DIAGNOSTIC_SOURCE;
    out.push(d);
  }

  const decided = new Set<number>();
  // Still-failing first (the panel keeps the order within a severity); a recovered failure is a warning.
  for (const f of analysis.failures.filter((x) => !x.recovered).concat(analysis.failures.filter((x) => !!x.recovered))) {
    if (f.at.file !== 0) continue;
    const text = lineText(f.at.line);
    if (text === undefined) continue;
    decided.add(f.at.line);
    const snippet = f.snippets?.find((s) => s.at.file === 0 && s.at.line === f.at.line)?.text;
    const d = new vscode.Diagnostic(rangeOn(f.at.line, spanFor(text, f.code, snippet)), failureMessage(f, lang, t), f.recovered ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = formatCode(f.code);
    d.relatedInformation = relatedLines(f, analysis, t).flatMap((r) => {
      const rt = lineText(r.line);
      if (rt === undefined) return [];
      return [new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, rangeOn(r.line, spanFor(rt, undefined))), r.label)];
    });
    out.push(d);
    yield;
  }

  const setting = settings.intermediateFailures(document.uri);
  if (setting !== 'hide') {
    const severity = NOISE_SEVERITY[setting];
    let shown = 0;
    for (const n of analysis.noise) {
      if (shown >= MAX_NOISE_DIAGNOSTICS) break;
      if (n.at.file !== 0 || decided.has(n.at.line)) continue;
      const text = lineText(n.at.line);
      if (text === undefined) continue;
      const d = new vscode.Diagnostic(rangeOn(n.at.line, spanFor(text, n.code)), noiseMessage(n, t), severity);
      d.source = DIAGNOSTIC_SOURCE;
      if (n.code !== undefined) d.code = formatCode(n.code);
      // Faded in the editor: harmless lines must not read like the failure. Evidence lines stay sharp.
      if (n.kind !== 'evidence') d.tags = [vscode.DiagnosticTag.Unnecessary];
      out.push(d);
      shown++;
      yield;
    }
  }
  return out;
}

/** Registers the Problems panel feature; dispose the result to remove it. */
export function registerDiagnostics(analyses: DocumentAnalyses): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('wuLogLens');
  const tabs = new TabFollower();

  const openDocument = (uri: vscode.Uri): vscode.TextDocument | undefined => {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  };

  // The render under way per document: a newer render, or a delete, makes an older one stop.
  const renders = new Map<string, number>();
  let renderCount = 0;
  const forget = (uri: vscode.Uri): void => {
    renders.delete(uri.toString());
    collection.delete(uri);
  };

  const render = (document: vscode.TextDocument): void => {
    if (!isLogDocument(document) || !settings.problemsEnabled(document.uri) || tabs.isHidden(document.uri)) {
      forget(document.uri);
      return;
    }
    const entry = analyses.peek(document.uri);
    if (!entry || entry.version !== document.version) {
      // Missing or stale: the analysis under way fires onDidChange, which renders it; until then
      // the last diagnostics stay (no flicker while a large log is read again).
      analyses.get(document);
      if (!entry) forget(document.uri);
      return;
    }
    const key = document.uri.toString();
    const run = ++renderCount;
    renders.set(key, run);
    // An edit stops it too: the stale analysis stays cached until the new one is done.
    const current = (): boolean => renders.get(key) === run && document.version === entry.version && analyses.peek(document.uri) === entry;
    new Slicer(current).run(diagnosticSteps(document, entry.analysis)).then((diagnostics) => {
      if (diagnostics && current()) collection.set(document.uri, diagnostics);
    }, (err: unknown) => {
      // The panel keeps what it showed; the extension host log says why.
      console.error(`WU Log Lens: diagnostics of ${key} failed`, err);
    });
  };

  const renderAll = (): void => {
    for (const d of vscode.workspace.textDocuments) render(d);
  };

  const subscriptions: vscode.Disposable[] = [
    collection,
    tabs,
    tabs.onDidCloseLastTab(forget),
    tabs.onDidShowAgain((uri) => {
      const d = openDocument(uri);
      if (d) render(d);
    }),
    analyses.onDidChange((uri) => {
      const d = openDocument(uri);
      if (d) render(d);
    }),
    analyses.onDidRemove(forget),
    vscode.workspace.onDidCloseTextDocument((d) => forget(d.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'problems.enabled', 'problems.intermediateFailures', 'language')) renderAll();
    }),
  ];
  // Documents opened before activation were analysed before this listener existed.
  renderAll();
  return vscode.Disposable.from(...subscriptions, { dispose: () => renders.clear() });
}
