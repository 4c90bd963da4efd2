// Why a phase was chosen, phrased from the structured phase evidence (PhaseEvidence.fact and
// its fields) in the report's language. Log names (clients, components, session ids) go in
// code spans; the English `detail` of the core is only a last resort for unknown facts.
import type { Lang } from '../lang';
import type { PhaseEvidence } from '../analysis/types';
import { codeSpan, escapeMarkdown } from './escape';

type Where = string;

interface ReasonTexts {
  at: (line: number, file?: string) => Where;
  /** Several lines of the same file: "at lines 1, 2 and 3". */
  atLines: (lines: number[], file?: string) => Where;
  op: (op: string | undefined) => string;
  callKind: (k: string | undefined) => string;
  resultLine: (lineKind: string | undefined, op: string, where: Where) => string;
  callStart: (kind: string, client: string, where: Where) => string;
  postReboot: (where: Where) => string;
  codeRange: (component: string, where: Where) => string;
  cbsReboot: (where: Where) => string;
  cbsPayload: (session: string, client: string, where: Where) => string;
  cbsSession: (session: string, client: string, where: Where) => string;
  cbsOperation: (where: Where) => string;
  setupError: (tool: string, component: string, where: Where) => string;
  cbsProgress: (where: Where) => string;
  payloadLoaded: (where: Where) => string;
  downloadJob: (where: Where) => string;
  shutdown: (where: Where) => string;
  dismRun: (verb: string, where: Where) => string;
  upgradePhase: (where: Where) => string;
  kinds: Record<string, string>;
  other: (kind: string, where: Where) => string;
}

const EN_OPS: Record<string, string> = { search: 'scan', scan: 'scan', detect: 'scan', download: 'download', install: 'install', uninstall: 'uninstall', commit: 'commit' };
const ZH_OPS: Record<string, string> = { search: '扫描', scan: '扫描', detect: '扫描', download: '下载', install: '安装', uninstall: '卸载', commit: '提交' };
const ZH_CALLS: Record<string, string> = { search: '搜索', download: '下载', install: '安装', uninstall: '卸载', agent: '代理', other: '' };

const en: ReasonTexts = {
  at: (line, file) => (file ? `at ${file}:${line}` : `at line ${line}`),
  atLines: (lines, file) => `at ${file ? `${file} ` : ''}lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`,
  op: (op) => EN_OPS[(op ?? '').toLowerCase()] ?? (op ? op.toLowerCase() : 'operation'),
  callKind: (k) => (k && k !== 'other' ? k : ''),
  resultLine: (lk, op, w) => {
    switch (lk) {
      case 'installComplete': return `the update handler reported the ${op} result ${w}`;
      case 'installResult': return `the download manager recorded the update's ${op} result ${w}`;
      case 'logHistory': return `the update history (LogHistory) records a failed ${op} ${w}`;
      case 'returnCode': return `the ${op} command returned the code ${w}`;
      case 'downloadResult':
      case 'downloadError': return `the download manager reported the ${op} result ${w}`;
      case 'reportEvent': return `the reporting event ${w} is for a failed ${op}`;
      default: return `the result line ${w} names the ${op} operation`;
    }
  },
  callStart: (k, c, w) => `the ${k ? `${k} ` : ''}call${c ? ` from ${c}` : ''} ${w}`,
  postReboot: (w) => `the code is a post-reboot result of the update handler (${w.replace(/^at /, '')})`,
  codeRange: (c, w) => (c ? `the root-cause line comes from the ${c} component, and the code's range fits (${w.replace(/^at /, '')})` : `the code's range (${w.replace(/^at /, '')})`),
  cbsReboot: (w) => `CBS failed while processing the update during shutdown/startup after a restart ${w}`,
  cbsPayload: (s, c, w) => `CBS session ${s}${c ? ` of ${c}` : ''} failed to fetch its payload (network-range code) ${w}`,
  cbsSession: (s, c, w) => `CBS session ${s}${c ? ` of ${c}` : ''} failed ${w}`,
  cbsOperation: (w) => `a CBS operation failed ${w}`,
  setupError: (t, c, w) => `${t === 'dism' ? 'DISM' : 'Windows Setup'} logged the error${c ? ` (component ${c})` : ''} ${w}`,
  cbsProgress: (w) => `the update handler reported CBS install progress ${w}: the payload was being installed, so the download had finished`,
  payloadLoaded: (w) => `the update handler loaded a payload already on disk ${w}: the download had finished`,
  downloadJob: (w) => `a download job of the update ${w}`,
  shutdown: (w) => `the service or the machine shut down while the install ran (${w.replace(/^at /, '')})`,
  dismRun: (v, w) => `it is the result of the DISM ${v} run started ${w}`,
  upgradePhase: (w) => `setup's own record of the run (restart events, rollback, extend code) places the failure (${w.replace(/^at /, '')})`,
  kinds: { operation: 'the operation the result line names', callKind: 'the kind of call', component: 'the component', codeRange: "the code's range", cbsSession: 'CBS processing at restart', message: 'the log message' },
  other: (k, w) => `${k} ${w}`.trim(),
};

