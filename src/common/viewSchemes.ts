// URI schemes of the read-only documents this extension builds from logs (focus views and the
// merged timeline). They show log text but are not logs of their own: they are not analysed
// again (no second Problems entry for the same line), and their lines lead back to the source.
import type * as vscode from 'vscode';

export const FOCUS_SCHEME = 'wulog-focus';
export const TIMELINE_SCHEME = 'wulog-timeline';

export function isViewDocument(uri: vscode.Uri): boolean {
  return uri.scheme === FOCUS_SCHEME || uri.scheme === TIMELINE_SCHEME;
}
