// Argument parsing for `wulog summarize` (kept apart so it can be unit-tested without I/O).
import type { Lang } from '../core/lang';
import { langFromEnv, readLangOption } from './langOption';

export { langFromEnv };

export interface SummarizeArgs {
  paths: string[];
  json: boolean;
  lang: Lang;
}

export type ParsedSummarize = { ok: true; args: SummarizeArgs } | { ok: false; message: string; help?: boolean };

export const SUMMARIZE_USAGE = 'Usage: wulog summarize <files, folders or bundles (.zip, .cab)...> [--json] [--lang en|zh-cn]\n';

export function parseSummarizeArgs(argv: string[], env: NodeJS.ProcessEnv = {}): ParsedSummarize {
  const paths: string[] = [];
  let json = false;
  let lang: Lang | undefined;
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyPaths) paths.push(a);
    else if (a === '--') onlyPaths = true;
    else if (a === '--json') json = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const r = readLangOption(a === '--lang' ? argv[++i] : a.slice('--lang='.length));
      if ('message' in r) return { ok: false, message: r.message };
      lang = r.lang;
    } else if (a === '--help' || a === '-h') return { ok: false, message: '', help: true };
    else if (a.startsWith('-') && a.length > 1) return { ok: false, message: `unknown option ${a}` };
    else paths.push(a);
  }
  if (!paths.length) return { ok: false, message: 'no file or folder given' };
  return { ok: true, args: { paths, json, lang: lang ?? langFromEnv(env) } };
}