/** A space between Chinese and a file name that follows it ("在 CBS.log 第 5 行"). */
const sp = (w: string): string => (/^[A-Za-z0-9]/.test(w) ? ` ${w}` : w);

const zh: ReasonTexts = {
  at: (line, file) => (file ? `${file} 第 ${line} 行` : `第 ${line} 行`),
  atLines: (lines, file) => `${file ? `${file} ` : ''}第 ${lines.join('、')} 行`,
  op: (op) => ZH_OPS[(op ?? '').toLowerCase()] ?? (op ? op : '操作'),
  callKind: (k) => ZH_CALLS[k ?? ''] ?? '',
  resultLine: (lk, op, w) => {
    switch (lk) {
      case 'installComplete': return `更新处理程序在${sp(w)}报告了${op}结果`;
      case 'installResult': return `下载管理器在${sp(w)}记录了该更新的${op}结果`;
      case 'logHistory': return `更新历史（LogHistory）在${sp(w)}记录了一次失败的${op}`;
      case 'returnCode': return `${op}命令在${sp(w)}返回了该错误码`;
      case 'downloadResult':
      case 'downloadError': return `下载管理器在${sp(w)}报告了${op}结果`;
      case 'reportEvent': return `${w}的报告事件记录了一次失败的${op}`;
      default: return `${w}的结果行写明操作为${op}`;
    }
  },
  callStart: (k, c, w) => `${w}${c ? `由 ${c} 发起` : ''}的${k}调用`,
  postReboot: (w) => `该错误码是更新处理程序在重启后报告的结果（${w}）`,
  codeRange: (c, w) => (c ? `根因所在行来自 ${c} 组件，与错误码所属范围相符（${w}）` : `错误码所属的范围（${w}）`),
  cbsReboot: (w) => `CBS 在重启后的关机/启动处理中应用该更新时失败（${w}）`,
  cbsPayload: (s, c, w) => `${c ? `由 ${c} 发起的` : ''} CBS 会话 ${s} 获取更新文件失败（网络类错误码，${w}）`.trim(),
  cbsSession: (s, c, w) => `${c ? `由 ${c} 发起的` : ''} CBS 会话 ${s} 失败（${w}）`.trim(),
  cbsOperation: (w) => `CBS 操作在${w}失败`,
  setupError: (t, c, w) => `${t === 'dism' ? 'DISM' : 'Windows 安装程序'}在${w}记录了该错误${c ? `（组件 ${c}）` : ''}`,
  cbsProgress: (w) => `更新处理程序在${w}报告了 CBS 安装进度：负载已在安装，说明下载早已完成`,
  payloadLoaded: (w) => `更新处理程序在${w}加载了磁盘上已有的负载：下载已经完成`,
  downloadJob: (w) => `${w}有该更新的下载作业`,
  shutdown: (w) => `安装进行中服务或计算机被关闭（${w}）`,
  dismRun: (v, w) => `这是${w}启动的 DISM ${v} 运行的结果`,
  upgradePhase: (w) => `安装程序对本次运行的记录（重启事件、回滚、扩展码）确定了失败所处阶段（${w}）`,
  kinds: { operation: '结果行写明的操作', callKind: '所属调用的类型', component: '组件', codeRange: '错误码范围', cbsSession: '重启时的 CBS 处理', message: '日志消息' },
  other: (k, w) => (w ? `${k}（${w}）` : k),
};

