// URIs of focus views: `wulog-focus:/<log name> — <what>?<JSON: source URI and selector>`. The
// path gives the tab its title; the query says which lines of which log to show.
import * as vscode from 'vscode';
import type { FocusSelector } from '../core/navigate';
import { baseName } from '../common/uris';
import { FOCUS_SCHEME } from '../common/viewSchemes';

export interface FocusTarget {
  source: vscode.Uri;
  selector: FocusSelector;
}

/** Characters of the label kept in the tab title. */
const LABEL_MAX = 60;

export function focusUri(source: vscode.Uri, selector: FocusSelector, label: string): vscode.Uri {
  const clean = label.replace(/[/\\?#]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, LABEL_MAX);
  return vscode.Uri.from({ scheme: FOCUS_SCHEME, path: `/${baseName(source) || 'log'} — ${clean}`, query: JSON.stringify({ source: source.toString(), selector }) });
}

const KINDS = new Set(['update', 'kb', 'call', 'thread', 'component', 'session', 'dismRun', 'failures']);

/** The target of a focus URI, or undefined when its query is not ours. */
export function parseFocusUri(uri: vscode.Uri): FocusTarget | undefined {
  if (uri.scheme !== FOCUS_SCHEME) return undefined;
  try {
    const q = JSON.parse(uri.query) as { source?: unknown; selector?: { kind?: unknown } };
    if (typeof q.source !== 'string' || !q.selector || typeof q.selector.kind !== 'string' || !KINDS.has(q.selector.kind)) return undefined;
    return { source: vscode.Uri.parse(q.source, true), selector: q.selector as FocusSelector };
  } catch {
    return undefined;
  }
}
