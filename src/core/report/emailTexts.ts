// The sentences of the report's layout (status, verdict, details, requests, the rest), in English
// and Simplified Chinese, with counts written properly: "1 update", "2 updates", "once",
// "twice", "3 times"; "1 个更新", "3 次". Arguments are already rendered Markdown.
import type { Lang } from '../lang';

/** What a group of failures is about, for counts ("2 updates and 1 DISM operation"). */
export type GroupKind = 'update' | 'scan' | 'call' | 'dism' | 'cbs' | 'setup' | 'other';

/** Logs and data the report can ask for by name (each asked for once, in our own words). */
export type LogTopic = 'wuLog' | 'cbsLog' | 'dismLog' | 'reportingLog' | 'panther' | 'deliveryOptimization' | 'bitsLog' | 'pendingXml' | 'systemEventLog';

export interface EmailTexts {
  /** "1 update", "2 DISM operations". */
  count: (kind: GroupKind, n: number) => string;
  /** "a, b and c". */
  list: (items: string[]) => string;
  /** A call-level failure without an update: "Install call from `UpdateOrchestrator`". */
  callName: (kind: string, client: string) => string;
  /** "once", "twice", "3 times". */
  times: (n: number) => string;
  num: (n: number) => string;
  stillFailing: (what: string) => string;
  nothingFailing: string;
  recoveredLater: (what: string) => string;
  verdictHeading: string;
  detailsHeading: string;
  askHeading: string;
  alsoHeading: string;
  filesHeading: string;
  /** "the install failed with X" / DISM: "failed 3 times with X". */
  failedWith: (phase: string | undefined, code: string, count: number) => string;
  /** Time of the outcome: " at 2024-01-01 10:00:00". */
  at: (time: string) => string;
  nextStep: string;
  sameAs: (name: string) => string;
  furtherSteps: string;
  typicalCause: string;
  otherCodes: string;
  command: string;
  runs: (n: number, last: string) => string;
  recoveredLine: (name: string, failed: string, where: string, healed: string) => string;
  recovered: string;
  pending: string;
  pendingItem: (what: string, code: string, where: string) => string;
  pendingTail: string;
  cancelled: string;
  cancelledItem: (count: number, kind: string, client: string, code: string, where: string) => string;
  /** Full stop of the language. */
  stop: string;
  /** Files list: a file that could not be read (the verdict says what to send instead). */
  unreadableNote: string;
  /** Error lines that decided nothing, by kind (zero kinds are left out). */
  noise: (total: number, parts: { evidence: number; benign: number; transient: number; other: number }) => string;
  succeeded: (n: number, names: string[], more: number) => string;
  fileLine: (name: string, format: string, lines: number, notes: string[]) => string;
  request: Record<LogTopic, string>;
  more: (n: number) => string;
}

const EN_KINDS: Record<GroupKind, [string, string]> = {
  update: ['update', 'updates'], scan: ['update scan', 'update scans'], call: ['Windows Update call', 'Windows Update calls'], dism: ['DISM operation', 'DISM operations'],
  cbs: ['CBS operation', 'CBS operations'], setup: ['Windows Setup run', 'Windows Setup runs'], other: ['operation', 'operations'],
};
const ZH_KINDS: Record<GroupKind, string> = { update: '个更新', scan: '次更新扫描', call: '次 Windows 更新调用', dism: '个 DISM 操作', cbs: '个 CBS 操作', setup: '次 Windows 安装', other: '个操作' };

const num = (n: number): string => n.toLocaleString('en-US');