/** The phrasings per language (the completeness test of the translations reads them). */
export const REASON_TEXTS: Record<Lang, ReasonTexts> = { en, 'zh-cn': zh };

/** Readable reasons for a failure's phase evidence, in order; evidence that says the same thing
 *  on several lines of one file becomes one reason naming all the lines. */
export function phaseReasons(list: PhaseEvidence[], lang: Lang, failureFile: number, fileName: (i: number) => string): string[] {
  const t = REASON_TEXTS[lang];
  const groups = new Map<string, { p: PhaseEvidence; lines: number[] }>();
  for (const p of list) {
    // Same sentence (apart from the line) in the same file = one reason.
    const at = p.at;
    const key = `${at?.file ?? ''}\u0000${reasonText(p, t, '\u0000')}`;
    const g = groups.get(key);
    if (g && at) g.lines.push(at.line + 1);
    else if (!g) groups.set(key, { p, lines: at ? [at.line + 1] : [] });
  }
  return [...groups.values()].map(({ p, lines }) => {
    // Same form as the report's other file:line references.
    const file = p.at && p.at.file !== failureFile ? escapeMarkdown(fileName(p.at.file)) : undefined;
    const sorted = [...new Set(lines)].sort((x, y) => x - y);
    const where = sorted.length > 1 ? t.atLines(sorted, file) : sorted.length ? t.at(sorted[0], file) : '';
    return reasonText(p, t, where);
  });
}

/** One readable reason for one piece of phase evidence. */
export function phaseReason(p: PhaseEvidence, lang: Lang, failureFile: number, fileName: (i: number) => string): string {
  return phaseReasons([p], lang, failureFile, fileName)[0];
}

function reasonText(p: PhaseEvidence, t: ReasonTexts, where: Where): string {
  const name = (s: string | undefined): string => (s ? codeSpan(s) : '');
  switch (p.fact) {
    case 'resultLine': return t.resultLine(p.lineKind, t.op(p.operation), where);
    case 'callStart': return t.callStart(t.callKind(p.callKind), name(p.client), where);
    case 'postReboot': return t.postReboot(where);
    case 'codeRange': return t.codeRange(name(p.component), where);
    case 'cbsReboot': return t.cbsReboot(where);
    case 'cbsPayload': return t.cbsPayload(name(p.sessionId ?? '?'), name(p.client), where);
    case 'cbsSession': return p.sessionId ? t.cbsSession(name(p.sessionId), name(p.client), where) : t.cbsOperation(where);
    case 'setupError': return t.setupError(p.tool ?? 'setup', name(p.component), where);
    case 'cbsProgress': return t.cbsProgress(where);
    case 'payloadLoaded': return t.payloadLoaded(where);
    case 'downloadJob': return t.downloadJob(where);
    case 'shutdown': return t.shutdown(where);
    case 'dismRun': return t.dismRun(name(dismVerb(p.detail)), where);
    case 'upgradePhase': return t.upgradePhase(where);
    default: return t.other(t.kinds[p.kind] ?? codeSpan(p.kind), where);
  }
}

/** The verb of a DISM run from its evidence (`DISM RestoreHealth run failed ...`). */
function dismVerb(detail: string): string {
  return /^DISM (\S+) run/.exec(detail)?.[1] ?? 'DISM';
}
