// Windows upgrade extend codes (`0xC1900101 - 0x30018`): the first hex digit of the extend code is
// the setup phase, the last two digits the operation (SP_EXECUTION_OP), as Microsoft documents
// for upgrade error codes. Decoding, the forms logs and people write them in, and our advice.
import type { Lang } from '../lang';
import type { Span } from '../model/types';
import type { ExtendedCode } from './types';
import { formatCode, parseCode } from './parseCode';
import { hex, isError } from '../analysis/patterns';
import { OPERATION_HINTS, PAIR_TEXTS, PHASE_TEXTS, SETUPDIAG_STEP } from './extendedTexts';

/** SP_EXECUTION_* phases by value. */
export const UPGRADE_PHASES: readonly string[] = ['UNKNOWN', 'DOWNLEVEL', 'SAFE_OS', 'FIRST_BOOT', 'OOBE_BOOT', 'UNINSTALL'];

/** SP_EXECUTION_OP_* by value, spelled as documented (`INSTALL_DRVIERS` included). */
export const UPGRADE_OPERATIONS: readonly string[] = [
  'UNKNOWN', 'COPY_PAYLOAD', 'DOWNLOAD_UPDATES', 'INSTALL_UPDATES', 'INSTALL_RECOVERY_ENVIRONMENT', 'INSTALL_RECOVERY_IMAGE',
  'REPLICATE_OC', 'INSTALL_DRVIERS', 'PREPARE_SAFE_OS', 'PREPARE_ROLLBACK', 'PREPARE_FIRST_BOOT', 'PREPARE_OOBE_BOOT',
  'APPLY_IMAGE', 'MIGRATE_DATA', 'SET_PRODUCT_KEY', 'ADD_UNATTEND', 'ADD_DRIVER', 'ENABLE_FEATURE', 'DISABLE_FEATURE',
  'REGISTER_ASYNC_PROCESS', 'REGISTER_SYNC_PROCESS', 'CREATE_FILE', 'CREATE_REGISTRY', 'BOOT', 'SYSPREP', 'OOBE',
  'BEGIN_FIRST_BOOT', 'END_FIRST_BOOT', 'BEGIN_OOBE_BOOT', 'END_OOBE_BOOT', 'PRE_OOBE', 'POST_OOBE', 'ADD_PROVISIONING_PACKAGE',
];

/** A value that can be an extend code: phase 1..5 in the fifth hex digit, nothing above it. */
export function isExtendedCode(value: number): boolean {
  return Number.isInteger(value) && value >= 0x10000 && value <= 0x5ffff;
}

/** Phase and operation of an extend code; never throws. */
export function decodeExtended(ext: number): ExtendedCode {
  const code = Number.isFinite(ext) ? ext >>> 0 : 0;
  const phase = code >>> 16;
  const operation = code & 0xffff;
  const x: ExtendedCode = { code, phase, phaseName: UPGRADE_PHASES[phase] ?? 'UNKNOWN', operation };
  const name = UPGRADE_OPERATIONS[operation];
  if (name) x.operationName = name;
  return x;
}

/** `0x30018`: extend codes are written without padding. */
export function formatExtended(ext: number): string {
  return `0x${(ext >>> 0).toString(16).toUpperCase()}`;
}

/** An extend code written in a line, with the result code it is paired with when there is one. */
export interface UpgradeCodeRef {
  code?: number;
  codeSpan?: Span;
  extended: number;
  extSpan: Span;
}

const HEX = '(0[xX][0-9A-Fa-f]{1,8})';
/** `0xC1900101 - 0x30018`, `Error = 0x8007000D-0x2000C` (also with an en dash). */
const DASH_PAIR = new RegExp(`(?<![\\w.])${HEX}[ \\t]{0,3}[-\\u2013][ \\t]{0,3}${HEX}(?!\\w)`, 'dg');
/** `Reporting post reboot event -> [0x8007000D, 0x2000C]`. */
const BRACKET_PAIR = new RegExp(`\\[${HEX},[ \\t]{0,3}${HEX}\\]`, 'dg');
/** `ImageExit: Initializing Extended: [0x2000c]`, `[Setup360Extended]=[0x20018]`. */
const EXT_LABEL = new RegExp(`Extended\\]?[ \\t]{0,4}[:=][ \\t]{0,8}\\[?${HEX}(?![\\w])`, 'dg');

function span(m: RegExpMatchArray, group: number): Span {
  const at = m.indices?.[group] ?? [0, 0];
  return { start: at[0], end: at[1] };
}

