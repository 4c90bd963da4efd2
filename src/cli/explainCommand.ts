// `wulog explain <code...> [--json] [--lang en|zh-cn]`: explains error codes offline.
import { describeExtended, explainCode, formatExtended, parseCode, parseUpgradeCode, type CodeExplanation, type ExtendedCode } from '../core/errors';
import type { Lang } from '../core/lang';
import { langFromEnv, readLangOption } from './langOption';

const USAGE = 'Usage: wulog explain <code...> [--json] [--lang en|zh-cn]\n' +
  '  codes: 0x800F0988, 800f0988, [800706BE], resultMapped=800F0988, -2147024891, 2147942405\n' +
  '  upgrade codes with their extend code: 0xC1900101-0x30018, "0xC1900101 - 0x30018", "[0x8007000D, 0x2000C]", "Extended: [0x2000c]"\n';

interface ExplainArgs {
  codes: string[];
  json: boolean;
  lang: Lang;
}

type Parsed = { ok: true; args: ExplainArgs } | { ok: false; message: string; help?: boolean };

/** Options as `wulog summarize` reads them: `--lang` in any case, else the language of LC_ALL/LANG. */
export function parseExplainArgs(argv: string[], env: NodeJS.ProcessEnv = {}): Parsed {
  const codes: string[] = [];
  let json = false;
  let lang: Lang | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const r = readLangOption(a === '--lang' ? argv[++i] : a.slice('--lang='.length));
      if ('message' in r) return { ok: false, message: r.message };
      lang = r.lang;
    } else if (a === '--help' || a === '-h') return { ok: false, message: '', help: true };
    else if (a.startsWith('--')) return { ok: false, message: `unknown option ${a}` };
    else codes.push(a);
  }
  if (!codes.length) return { ok: false, message: 'no code given' };
  return { ok: true, args: { codes, json, lang: lang ?? langFromEnv(env) } };
}

/** An upgrade extend code with our description of it. */
export interface ExtendedPart {
  extended: ExtendedCode;
  summary: string;
  nextSteps: string[];
}

/** What one argument asks to explain: a code, a code with its extend code, or an extend code alone. */
export interface ExplainItem {
  input: string;
  explanation?: CodeExplanation;
  upgrade?: ExtendedPart;
}

/**
 * Joins `0xC1900101 - 0x30018` typed without quotes (three arguments) or `0xC1900101 -0x30018`
 * (two) back into one. `-0x...` and a lone `-` are never codes by themselves.
 */
export function joinUpgradeArgs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const dash = args[i + 1];
    if ((dash === '-' || dash === '\u2013') && i + 2 < args.length) {
      out.push(`${a} - ${args[i + 2]}`);
      i += 2;
    } else if (dash !== undefined && /^[-\u2013]0[xX]/.test(dash)) {
      out.push(`${a} ${dash}`);
      i += 1;
    } else out.push(a);
  }
  return out;
}

/** Reads one argument; undefined when it is not a code in any form. */
export function explainItem(input: string, lang: Lang): ExplainItem | undefined {
  const up = parseUpgradeCode(input);
  if (up) {
    const upgrade = { extended: up.extended, ...describeExtended(up.extended, lang, up.code) };
    return up.code === undefined ? { input, upgrade } : { input, explanation: explainCode(up.code, lang), upgrade };
  }
  const v = parseCode(input);
  return v === undefined ? undefined : { input, explanation: explainCode(v, lang) };
}

function extendedJson(u: ExtendedPart): Record<string, unknown> {
  return {
    code: formatExtended(u.extended.code),
    value: u.extended.code,
    phase: u.extended.phase,
    phaseName: u.extended.phaseName,
    operation: u.extended.operation,
    operationName: u.extended.operationName ?? null,
    summary: u.summary,
    nextSteps: u.nextSteps,
  };
}

/** JSON of one item: the code's record plus `input` and `extended` (null without an extend code). */
export function itemJson(item: ExplainItem): Record<string, unknown> {
  return {
    input: item.input,
    ...(item.explanation ? toJsonRecord(item.explanation) : {}),
    extended: item.upgrade ? extendedJson(item.upgrade) : null,
  };
}

/** The JSON shape: stable keys for scripts. */
export function toJsonRecord(e: CodeExplanation): Record<string, unknown> {
  return {
    code: e.code,
    value: e.value,
    name: e.name,
    aliases: e.aliases ?? [],
    severity: e.severity,
    facility: e.facility.name,
    facilityId: e.facility.id,
    facilityLabel: e.facilityLabel ?? null,
    component: e.component ?? null,
    win32: e.win32 ?? null,
    decodedBy: e.decodedBy,
    confidence: e.confidence,
    specific: e.specific,
    summary: e.text.summary,
    cause: e.text.cause ?? null,
    steps: e.text.steps,
    collect: e.text.collect ?? [],
    sources: e.sources,
    lang: e.lang,
  };
}

