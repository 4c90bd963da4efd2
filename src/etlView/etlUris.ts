// URIs of decoded ETL documents: `wulog-etl:/<name>.log?<the ETL files' URIs, JSON>`. The
// path gives the tab its title (and a `.log` name); the query says what to decode.
import * as vscode from 'vscode';
import { baseName as baseOf, dirPath } from '../common/uris';

export const ETL_SCHEME = 'wulog-etl';


/** The decoded document of these ETL files (several: one merged text). */
export function decodedEtlUri(sources: readonly vscode.Uri[]): vscode.Uri {
  const first = sources[0];
  const dir = dirPath(first);
  const name = sources.length === 1 ? `${baseOf(first)}.log` : `${dir.slice(dir.lastIndexOf('/') + 1) || 'etl'} (${sources.length} ETL files).log`;
  return vscode.Uri.from({ scheme: ETL_SCHEME, path: `/${name}`, query: JSON.stringify(sources.map((s) => s.toString())) });
}

/** The ETL files of a decoded document URI (empty when the query is not ours). */
export function sourcesOf(uri: vscode.Uri): vscode.Uri[] {
  try {
    const list: unknown = JSON.parse(uri.query);
    return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string').map((s) => vscode.Uri.parse(s, true)) : [];
  } catch {
    return [];
  }
}
