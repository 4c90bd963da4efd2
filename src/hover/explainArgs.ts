// The arguments of `wuLogLens.explainCode` (the hover's "More…" link, the Command Palette):
// checked before use, since a command link's arguments come back as untyped JSON.
import { parseCode, parseUpgradeCode } from '../core/errors';

export const EXPLAIN_CODE_COMMAND = 'wuLogLens.explainCode';

export interface ExplainArgs {
  /** The result code (unsigned 32-bit); absent for an extend code written alone. */
  code?: number;
  /** An upgrade extend code (`0x30018`). */
  ext?: number;
  /** The code as the log wrote it (shown, escaped). */
  text?: string;
  /** The name the log printed next to the code. */
  logged?: string;
}

const isU32 = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffffffff;
const LOGGED_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** The arguments, or undefined when they are not ours. */
export function checkExplainArgs(raw: unknown): ExplainArgs | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const out: ExplainArgs = {};
  if (isU32(r.code)) out.code = r.code;
  if (isU32(r.ext) && r.ext <= 0xfffff) out.ext = r.ext;
  if (typeof r.text === 'string' && r.text.length <= 80) out.text = r.text;
  if (typeof r.logged === 'string' && r.logged.length <= 100 && LOGGED_NAME.test(r.logged)) out.logged = r.logged;
  return out.code !== undefined || out.ext !== undefined ? out : undefined;
}

/** A code typed by the user: `0x800F0922`, `800f0922`, `-2146498270`, `0xC1900101-0x30018`. */
export function parseExplainInput(input: string): ExplainArgs | undefined {
  const text = input.trim();
  const up = parseUpgradeCode(text);
  if (up) return { code: up.code, ext: up.extended.code, text };
  const code = parseCode(text);
  return code === undefined ? undefined : { code, text };
}
