// The CLI's own messages on stderr, in the language of `--lang` (usage lines stay English: they
// are command syntax).
import type { Lang } from '../core/lang';

export interface CliTexts {
  noLog: string;
  cannotRead: (why: string) => string;
  notReadable: (file: string, reason: string, how: boolean) => string;
}

export const CLI_TEXTS: Record<Lang, CliTexts> = {
  en: {
    noLog: 'no servicing log found in the given folder(s)',
    cannotRead: (why) => `cannot read the input: ${why}`,
    notReadable: (file, reason, how) => `note: ${file} is not readable as a log (${reason})${how ? '; the report says how to get readable text' : ''}`,
  },
  'zh-cn': {
    noLog: '指定的文件夹中没有找到 Windows 更新相关日志',
    cannotRead: (why) => `无法读取输入：${why}`,
    notReadable: (file, reason, how) => `注意：${file} 无法作为日志读取（${reason}）${how ? '；报告中说明了如何获得可读的文本' : ''}`,
  },
};
