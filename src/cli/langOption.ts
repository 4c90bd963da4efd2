// The report/explanation language on the command line, read the same way by every sub-command.
import { toLang, type Lang } from '../core/lang';

/** The language from the environment: LC_ALL, LC_MESSAGES, LANG (`zh_CN.UTF-8` → zh-cn). */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const l = raw.split('.')[0].replace(/_/g, '-');
  return toLang(l);
}

/** The value of `--lang` (any letter case), or the message to print for a bad one. */
export function readLangOption(value: string | undefined): { lang: Lang } | { message: string } {
  const norm = value?.toLowerCase();
  if (norm === 'en' || norm === 'zh-cn') return { lang: norm };
  return { message: `--lang must be en or zh-cn (got ${value === undefined ? 'nothing' : JSON.stringify(value)})` };
}
