// The API `activate` returns, for other extensions and tests: `analyze(uri)` resolves to the same
// JSON object `wulog summarize --json` prints for that file or folder (same core, same options:
// English unless `lang` says otherwise). Files without a local path are read through the
// workspace file system, as Summarize Failures does.
import * as vscode from 'vscode';
import { analyzeFiles, type Analysis } from '../core/analysis';
import type { Lang } from '../core/lang';
import { toJsonReport, type JsonReport } from '../core/report';
import { analyzeVirtual } from '../summarize/virtualFiles';

export interface AnalyzeOptions {
  /** Language of the texts in the JSON (as `--lang`); `en` by default, like the CLI without LANG. */
  lang?: Lang;
}

export interface WuLogLensApi {
  /** The `wulog summarize --json` object for a file or folder. Rejects when it cannot be read. */
  analyze(uri: vscode.Uri | string, options?: AnalyzeOptions): Promise<JsonReport>;
}

async function analysisOf(uri: vscode.Uri): Promise<Analysis> {
  if (uri.scheme === 'file') return analyzeFiles([uri.fsPath]);
  const source = new vscode.CancellationTokenSource();
  try {
    const v = await analyzeVirtual([uri], source.token);
    if (!v) throw new Error('cancelled');
    return v.analysis;
  } finally {
    source.dispose();
  }
}

export function createApi(): WuLogLensApi {
  return {
    async analyze(uri, options = {}) {
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri, true) : uri;
      if (!(target instanceof vscode.Uri)) throw new TypeError('analyze(uri): a vscode.Uri or a URI string is required');
      return toJsonReport(await analysisOf(target), options.lang === 'zh-cn' ? 'zh-cn' : 'en');
    },
  };
}
