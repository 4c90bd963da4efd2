// Merges the advice lists a failure gets (the code's written steps, the phase's steps) into one
// short list without near-duplicates: the same command or log asked for twice in other words
// is kept once, in the position of its first (most specific) mention.

/** Topics recognised by commands, paths and log names (the same in English and Chinese text). */
const TOPICS: [string, RegExp][] = [
  ['repairStore', /RestoreHealth|sfc \/scannow/i],
  ['resetCache', /SoftwareDistribution/i],
  ['offlineInstall', /Update Catalog|\.msu\b|wusa\b/i],
  ['proxy', /netsh winhttp|proxy settings|代理设置/i],
  ['rescan', /UsoClient StartScan|Check for updates|检查更新/i],
  ['deliveryOptimization', /DeliveryOptimization|Delivery Optimization|传递优化/i],
  ['bits', /\bBITS\b|bitsadmin/i],
  ['cleanBoot', /clean boot|干净启动/i],
  ['wuLog', /WindowsUpdate\.log|Get-WindowsUpdateLog/i],
  ['cbsLog', /CBS\.log|CbsPersist/i],
  ['dismLog', /DISM\.log/i],
  ['reportingLog', /ReportingEvents/i],
  ['pendingXml', /pending\.xml/i],
  ['systemEventLog', /System event log|系统事件日志/i],
  ['policy', /Policies\\Microsoft\\Windows\\WindowsUpdate|gpresult/i],
  ['bitsLog', /BITS event log|Bits-Client|BITS 事件日志/i],
  ['panther', /Panther|SetupDiag/i],
  // Identity of the update: the report already names it when the log did.
  ['updateIdentity', /^(?:The )?update ID and (?:KB number|title)$|^更新 ID 和(?:KB 编号|标题)$/i],
];

/** Steps that tell the reader to find out whether the code decided the outcome: the report has
 *  already done that, so they only add noise next to a deciding code. */
const TRIAGE = /\b(?:Check|Decide|See) whether\b[^.;]{0,80}(?:final result|decided the outcome|ends successfully)|\bIgnore it unless\b|\bif so, ignore it\b|before treating it as the deciding error|Check the level and (?:position|context)|是否决定了结果|除非它是.{0,30}最终结果|还是只是中间|看级别和|最终是否成功|若是.{0,6}则?忽略|完成则忽略|再决定它是不是(?:决定性|关键)错误|若成功可忽略/i;

export function topicsOf(text: string): string[] {
  return TOPICS.filter(([, re]) => re.test(text)).map(([k]) => k);
}

export function isTriageStep(text: string): boolean {
  return TRIAGE.test(text);
}

/** Words (ASCII) and character pairs (CJK) of a text, for a rough similarity. */
export function shingles(text: string): Set<string> {
  const out = new Set<string>();
  const t = text.toLowerCase().replace(/`/g, '');
  for (const w of t.match(/[a-z0-9][a-z0-9._\\/:-]*/g) ?? []) if (w.length > 2) out.add(w);
  const cjk = t.replace(/[^\p{Script=Han}]/gu, '');
  for (let i = 0; i + 1 < cjk.length; i++) out.add(cjk.slice(i, i + 2));
  return out;
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / Math.min(a.size, b.size);
}

export interface MergeOptions {
  /** At most this many items. */
  cap: number;
  /** Drop steps that only ask whether the code decided the outcome. */
  dropTriage?: boolean;
  /** Also drop an item when half of its topics are covered (steps: "retry after a clean boot, then
   *  RestoreHealth" after a RestoreHealth step); requests keep an item that adds any new log. */
  halfCovered?: boolean;
  /** Topics already settled (e.g. a log the engineer already has). */
  covered?: Iterable<string>;
  /** Items already given elsewhere (an earlier part of the report): near-duplicates are dropped. */
  seen?: readonly string[];
}

/**
 * Merges lists in order (most specific list first). An item is dropped when the topics it names
 * are already covered by kept items (all of them, or half with `halfCovered`), or when it shares most of its words with a kept item.
 */
export function mergeAdvice(lists: string[][], opts: MergeOptions): string[] {
  const covered = new Set(opts.covered ?? []);
  const earlier = (opts.seen ?? []).map((text) => ({ text, words: shingles(text) }));
  const kept: { text: string; words: Set<string> }[] = [];
  for (const list of lists) {
    for (const raw of list) {
      const text = raw.trim();
      if (!text) continue;
      if (opts.dropTriage && isTriageStep(text)) continue;
      const topics = topicsOf(text);
      // Mostly said already (e.g. "retry after a clean boot, then RestoreHealth" after a RestoreHealth step).
      const said = topics.filter((t) => covered.has(t)).length;
      if (topics.length && (said === topics.length || (opts.halfCovered && said * 2 >= topics.length))) continue;
      const words = shingles(text);
      if ([...earlier, ...kept].some((k) => k.text === text || similarity(k.words, words) >= 0.7)) continue;
      kept.push({ text, words });
      for (const t of topics) covered.add(t);
    }
  }
  return kept.slice(0, opts.cap).map((k) => k.text);
}
