// One sentence per store-health observation (a DISM check, an SFC run, a CBS store mark), in
// English and Simplified Chinese, and the choice of which observations are still current.
// Names from the log (files, components, categories) go through the caller's `item` renderer
// (a code span in Markdown, as is in plain text); the rest is our own text and needs no escaping.
import type { Lang } from '../lang';
import type { StoreHealth } from '../analysis/types';

/** Renders one name taken from the log for the output surface. */
export type ItemRenderer = (name: string) => string;

/** Names shown in a sentence; the observation's `items` keep the rest. */
const SHOWN = 3;

type Case =
  | 'sfcClean' | 'sfcVerifyClean' | 'sfcRepaired' | 'sfcLeft' | 'sfcFoundVerify' | 'sfcFoundUnknown' | 'sfcUnknown'
  | 'dismClean' | 'dismRepaired' | 'dismLeft' | 'dismFailed' | 'dismNotRepairable' | 'dismFound' | 'dismFoundUnknown' | 'dismOk' | 'dismUnknown'
  | 'cbsMarked';

interface Args {
  /** `SFC`, `DISM RestoreHealth` ... */
  tool: string;
  /** Damaged items in the check, when stated. */
  n?: number;
  /** Of them not repaired. */
  u: number;
  /** The names shown, already rendered and joined ('' when none). */
  list: string;
}

const enFiles = (n: number): string => `${n} corrupt system file${n === 1 ? '' : 's'}`;
const enEntries = (n: number): string => `${n} corrupt entr${n === 1 ? 'y' : 'ies'}`;
const enParen = (s: string): string => (s ? ` (${s})` : '');
const zhParen = (s: string): string => (s ? `（${s}）` : '');
const EN_SOURCE = 'run it again with /Source set to installation media of the same Windows build, and /LimitAccess';
const ZH_SOURCE = '请以同一版本的 Windows 安装介质作为 /Source，并加上 /LimitAccess 重新运行';

