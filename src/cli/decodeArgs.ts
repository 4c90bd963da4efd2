// Argument parsing for `wulog decode` (kept apart so it can be unit-tested without I/O).
export interface DecodeArgs {
  paths: string[];
  utc: boolean;
  json: boolean;
}

export type ParsedDecode = { ok: true; args: DecodeArgs } | { ok: false; message: string; help?: boolean };

export const DECODE_USAGE = 'Usage: wulog decode <ETL files or folders...> [--utc] [--json]\n';

export function parseDecodeArgs(argv: string[]): ParsedDecode {
  const paths: string[] = [];
  let utc = false;
  let json = false;
  let onlyPaths = false;
  for (const a of argv) {
    if (onlyPaths) paths.push(a);
    else if (a === '--') onlyPaths = true;
    else if (a === '--utc') utc = true;
    else if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') return { ok: false, message: '', help: true };
    else if (a.startsWith('-') && a.length > 1) return { ok: false, message: `unknown option ${a}` };
    else paths.push(a);
  }
  if (!paths.length) return { ok: false, message: 'no file or folder given' };
  return { ok: true, args: { paths, utc, json } };
}
