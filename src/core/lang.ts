// Languages the core writes text in (report, code explanations).
export type Lang = 'en' | 'zh-cn';

/** Maps a VS Code / OS locale ("zh-CN", "zh-cn", "zh-Hans", "en-US") to one of ours. */
export function toLang(locale: string | undefined): Lang {
  const l = (locale ?? '').toLowerCase();
  return l === 'zh-cn' || l.startsWith('zh-hans') || l === 'zh' || l === 'zh-sg' ? 'zh-cn' : 'en';
}
