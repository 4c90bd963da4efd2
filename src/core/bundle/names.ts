// Names inside a bundle: archives, the kind of log a path is (for the inventory and for what
// is missing), and entry names checked before they are trusted (never used as a disk path).
import type { LogKind } from './types';

export const isZipName = (name: string): boolean => /\.zip$/i.test(name);
export const isCabName = (name: string): boolean => /\.cab$/i.test(name);
export const isArchiveName = (name: string): boolean => isZipName(name) || isCabName(name);

const KINDS: [LogKind, RegExp][] = [
  ['wuEtl', /(?:^|[/\\])WindowsUpdate[^/\\]*\.etl$/i],
  ['deliveryOptimization', /DeliveryOptimization|(?:^|[/\\])dosvc[^/\\]*\.(?:etl|log|txt)$|(?:^|[/\\])DO[-_ ]?log[^/\\]*\.(?:log|txt|csv)$/i],
  ['wu', /(?:^|[/\\])WindowsUpdate[^/\\]*\.(?:log|txt)$/i],
  ['cbsPersist', /(?:^|[/\\])CbsPersist_[^/\\]*\.(?:log|cab|txt)$/i],
  ['cbs', /(?:^|[/\\])CBS[^/\\]*\.(?:log|txt)$/i],
  ['dism', /(?:^|[/\\])dism[^/\\]*\.(?:log|txt|bak)$/i],
  ['reporting', /(?:^|[/\\])ReportingEvents[^/\\]*\.log$/i],
  ['setupapi', /(?:^|[/\\])setupapi\.(?:dev|app|offline|setup)[^/\\]*\.log$/i],
  ['setupact', /(?:^|[/\\])setupact[^/\\]*\.log$/i],
  ['setuperr', /(?:^|[/\\])setuperr[^/\\]*\.log$/i],
  ['setupDiag', /(?:^|[/\\])SetupDiag[^/\\]*\.(?:log|xml|json|zip)$/i],
  ['eventLog', /\.evtx$/i],
];

/** What kind of servicing log a path names (by name only; content may say more). */
export function kindOfName(p: string): LogKind {
  for (const [k, re] of KINDS) if (re.test(p)) return k;
  return 'other';
}

/**
 * An entry name as a path inside the bundle: backslashes (written by some Windows zip tools) become
 * slashes. Returns the reason when the name is unsafe (absolute, a drive, `..`, NUL or control characters).
 */
export function checkEntryName(raw: string): { name: string; unsafe?: string } {
  const name = raw.replace(/\\/g, '/');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return { name, unsafe: 'control characters in the name' };
  if (/^[A-Za-z]:/.test(name) || name.startsWith('/')) return { name, unsafe: 'absolute path' };
  if (name.split('/').includes('..')) return { name, unsafe: 'path leads outside the bundle (..)' };
  return { name };
}