const en: EmailTexts = {
  count: (k, n) => `${num(n)} ${EN_KINDS[k][n === 1 ? 0 : 1]}`,
  list: (xs) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`),
  callName: (k, c) => `${k.charAt(0).toUpperCase()}${k.slice(1)} call${c ? ` from ${c}` : ''}`,
  times: (n) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${num(n)} times`),
  num,
  stillFailing: (w) => `**Still failing at the end of the logs: ${w}.**`,
  nothingFailing: '**Nothing is still failing at the end of the logs.**',
  recoveredLater: (w) => `Recovered later: ${w}.`,
  verdictHeading: 'Verdict',
  detailsHeading: 'Details',
  askHeading: 'Ask the customer for',
  alsoHeading: 'Also in the logs',
  filesHeading: 'Files read',
  failedWith: (phase, code, n) => (phase ? `the ${phase} failed${n > 1 ? ` ${en.times(n)}` : ''} with ${code}` : `failed${n > 1 ? ` ${en.times(n)}` : ''} with ${code}`),
  at: (t) => ` at ${t}`,
  nextStep: 'Next step',
  sameAs: (name) => `as for ${name} above.`,
  furtherSteps: 'Further steps',
  typicalCause: 'Typical cause',
  otherCodes: 'Also logged',
  command: 'Command',
  runs: (n, last) => `${num(n)} run${n === 1 ? '' : 's'} failed alike; the last one: ${last}`,
  recoveredLine: (name, failed, where, healed) => `${name}: ${failed} (${where}) and succeeded later (${healed}).`,
  recovered: 'Recovered',
  pending: 'Waiting for a restart',
  pendingItem: (w, c, where) => `${w} (${c}, ${where})`,
  pendingTail: 'the install needs a restart to finish; these are not failures.',
  cancelled: 'Cancelled by their caller',
  cancelledItem: (n, k, c, code, where) => `${n > 1 ? `${num(n)} ` : 'a '}${k} call${n > 1 ? 's' : ''}${c ? ` from ${c}` : ''}${code ? ` (${code})` : ''}, ${where}`,
  stop: '.',
  unreadableNote: 'Not readable (see the verdict).',
  noise: (total, p) => {
    const parts = [
      p.transient ? `${num(p.transient)} ${p.transient === 1 ? 'was' : 'were'} followed by a success of the same call` : '',
      p.other ? `${num(p.other)} ${p.other === 1 ? 'is' : 'are'} not tied to any failure` : '',
      p.benign ? `${num(p.benign)} ${p.benign === 1 ? 'is a harmless lookup or a cancelled call' : 'are harmless lookups or cancelled calls'}` : '',
      p.evidence ? `${num(p.evidence)} ${p.evidence === 1 ? 'is' : 'are'} part of the evidence above` : '',
    ].filter((x) => x);
    return `${num(total)} other error line${total === 1 ? '' : 's'} decided nothing: ${en.list(parts)}.`;
  },
  succeeded: (n, names, more) => `${num(n)} update${n === 1 ? '' : 's'} succeeded: ${names.join(', ')}${more ? ` and ${num(more)} more` : ''}.`,
  fileLine: (name, format, lines, notes) => `${name}: ${format}, ${num(lines)} line${lines === 1 ? '' : 's'}${notes.length ? `. ${notes.join(' ')}` : ''}`,
  request: {
    wuLog: 'WindowsUpdate.log covering the failure (run `Get-WindowsUpdateLog` on the machine)',
    cbsLog: 'CBS.log and the CbsPersist_*.log files from C:\\Windows\\Logs\\CBS covering the failure',
    dismLog: 'DISM.log (C:\\Windows\\Logs\\DISM\\dism.log) of the same time',
    reportingLog: 'ReportingEvents.log (C:\\Windows\\SoftwareDistribution\\ReportingEvents.log)',
    panther: 'The Panther folder of the upgrade ($Windows.~BT\\Sources\\Panther, or C:\\Windows\\Panther after a rollback)',
    deliveryOptimization: 'The Delivery Optimization log (`Get-DeliveryOptimizationLog`) of the same time',
    bitsLog: 'The BITS event log (Microsoft-Windows-Bits-Client/Operational)',
    pendingXml: 'C:\\Windows\\WinSxS\\pending.xml, if present',
    systemEventLog: 'The System event log around the failure',
  },
  more: (n) => `… and ${num(n)} more`,
};

