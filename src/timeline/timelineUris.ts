// URIs of merged timelines: `wulog-timeline:/Timeline — <name>?<JSON: the files and folders>`.
import * as vscode from 'vscode';
import { baseName } from '../common/uris';
import { TIMELINE_SCHEME } from '../common/viewSchemes';

export function timelineUri(items: readonly vscode.Uri[], title: string): vscode.Uri {
  const name = items.length === 1 ? baseName(items[0]) : `${baseName(items[0])} +${items.length - 1}`;
  return vscode.Uri.from({ scheme: TIMELINE_SCHEME, path: `/${title} — ${name.replace(/[/\\?#]/g, ' ')}`, query: JSON.stringify(items.map((u) => u.toString())) });
}

/** The files and folders of a timeline URI (empty when the query is not ours). */
export function timelineItems(uri: vscode.Uri): vscode.Uri[] {
  if (uri.scheme !== TIMELINE_SCHEME) return [];
  try {
    const list: unknown = JSON.parse(uri.query);
    return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string').map((s) => vscode.Uri.parse(s, true)) : [];
  } catch {
    return [];
  }
}