export const STORE_HEALTH_TEXTS: Record<Lang, Record<Case, (a: Args) => string>> = {
  en: {
    sfcClean: () => 'SFC (sfc /scannow) found no corrupt system files.',
    sfcVerifyClean: () => 'SFC verification found no corrupt system files.',
    sfcRepaired: (a) => `SFC found ${enFiles(a.n ?? 0)} and repaired ${a.n === 1 ? 'it' : 'all of them'}${enParen(a.list)}.`,
    sfcLeft: (a) =>
      `SFC found ${enFiles(a.n ?? a.u)} and could not repair ${a.u === (a.n ?? a.u) ? (a.u === 1 ? 'it' : 'any of them') : a.u}${enParen(a.list)}; run DISM /RestoreHealth, then SFC again.`,
    sfcFoundVerify: (a) => `SFC verification found ${enFiles(a.n ?? 0)}${enParen(a.list)}; run sfc /scannow to repair ${a.n === 1 ? 'it' : 'them'}.`,
    sfcFoundUnknown: (a) => `SFC found ${enFiles(a.n ?? 0)}${enParen(a.list)}; the log does not say whether ${a.n === 1 ? 'it was' : 'they were'} repaired.`,
    sfcUnknown: () => 'SFC ran, but the log does not state its result.',
    dismClean: (a) => `${a.tool}: no component store corruption detected.`,
    dismRepaired: (a) => (a.n !== undefined ? `The component store had ${enEntries(a.n)}${enParen(a.list)}; ${a.tool} repaired ${a.n === 1 ? 'it' : 'all of them'}.` : `${a.tool} repaired the component store corruption.`),
    dismLeft: (a) =>
      `The component store had ${enEntries(a.n ?? a.u)} and ${a.tool} could not repair ${a.u === (a.n ?? a.u) ? (a.u === 1 ? 'it' : 'any of them') : a.u}${enParen(a.list)}; ${EN_SOURCE}.`,
    dismFailed: (a) => `${a.tool} could not repair the component store; ${EN_SOURCE}.`,
    dismNotRepairable: (a) => `${a.tool}: the component store is damaged and cannot be repaired; an in-place upgrade (repair install) of Windows is usually needed.`,
    dismFound: (a) =>
      a.n !== undefined
        ? `${a.tool} found ${enEntries(a.n)} in the component store${enParen(a.list)}; run DISM /RestoreHealth to repair ${a.n === 1 ? 'it' : 'them'}.`
        : `${a.tool}: the component store is damaged but repairable; run DISM /RestoreHealth.`,
    dismFoundUnknown: (a) => `The component store had ${a.n !== undefined ? enEntries(a.n) : 'corruption'}${enParen(a.list)}; the log does not say whether ${a.tool} repaired it.`,
    dismOk: (a) => `${a.tool} completed successfully; the component store is healthy.`,
    dismUnknown: (a) => `${a.tool} ran, but the log does not state its result.`,
    cbsMarked: (a) => `CBS marked the component store as corrupt${a.list ? ` (category ${a.list})` : ''}; run DISM /RestoreHealth, then sfc /scannow.`,
  },
  'zh-cn': {
    sfcClean: () => 'SFC（sfc /scannow）未发现损坏的系统文件。',
    sfcVerifyClean: () => 'SFC 校验未发现损坏的系统文件。',
    sfcRepaired: (a) => `SFC 发现 ${a.n ?? 0} 个损坏的系统文件，${a.n === 1 ? '已修复' : '已全部修复'}${zhParen(a.list)}。`,
    sfcLeft: (a) =>
      `SFC 发现 ${a.n ?? a.u} 个损坏的系统文件，${a.u === (a.n ?? a.u) ? '均无法修复' : `其中 ${a.u} 个无法修复`}${zhParen(a.list)}；请先运行 DISM /RestoreHealth，再重新运行 sfc /scannow。`,
    sfcFoundVerify: (a) => `SFC 校验发现 ${a.n ?? 0} 个损坏的系统文件${zhParen(a.list)}；请运行 sfc /scannow 修复。`,
    sfcFoundUnknown: (a) => `SFC 发现 ${a.n ?? 0} 个损坏的系统文件${zhParen(a.list)}，日志中没有说明是否已修复。`,
    sfcUnknown: () => 'SFC 已运行，但日志中没有给出结果。',
    dismClean: (a) => `${a.tool}：未检测到组件存储损坏。`,
    dismRepaired: (a) => (a.n !== undefined ? `组件存储有 ${a.n} 处损坏${zhParen(a.list)}，${a.tool} ${a.n === 1 ? '已修复' : '已全部修复'}。` : `${a.tool} 已修复组件存储损坏。`),
    dismLeft: (a) =>
      `组件存储有 ${a.n ?? a.u} 处损坏，${a.tool} ${a.u === (a.n ?? a.u) ? '均无法修复' : `有 ${a.u} 处无法修复`}${zhParen(a.list)}；${ZH_SOURCE}。`,
    dismFailed: (a) => `${a.tool} 无法修复组件存储；${ZH_SOURCE}。`,
    dismNotRepairable: (a) => `${a.tool}：组件存储已损坏且无法修复，通常需要对 Windows 做就地升级（修复安装）。`,
    dismFound: (a) =>
      a.n !== undefined
        ? `${a.tool} 发现组件存储有 ${a.n} 处损坏${zhParen(a.list)}；请运行 DISM /RestoreHealth 修复。`
        : `${a.tool}：组件存储已损坏，但可以修复；请运行 DISM /RestoreHealth。`,
    dismFoundUnknown: (a) => `组件存储有${a.n !== undefined ? ` ${a.n} 处` : ''}损坏${zhParen(a.list)}，日志中没有说明 ${a.tool} 是否已修复。`,
    dismOk: (a) => `${a.tool} 已成功完成，组件存储状态正常。`,
    dismUnknown: (a) => `${a.tool} 已运行，但日志中没有给出结果。`,
    cbsMarked: (a) => `CBS 已将组件存储标记为损坏${a.list ? `（类别：${a.list}）` : ''}；请先运行 DISM /RestoreHealth，再运行 sfc /scannow。`,
  },
};

