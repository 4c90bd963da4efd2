// What a report was made from, so that it can be made again when its logs change: an open
// document (its cached analysis, unsaved edits included) or files and folders (read again from
// disk or through the workspace file system). Each source watches its logs and says when they
// changed; the report view then summarizes again.
import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../analysisService/documentAnalyses';
import { reportFileName } from '../core/report';
import { fromDocument, fromUris, type CollectedAnalysis } from './collectAnalysis';

type Progress = vscode.Progress<{ message?: string }>;

export interface ReportSource {
  /** Same logs, same key: summarizing them again refreshes their report instead of opening another. */
  readonly key: string;
  /** The logs' names, for the view's title. */
  readonly label: string;
  /** `progress`: the notification of a first summary (a refresh reads quietly). */
  collect(token: vscode.CancellationToken, progress?: Progress): Promise<CollectedAnalysis | undefined>;
  /** Calls `changed` when a log of the report may have changed. */
  watch(changed: () => void): vscode.Disposable;
}

/** Watches files and folders for changes (created, changed, deleted). */
async function watchUris(uris: readonly vscode.Uri[], changed: () => void): Promise<vscode.Disposable[]> {
  const subs: vscode.Disposable[] = [];
  for (const uri of uris) {
    let pattern: vscode.RelativePattern;
    try {
      const st = await vscode.workspace.fs.stat(uri);
      pattern = st.type & vscode.FileType.Directory
        ? new vscode.RelativePattern(uri, '**/*')
        : new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), reportFileName(uri.path));
    } catch {
      continue; // gone already: nothing to watch
    }
    const w = vscode.workspace.createFileSystemWatcher(pattern);
    subs.push(w, w.onDidChange(changed), w.onDidCreate(changed), w.onDidDelete(changed));
  }
  return subs;
}

/** A disposable that disposes what an async setup produced, also when disposed before it finished. */
function lateDisposable(setup: Promise<vscode.Disposable[]>): vscode.Disposable {
  let disposed = false;
  let subs: vscode.Disposable[] = [];
  void setup.then((s) => {
    if (disposed) s.forEach((d) => d.dispose());
    else subs = s;
  });
  return new vscode.Disposable(() => {
    disposed = true;
    subs.forEach((d) => d.dispose());
  });
}

/** The open log a summary was made of. */
export class DocumentSource implements ReportSource {
  readonly key: string;
  readonly label: string;

  constructor(private readonly uri: vscode.Uri, private readonly analyses: DocumentAnalyses) {
    this.key = `doc:${uri.toString()}`;
    this.label = reportFileName(uri.path);
  }

  async collect(token: vscode.CancellationToken, progress?: Progress): Promise<CollectedAnalysis | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString());
    if (open) return fromDocument(open, this.analyses);
    // Closed since: read it again from its file (an untitled document is gone with its text).
    if (this.uri.scheme === 'untitled') return undefined;
    return fromUris([this.uri], token, progress);
  }

  watch(changed: () => void): vscode.Disposable {
    const key = this.uri.toString();
    return vscode.Disposable.from(
      this.analyses.onDidChange((u) => {
        if (u.toString() === key) changed();
      }),
      lateDisposable(this.uri.scheme === 'untitled' ? Promise.resolve([]) : watchUris([this.uri], changed)),
    );
  }
}

/** Files and folders chosen in the Explorer. */
export class UrisSource implements ReportSource {
  readonly key: string;
  readonly label: string;

  constructor(private readonly uris: readonly vscode.Uri[]) {
    this.key = `files:${uris.map((u) => u.toString()).sort().join('|')}`;
    this.label = uris.map((u) => reportFileName(u.path)).join(', ');
  }

  collect(token: vscode.CancellationToken, progress?: Progress): Promise<CollectedAnalysis | undefined> {
    return fromUris(this.uris, token, progress);
  }

  watch(changed: () => void): vscode.Disposable {
    return lateDisposable(watchUris(this.uris, changed));
  }
}