export const LABELS: Record<Lang, Record<string, string>> = {
  en: { name: 'Name', unnamed: '(no symbolic name known)', facility: 'Facility', component: 'Component', win32: 'Win32 error', meaning: 'Meaning', generic: '(generic meaning of its range)', cause: 'Typical cause', steps: 'Next steps', collect: 'Ask for', sources: 'Sources', confidence: 'Confidence', aliases: 'Also named', extend: 'Extend code', phase: 'phase', operation: 'operation', upgrade: 'Upgrade failure', upgradeSteps: 'Upgrade next steps' },
  'zh-cn': { name: '名称', unnamed: '（没有已知的符号名称）', facility: '设施（Facility）', component: '组件', win32: 'Win32 错误', meaning: '含义', generic: '（所属范围的通用含义）', cause: '常见原因', steps: '后续步骤', collect: '需要收集', sources: '来源', confidence: '可信度', aliases: '别名', extend: '扩展代码', phase: '阶段', operation: '操作', upgrade: '升级失败', upgradeSteps: '升级后续步骤' },
};

export const CONFIDENCE: Record<Lang, Record<CodeExplanation['confidence'], string>> = {
  en: { header: 'public header', documented: 'Microsoft documentation', community: 'community sources only (unconfirmed name)', logged: 'name printed by the log', derived: 'derived from the code structure' },
  'zh-cn': { header: '公开头文件', documented: 'Microsoft 文档', community: '仅社区来源（名称未经确认）', logged: '日志中打印的名称', derived: '根据代码结构推断' },
};

export function formatHuman(e: CodeExplanation): string {
  const L = LABELS[e.lang];
  const out: string[] = [];
  out.push(`${e.code}  ${e.name ?? L.unnamed}`);
  if (e.aliases?.length) out.push(`  ${L.aliases}: ${e.aliases.join(', ')}`);
  out.push(`  ${L.facility}: ${e.facility.name} (${e.facility.id})${e.facilityLabel ? ` - ${e.facilityLabel}` : ''}`);
  if (e.component) out.push(`  ${L.component}: ${e.component}`);
  if (e.win32 !== undefined) out.push(`  ${L.win32}: ${e.win32}`);
  out.push(`  ${L.meaning}: ${e.text.summary}${e.specific ? '' : ` ${L.generic}`}`);
  if (e.text.cause) out.push(`  ${L.cause}: ${e.text.cause}`);
  if (e.text.steps.length) {
    out.push(`  ${L.steps}:`);
    e.text.steps.forEach((s, i) => out.push(`    ${i + 1}. ${s}`));
  }
  if (e.text.collect?.length) {
    out.push(`  ${L.collect}:`);
    for (const c of e.text.collect) out.push(`    - ${c}`);
  }
  out.push(`  ${L.sources}: ${e.sources.join('; ')}`);
  out.push(`  ${L.confidence}: ${CONFIDENCE[e.lang][e.confidence]}`);
  return out.join('\n');
}

/** The extend-code block of the human output (indented like the code's own lines). */
export function formatExtendedHuman(u: ExtendedPart, lang: Lang): string {
  const L = LABELS[lang];
  const x = u.extended;
  const op = `0x${x.operation.toString(16).toUpperCase()}${x.operationName ? ` ${x.operationName}` : ''}`;
  const out = [`  ${L.extend}: ${formatExtended(x.code)} - ${L.phase} ${x.phase} ${x.phaseName}, ${L.operation} ${op}`, `  ${L.upgrade}: ${u.summary}`, `  ${L.upgradeSteps}:`];
  u.nextSteps.forEach((s, i) => out.push(`    ${i + 1}. ${s}`));
  return out.join('\n');
}

function formatItem(item: ExplainItem, lang: Lang): string {
  if (!item.explanation) return `${item.input}\n${formatExtendedHuman(item.upgrade!, lang)}`;
  const text = formatHuman(item.explanation);
  return item.upgrade ? `${text}\n${formatExtendedHuman(item.upgrade, lang)}` : text;
}

export async function runExplain(argv: string[]): Promise<number> {
  const parsed = parseExplainArgs(argv, process.env);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    process.stderr.write(parsed.message ? `wulog explain: ${parsed.message}\n${USAGE}` : USAGE);
    return 2;
  }
  const { codes, json, lang } = parsed.args;
  const items: ExplainItem[] = [];
  const bad: string[] = [];
  for (const c of joinUpgradeArgs(codes)) {
    const item = explainItem(c, lang);
    if (item) items.push(item);
    else bad.push(c);
  }
  if (bad.length) {
    const shown = bad.map((b) => JSON.stringify(b.length > 40 ? `${b.slice(0, 40)}...` : b)).join(', ');
    process.stderr.write(`wulog explain: not a code: ${shown}\n${USAGE}`);
    return 2;
  }
  if (json) process.stdout.write(`${JSON.stringify(items.map(itemJson), null, 2)}\n`);
  else process.stdout.write(`${items.map((i) => formatItem(i, lang)).join('\n\n')}\n`);
  return 0;
}
