// Words for the model's kinds and results, shared by the tree view, the outline and the focus
// views (pure: the caller passes its translator).
import type { Call, CallKind, Phase, UpdateInfo } from '../core/analysis/types';
import type { Translate } from '../settings/placeholders';

export function callKindLabel(k: CallKind, t: Translate): string {
  switch (k) {
    case 'search': return t('Search');
    case 'download': return t('Download');
    case 'install': return t('Install');
    case 'uninstall': return t('Uninstall');
    case 'agent': return t('Agent');
    default: return t('Other');
  }
}

export function callResultLabel(r: Call['result'], t: Translate): string {
  switch (r) {
    case 'failed': return t('failed');
    case 'succeeded': return t('succeeded');
    case 'cancelled': return t('cancelled');
    default: return t('no result');
  }
}

export function phaseLabel(p: Phase, t: Translate): string {
  switch (p) {
    case 'scan': return t('Scan');
    case 'download': return t('Download');
    case 'install': return t('Install');
    case 'commit': return t('Commit');
    default: return t('Unknown phase');
  }
}

export function outcomeLabel(o: UpdateInfo['outcome'], t: Translate): string {
  return o === 'failed' ? t('failed') : o === 'succeeded' ? t('succeeded') : t('no verdict');
}

/** `KB5053598 2025-03 Cumulative Update ...` (the KB leads; the title without its `(KB...)` tail), else the title or id. */
export function updateLabel(u: Pick<UpdateInfo, 'kb' | 'title' | 'updateId'>): string {
  if (!u.kb) return u.title ?? u.updateId;
  if (!u.title) return `KB${u.kb}`;
  const tail = ` (KB${u.kb})`;
  return `KB${u.kb} ${u.title.endsWith(tail) ? u.title.slice(0, -tail.length) : u.title}`;
}