/**
 * Extend codes in one line, in order: pairs (`0xC1900101 - 0x30018`, `[0x8007000D, 0x2000C]`)
 * and labelled ones (`Extended: [0x2000c]`). A pair needs a failure code and a value that can be
 * an extend code, so `[0x800704D3, 0x800704C7]` (a result and its mapped form) is not one.
 */
export function findUpgradeCodes(line: string): UpgradeCodeRef[] {
  const out: UpgradeCodeRef[] = [];
  if (line.indexOf('0x') < 0 && line.indexOf('0X') < 0) return out;
  for (const re of [DASH_PAIR, BRACKET_PAIR]) {
    for (const m of line.matchAll(re)) {
      const code = hex(m[1]);
      const ext = hex(m[2]);
      if (isError(code) && isExtendedCode(ext)) out.push({ code, codeSpan: span(m, 1), extended: ext, extSpan: span(m, 2) });
    }
  }
  if (line.indexOf('xtended') >= 0) {
    for (const m of line.matchAll(EXT_LABEL)) {
      const ext = hex(m[1]);
      const s = span(m, 1);
      if (isExtendedCode(ext) && !out.some((r) => r.extSpan.start === s.start)) out.push({ extended: ext, extSpan: s });
    }
  }
  return out.length > 1 ? out.sort((a, b) => a.extSpan.start - b.extSpan.start) : out;
}

const PAIR_INPUT = /^(\S+?)[ \t]*[-\u2013,][ \t]*(?:0[xX])?([0-9A-Fa-f]{1,5})$/;

/**
 * A code as a person types it with its extend code: `0xC1900101-0x30018`, `0xC1900101 - 0x30018`,
 * `[0x8007000D, 0x2000C]`, `Error = 0x8007000D-0x2000C`, or the extend code alone when labelled
 * (`Extended: [0x2000c]`). Undefined for anything else (a plain code is parseCode's).
 */
export function parseUpgradeCode(text: string): { code?: number; extended: ExtendedCode } | undefined {
  if (typeof text !== 'string' || text.length > 80) return undefined;
  let t = text.trim();
  const key = /^([A-Za-z][\w ]{0,30}?)[ \t]*[:=][ \t]*(\S.*)$/.exec(t);
  if (key) t = key[2];
  const br = /^\[[ \t]*(.*?)[ \t]*\]$/.exec(t);
  if (br) t = br[1];
  const pair = PAIR_INPUT.exec(t);
  if (pair) {
    const code = parseCode(pair[1]);
    const ext = parseInt(pair[2], 16);
    if (code === undefined || !isError(code) || !isExtendedCode(ext)) return undefined;
    return { code, extended: decodeExtended(ext) };
  }
  const alone = /^(?:0[xX])?([0-9A-Fa-f]{5})$/.exec(t);
  if (key && /extended$/i.test(key[1]) && alone && isExtendedCode(parseInt(alone[1], 16))) {
    return { extended: decodeExtended(parseInt(alone[1], 16)) };
  }
  return undefined;
}

/**
 * What an extend code says and what to do next, in our words: the pair's documented cause when
 * `code` (the result it came with) makes a known pair, else the phase, with a hint for the
 * operation. For the report, the hover and `wulog explain`.
 */
export function describeExtended(x: ExtendedCode, lang: Lang, code?: number): { summary: string; nextSteps: string[] } {
  const L: Lang = lang === 'zh-cn' ? 'zh-cn' : 'en';
  const phase = (PHASE_TEXTS[x.phase] ?? PHASE_TEXTS[0])[L];
  const known = code === undefined ? undefined : PAIR_TEXTS[`${formatCode(code).slice(2)}-${formatExtended(x.code).slice(2)}`]?.[L];
  const ext = formatExtended(x.code);
  const opHex = `0x${x.operation.toString(16).toUpperCase()}`;
  let summary = L === 'en'
    ? `Extend code ${ext}: the failure happened in ${phase.summary}, during ${x.operationName ? `the ${x.operationName} operation` : `operation ${opHex} (not in the documented table)`}.`
    : `扩展代码 ${ext}：失败发生在${phase.summary}，失败的操作是 ${x.operationName ?? `${opHex}（不在文档列出的范围内）`}。`;
  if (known) summary += L === 'en' ? ` ${known.summary}` : known.summary;
  const nextSteps = [...(known ?? phase).steps];
  const hint = known ? undefined : OPERATION_HINTS[x.operation]?.[L];
  if (hint) nextSteps.splice(1, 0, hint);
  nextSteps.push(SETUPDIAG_STEP[L]);
  return { summary, nextSteps };
}
