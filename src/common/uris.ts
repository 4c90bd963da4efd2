// URI helpers shared by every feature: the file name of a URI, and URI identity.
import type * as vscode from 'vscode';

/** The last path segment of a URI (`CBS.log`), or '' when the path has none. */
export function baseName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The last path segment, or the whole URI when there is none (the core's file name of a document). */
export function fileNameOf(uri: vscode.Uri): string {
  return baseName(uri) || uri.toString();
}

/** The folder part of a URI's path (without the trailing slash). */
export function dirPath(uri: vscode.Uri): string {
  return uri.path.slice(0, uri.path.lastIndexOf('/'));
}

/** A string key for maps and sets of URIs. */
export function uriKey(uri: vscode.Uri): string {
  return uri.toString();
}

export function sameUri(a: vscode.Uri | undefined, b: vscode.Uri | undefined): boolean {
  return a !== undefined && b !== undefined && a.toString() === b.toString();
}