const DISM_NAMES: Record<StoreHealth['operation'], string> = { repair: 'DISM RestoreHealth', scan: 'DISM ScanHealth', check: 'DISM CheckHealth' };

function caseOf(h: StoreHealth): Case {
  const found = h.corruptionFound;
  if (h.tool === 'cbs') return 'cbsMarked';
  if (h.tool === 'sfc') {
    if (found === false) return h.operation === 'repair' ? 'sfcClean' : 'sfcVerifyClean';
    if (found === undefined) return 'sfcUnknown';
    if (h.repaired === true) return 'sfcRepaired';
    if (h.repaired === false) return 'sfcLeft';
    return h.operation === 'repair' ? 'sfcFoundUnknown' : 'sfcFoundVerify';
  }
  if (found === false) return 'dismClean';
  if (h.repaired === true) return found ? 'dismRepaired' : 'dismOk';
  if (h.repaired === false) {
    if (h.detected !== undefined) return 'dismLeft';
    return h.operation === 'repair' ? 'dismFailed' : 'dismNotRepairable';
  }
  if (found) return h.operation === 'repair' ? 'dismFoundUnknown' : 'dismFound';
  return 'dismUnknown';
}

/** The last part of a path (`C:\Windows\System32\x.dll`, `amd64_...\x.dll` → `x.dll`). */
function shortName(name: string): string {
  const i = Math.max(name.lastIndexOf('\\'), name.lastIndexOf('/'));
  return i >= 0 && i < name.length - 1 ? name.slice(i + 1) : name;
}

function nameList(names: string[], total: number, lang: Lang, item: ItemRenderer): string {
  const shown = names.slice(0, SHOWN).map((n) => item(shortName(n)));
  if (!shown.length) return '';
  const rest = total - shown.length;
  if (lang === 'zh-cn') return `${shown.join('、')}${rest > 0 ? ' 等' : ''}`;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/**
 * One sentence that says whether corruption was found, which items and whether it was repaired.
 * `items` of an observation list the not-repaired ones first, so the first `detected -
 * repairedCount` names are the ones left; those are named when some were left.
 */
export function storeHealthSentence(h: StoreHealth, lang: Lang, item: ItemRenderer = (s) => s): string {
  const c = caseOf(h);
  const n = h.detected !== undefined ? h.detected : h.items.length > 0 && h.tool !== 'cbs' ? h.items.length : undefined;
  const u = n !== undefined ? Math.max(0, n - (h.repairedCount ?? 0)) : 0;
  const left = c === 'sfcLeft' || c === 'dismLeft';
  const names = left ? h.items.slice(0, u) : h.items;
  const list = nameList(names, left ? u : n ?? names.length, lang, item);
  const tool = h.tool === 'sfc' ? 'SFC' : h.tool === 'cbs' ? 'CBS' : DISM_NAMES[h.operation];
  return STORE_HEALTH_TEXTS[lang][c]({ tool, n, u, list });
}

/**
 * The observations still current: the newest check per tool and file (an older one is history).
 * A CBS store mark is history too once a later DISM check of the same file looked at the store.
 */
export function latestStoreHealth(list: StoreHealth[]): StoreHealth[] {
  const newest = new Map<string, StoreHealth>();
  for (const h of list) {
    const k = `${h.file}:${h.tool}`;
    const cur = newest.get(k);
    if (!cur || h.at.line >= cur.at.line) newest.set(k, h);
  }
  return list.filter((h) => {
    if (newest.get(`${h.file}:${h.tool}`) !== h) return false;
    const dism = newest.get(`${h.file}:dism`);
    return !(h.tool === 'cbs' && dism && dism.at.line > h.at.line);
  });
}