const zh: EmailTexts = {
  count: (k, n) => `${num(n)} ${ZH_KINDS[k]}`,
  list: (xs) => xs.join('、'),
  callName: (k, c) => `${c ? `${c} 发起的` : ''}${k}调用`,
  times: (n) => `${num(n)} 次`,
  num,
  stillFailing: (w) => `**到日志结束时仍然失败：${w}**。`,
  nothingFailing: '**到日志结束时，没有仍在失败的更新或操作**。',
  recoveredLater: (w) => `之后已恢复：${w}。`,
  verdictHeading: '结论',
  detailsHeading: '详细信息',
  askHeading: '请客户提供',
  alsoHeading: '日志中的其他情况',
  filesHeading: '已读取的文件',
  failedWith: (phase, code, n) => `${phase ? `${phase}阶段` : ''}失败${n > 1 ? ` ${num(n)} 次` : ''}，错误码 ${code}`,
  at: (t) => `，时间 ${t}`,
  nextStep: '下一步',
  sameAs: (name) => `同上（${name}）。`,
  furtherSteps: '其他步骤',
  typicalCause: '常见原因',
  otherCodes: '同时记录的错误码',
  command: '命令',
  runs: (n, last) => `共有 ${num(n)} 次运行以同样的方式失败；最后一次：${last}`,
  recoveredLine: (name, failed, where, healed) => `${name}：${failed}（${where}），之后已成功（${healed}）。`,
  recovered: '之后已恢复',
  pending: '等待重启',
  pendingItem: (w, c, where) => `${w}（${c}，${where}）`,
  pendingTail: '安装需要重启才能完成，不是失败。',
  cancelled: '被调用方取消',
  cancelledItem: (n, k, c, code, where) => `${c ? `${c} 发起的` : ''}${n > 1 ? ` ${num(n)} 次` : ''}${k}调用${code ? `（${code}）` : ''}，${where}`.trim(),
  stop: '。',
  unreadableNote: '无法读取（见结论）。',
  noise: (total, p) => {
    const parts = [
      p.transient ? `${num(p.transient)} 行之后同一调用已成功` : '',
      p.other ? `${num(p.other)} 行与任何失败无关` : '',
      p.benign ? `${num(p.benign)} 行是无害的查找或已取消的调用` : '',
      p.evidence ? `${num(p.evidence)} 行属于上面的证据` : '',
    ].filter((x) => x);
    return `另有 ${num(total)} 行错误不影响结果：${parts.join('，')}。`;
  },
  succeeded: (n, names, more) => `${num(n)} 个更新已成功：${names.join('、')}${more ? ` 等（另有 ${num(more)} 个）` : ''}。`,
  fileLine: (name, format, lines, notes) => `${name}：${format}，${num(lines)} 行${notes.length ? `。${notes.join('')}` : ''}`,
  request: {
    wuLog: '覆盖失败时间的 WindowsUpdate.log（在该计算机上运行 `Get-WindowsUpdateLog` 生成）',
    cbsLog: 'C:\\Windows\\Logs\\CBS 下覆盖失败时间的 CBS.log 和 CbsPersist_*.log',
    dismLog: '同一时间的 DISM.log（C:\\Windows\\Logs\\DISM\\dism.log）',
    reportingLog: 'ReportingEvents.log（C:\\Windows\\SoftwareDistribution\\ReportingEvents.log）',
    panther: '升级的 Panther 文件夹（$Windows.~BT\\Sources\\Panther；回滚后为 C:\\Windows\\Panther）',
    deliveryOptimization: '同一时间的传递优化日志（`Get-DeliveryOptimizationLog`）',
    bitsLog: 'BITS 事件日志（Microsoft-Windows-Bits-Client/Operational）',
    pendingXml: 'C:\\Windows\\WinSxS\\pending.xml（如存在）',
    systemEventLog: '失败前后的系统事件日志',
  },
  more: (n) => `……另有 ${num(n)} 项`,
};

export function emailTexts(lang: Lang): EmailTexts {
  return lang === 'zh-cn' ? zh : en;
}
