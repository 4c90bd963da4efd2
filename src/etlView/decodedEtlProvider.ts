// The text of decoded ETL documents (read-only, as every content-provider document), and the
// ETW level of their lines, which the analysis of the document reads (the text cannot carry it).
import * as vscode from 'vscode';
import { mergeLevel } from '../core/analysis';
import { decodeEtlText, etlLevel, fileSource, memorySource, type EtlSource } from '../core/etl';
import type { Level } from '../core/model/types';
import { ETL_SCHEME, sourcesOf } from './etlUris';
import { Disposables } from '../common/disposables';
import { baseName } from '../common/uris';

/** ETL files larger than this are not read into memory through a non-local file system. */
const VIRTUAL_MAX_BYTES = 256 * 1024 * 1024;
/** Decoded text longer than this (characters) is cut, with a line saying so. */
const MAX_TEXT_CHARS = 256 * 1024 * 1024;
/** Decoded documents whose line levels are kept. */
const MAX_DOCUMENTS = 20;
/** Lines whose level is kept per document at most (warnings, errors). */
const MAX_LEVELS = 200_000;

async function sourceOf(uri: vscode.Uri): Promise<EtlSource> {
  if (uri.scheme === 'file') return fileSource(uri.fsPath);
  const st = await vscode.workspace.fs.stat(uri);
  const name = baseName(uri);
  if (st.size > VIRTUAL_MAX_BYTES) throw new Error(vscode.l10n.t('{0} is too large ({1} MB) to read through this workspace\'s file system. Copy it to a local folder and open it from there.', name, Math.round(st.size / 1048576)));
  return memorySource(name, await vscode.workspace.fs.readFile(uri));
}

export class DecodedEtlProvider extends Disposables implements vscode.TextDocumentContentProvider {
  private readonly levels = new Map<string, Map<number, Level>>();
  private readonly events = new Map<string, number>();

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(ETL_SCHEME, this));
    this.register({ dispose: () => { this.levels.clear(); this.events.clear(); } });
  }

  /** The level of each line of a decoded document, for its analysis. */
  levelsFor(uri: vscode.Uri): ((line: number, level: Level | undefined) => Level | undefined) | undefined {
    if (uri.scheme !== ETL_SCHEME) return undefined;
    const map = this.levels.get(uri.toString());
    return map ? (line, level) => mergeLevel(level, map.get(line)) : undefined;
  }

  /** Events decoded into the document (undefined before it was provided). */
  eventCount(uri: vscode.Uri): number | undefined {
    return this.events.get(uri.toString());
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const uris = sourcesOf(uri);
    const sources: EtlSource[] = [];
    const parts: string[] = [];
    const levels = new Map<number, Level>();
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    let chars = 0;
    let cut = false;
    try {
      for (const u of uris) sources.push(await sourceOf(u));
      const r = await decodeEtlText(sources, { signal: abort.signal }, (line, level) => {
        if (cut) return;
        if (chars + line.length > MAX_TEXT_CHARS) {
          cut = true;
          abort.abort();
          return;
        }
        const l = etlLevel(level);
        if (l && levels.size < MAX_LEVELS) levels.set(parts.length, l);
        parts.push(line);
        chars += line.length + 1;
      }).catch((err: unknown) => {
        if (cut) return undefined;
        throw err;
      });
      if (cut) parts.push(vscode.l10n.t('[WU Log Lens: the decoded text was cut at {0} million characters; decode the files with `wulog decode` to get all of it.]', MAX_TEXT_CHARS / 1048576));
      // Kept for the last documents decoded (a language switch closes and reopens a document without decoding again).
      this.levels.delete(uri.toString());
      this.levels.set(uri.toString(), levels);
      for (const k of this.levels.keys()) {
        if (this.levels.size <= MAX_DOCUMENTS) break;
        this.levels.delete(k);
        this.events.delete(k);
      }
      this.events.set(uri.toString(), r?.events ?? parts.length);
      return `${parts.join('\n')}\n`;
    } catch (err) {
      return vscode.l10n.t('WU Log Lens could not decode {0}: {1}', uris.map((u) => u.toString(true)).join(', '), err instanceof Error ? err.message : String(err));
    } finally {
      sub.dispose();
      for (const s of sources) await s.close?.();
    }
  }
}
