// Written explanations (ours, en + zh-cn), merged from the two files their authors maintain.
import wuJson from './data/explanations-wu.json';
import systemJson from './data/explanations-system.json';
import type { Lang } from '../lang';
import type { ExplanationText } from './types';

export type ExplanationEntry = Record<Lang, ExplanationText>;

/** Merged explanation files, keyed by unsigned value. Later files do not override earlier ones. */
export interface ExplanationIndex {
  byValue: Map<number, ExplanationEntry>;
  /** Keys present in both files (the first one wins); reported by the tests. */
  duplicates: string[];
  /** Keys that are not `0x` + 8 hex digits; skipped. */
  badKeys: string[];
}

let cache: ExplanationIndex | undefined;

export const EXPLANATION_FILES: Record<string, unknown> = {
  'explanations-wu.json': wuJson,
  'explanations-system.json': systemJson,
};

export function mergeExplanations(files: Record<string, unknown>): ExplanationIndex {
  const byValue = new Map<number, ExplanationEntry>();
  const duplicates: string[] = [];
  const badKeys: string[] = [];
  for (const data of Object.values(files)) {
    if (!data || typeof data !== 'object') continue;
    for (const [key, entry] of Object.entries(data as Record<string, ExplanationEntry>)) {
      if (!/^0x[0-9A-Fa-f]{8}$/.test(key)) {
        badKeys.push(key);
        continue;
      }
      const value = parseInt(key.slice(2), 16) >>> 0;
      if (byValue.has(value)) {
        duplicates.push(key);
        continue;
      }
      byValue.set(value, entry);
    }
  }
  return { byValue, duplicates, badKeys };
}

export function explanations(): ExplanationIndex {
  cache ??= mergeExplanations(EXPLANATION_FILES);
  return cache;
}

/** The written text for a code in one language, when both the entry and that language exist. */
export function writtenText(value: number, lang: Lang): ExplanationText | undefined {
  const entry = explanations().byValue.get(value >>> 0);
  const text = entry?.[lang] ?? entry?.en;
  return text && typeof text.summary === 'string' && Array.isArray(text.steps) ? text : undefined;
}
