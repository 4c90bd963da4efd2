// Document symbols for WindowsUpdate.log and CBS/DISM/setup logs, so the Outline view,
// breadcrumbs and Go to Symbol work: calls with their updates and failures; CBS sessions with
// packages and errors; DISM runs with their cause and result; setup runs, phases, commands.
import * as vscode from 'vscode';
import type { DocumentStructure } from '../analysisService/documentStructure';
import { callKindLabel, callResultLabel, phaseLabel, updateLabel } from '../common/logLabels';
import { explainCode, formatCode } from '../core/errors';
import type { Lang } from '../core/lang';
import { formatWallClock, type OutlineNode } from '../core/navigate';
import { configuredLang } from '../settings/language';
import type { Translate } from '../settings/placeholders';
import { translatorFor } from '../settings/translate';

const KIND: Record<OutlineNode['kind'], vscode.SymbolKind> = {
  call: vscode.SymbolKind.Function,
  update: vscode.SymbolKind.Package,
  failure: vscode.SymbolKind.Event,
  session: vscode.SymbolKind.Namespace,
  package: vscode.SymbolKind.Package,
  cbsError: vscode.SymbolKind.Event,
  dismRun: vscode.SymbolKind.Function,
  cause: vscode.SymbolKind.Field,
  errorLine: vscode.SymbolKind.Event,
  result: vscode.SymbolKind.Constant,
  run: vscode.SymbolKind.Module,
  phase: vscode.SymbolKind.Class,
  command: vscode.SymbolKind.Method,
  storeHealth: vscode.SymbolKind.Object,
};

/** Longest symbol name taken from log text. */
const NAME_MAX = 120;

function cut(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > NAME_MAX ? `${one.slice(0, NAME_MAX - 1)}…` : one;
}

function codeText(code: number, lang: Lang): string {
  const name = code === 0 ? undefined : explainCode(code, lang).name;
  return name ? `${formatCode(code)} ${name}` : formatCode(code);
}

/** Name and detail of an outline node, in the user's language. */
export function symbolText(n: OutlineNode, t: Translate, lang: Lang, lineText: (line: number) => string): { name: string; detail: string } {
  const parts = (...p: Array<string | undefined | false>): string => p.filter(Boolean).join(' · ');
  switch (n.kind) {
    case 'call': {
      const c = n.call;
      if (!c) break;
      const code = c.result === 'failed' ? c.callErrorCode ?? c.exitCode : undefined;
      return {
        name: `${callKindLabel(c.kind, t)}: ${c.client ?? t('(no client)')}`,
        detail: parts(callResultLabel(c.result, t), code !== undefined && codeText(code, lang), c.callId !== undefined && t('call {0}', c.callId), c.cv && `cV ${c.cv}`, formatWallClock(c.startTime)),
      };
    }
    case 'update':
      if (!n.update) break;
      return { name: cut(updateLabel(n.update)), detail: n.update.kb || n.update.title ? n.update.updateId : '' };
    case 'failure': {
      const f = n.failure;
      if (!f) break;
      return {
        name: parts(t('Failure'), phaseLabel(f.phase, t), codeText(f.code, lang)),
        detail: parts(f.kb && `KB${f.kb}`, f.subject, f.recovered ? t('recovered later') : t('still failing'), formatWallClock(f.time)),
      };
    }
    case 'session': {
      const s = n.session;
      if (!s) break;
      return {
        name: t('CBS session {0}', s.id),
        detail: parts(s.client, s.kbs.map((k) => `KB${k}`).join(', '), s.errors.length ? t('{0} errors', s.errors.length) : undefined, formatWallClock(s.startTime)),
      };
    }
    case 'package':
      return { name: cut(n.packageName ?? ''), detail: t('package') };
    case 'cbsError':
      if (!n.cbsError) break;
      return { name: codeText(n.cbsError.code, lang), detail: cut(n.cbsError.message) };
    case 'dismRun': {
      const r = n.run;
      if (!r) break;
      const code = r.code !== undefined && r.code !== 0 ? codeText(r.code, lang) : undefined;
      return { name: `DISM ${r.verb ?? cut(r.command)}`, detail: parts(callResultLabel(r.result, t), code, cut(r.command), formatWallClock(r.startTime)) };
    }
    case 'cause':
      return { name: t('Cause'), detail: cut(n.run?.cause?.text ?? lineText(n.line)) };
    case 'result':
      return { name: t('Result'), detail: cut(lineText(n.line)) };
    case 'errorLine':
      return { name: cut(n.text ?? messageOf(lineText(n.line))), detail: t('error line') };
    case 'run':
      return { name: t('Setup run: {0}', n.text ?? ''), detail: '' };
    case 'phase':
      return { name: /^\d+$/.test(n.text ?? '') ? t('Setup phase {0}', n.text ?? '') : n.text ?? '', detail: t('phase') };
    case 'command':
      return { name: cut(n.text ?? ''), detail: t('command') };
    case 'storeHealth': {
      const h = n.health;
      if (!h) break;
      const state = h.corruptionFound === false ? t('no corruption') : h.repaired === true ? t('corruption repaired') : h.corruptionFound ? t('corruption found') : '';
      return { name: t('Store check ({0} {1})', h.tool.toUpperCase(), h.operation), detail: state };
    }
  }
  return { name: cut(lineText(n.line)) || t('Line {0}', n.line + 1), detail: '' };
}

/** The message part of a log line (after date, time and the header fields). */
function messageOf(line: string): string {
  const m = /^\uFEFF?\d{4}[-/]\d{2}[-/]\d{2}[ \t]+\d{1,2}:\d{2}:\d{2}(?:[.:]\d{1,7})?,?[ \t]+(?:\w{1,10}[ \t]+){0,3}/.exec(line.slice(0, 160));
  return m ? line.slice(m[0].length) : line;
}

export class LogSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly structure: DocumentStructure) {}

  async provideDocumentSymbols(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const entry = await this.structure.get(document);
    if (!entry) return [];
    const lang = configuredLang(document.uri);
    const t = translatorFor(lang);
    const last = document.lineCount - 1;
    const lineText = (l: number): string => (l >= 0 && l <= last ? document.lineAt(l).text : '');
    const make = (n: OutlineNode): vscode.DocumentSymbol => {
      const start = Math.min(n.line, last);
      const end = Math.min(Math.max(n.endLine, start), last);
      const sel = Math.min(Math.max(n.selectionLine, start), end);
      const { name, detail } = symbolText(n, t, lang, lineText);
      const range = new vscode.Range(start, 0, end, document.lineAt(end).text.length);
      const selection = document.lineAt(sel).range;
      const s = new vscode.DocumentSymbol(name || ' ', detail, KIND[n.kind], range, selection);
      s.children = n.children.map(make);
      return s;
    };
    return entry.outline.map(make);
  }
}
