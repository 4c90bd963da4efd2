// Our language ids and which formats they show. No `vscode` import: unit-testable in plain Node.
import type { LogFormat } from '../core/model/types';

export type OurLanguage = 'wulog' | 'cbslog' | 'wureport';

export const OUR_LANGUAGES: readonly OurLanguage[] = ['wulog', 'cbslog', 'wureport'];

/** Languages VS Code gives files whose name says nothing; only these are ever switched. */
export const SWITCHABLE_LANGUAGES: ReadonlySet<string> = new Set(['plaintext', 'log']);

/** The language that shows a format, or undefined for formats we leave alone (etl, unknown). */
export function languageForFormat(format: LogFormat): OurLanguage | undefined {
  switch (format) {
    case 'wu10':
    case 'wu7':
    case 'undecoded':
      return 'wulog';
    case 'cbs':
    case 'dism':
    case 'setup':
      return 'cbslog';
    case 'reporting':
      return 'wureport';
    default:
      return undefined;
  }
}
