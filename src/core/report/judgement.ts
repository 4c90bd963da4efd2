// The parts of the report that say what the analysis judged beyond one failure's code: whether it
// is still failing or recovered, the proof that a download had finished, the cause inside an
// operation, an upgrade's extend code, DISM runs grouped, store health and low-confidence outcomes.
import type { Analysis, DismRun, Failure } from '../analysis/types';
import type { Lang } from '../lang';
import { explainCode, formatCode } from '../errors';
import { describeExtended } from '../errors/extended';
import { groupDismRuns } from '../analysis/dism';
import { dismCauseAdvice } from './dismAdvice';
import { latestStoreHealth, storeHealthSentence } from './storeHealth';
import { codeSpan } from './escape';

interface JudgementTexts {
  recoveredTag: string;
  recovered: (where: string) => string;
  stillFailing: string;
  downloadDone: string;
  cause: string;
  upgrade: string;
  dismHeading: string;
  dismGroup: (verb: string, count: number, code: string, cause: string | undefined) => string;
  causeKinds: Record<string, string>;
  healthHeading: string;
  lowHeading: string;
  lowLine: (what: string, code: string, where: string) => string;
  fixHeading: string;
  /** A reference or note in parentheses, and a colon before a quote (full-width in Chinese). */
  paren: (s: string) => string;
  colon: string;
}

const EN: JudgementTexts = {
  recoveredTag: 'recovered later',
  recovered: (where) => `Recovered: the same update or operation succeeded later (${where}). History, not the customer's current problem.`,
  stillFailing: 'Still failing at the end of the logs.',
  downloadDone: 'The download had completed: the update was being installed when it failed. Emptying `SoftwareDistribution\\Download` would only download it again and fail the same way; look at the install (CBS) side.',
  cause: 'Cause',
  upgrade: 'Upgrade phase',
  dismHeading: 'DISM runs',
  dismGroup: (verb, count, code, cause) => `${verb} failed ${count === 1 ? 'once' : `${count} times`} with ${code}${cause ? `, ${count === 1 ? 'cause' : 'same cause'}: ${cause}` : ''}.`,
  causeKinds: {
    sourceMissing: 'no repair source could be found', sourceRejected: 'the given /Source could not be used', pendingReboot: 'a pending restart blocks the operation',
    rpcFailure: 'a remote procedure call failed', accessDenied: 'access denied', storeCorrupt: 'the component store is corrupt', diskSpace: 'not enough disk space',
    payloadMissing: 'a payload file is missing', shutdownInterrupted: 'the service or machine shut down during the operation', driverFailure: 'a driver failed', other: 'see the cause line',
    appxProvisioning: 'an app installed for one user but not provisioned for all users blocks sysprep', migration: 'migrating data or settings failed',
    crash: 'the machine stopped with an error (a crash) during the upgrade', userCancel: 'a user cancelled it',
  },
  healthHeading: 'Component store and system files',
  lowHeading: 'Probably not failures',
  lowLine: (what, code, where) => `${what} ended with ${code} (${where}): most likely cancelled by a user, not a failure.`,
  fixHeading: 'Fix that follows from the cause',
  paren: (s) => ` (${s})`,
  colon: ': ',
};

const ZH: JudgementTexts = {
  recoveredTag: '之后已恢复',
  recovered: (where) => `已恢复：同一更新或操作之后已成功（${where}）。这是历史记录，不是客户现在的问题。`,
  stillFailing: '截至日志末尾仍未成功。',
  downloadDone: '下载已经完成，失败发生在安装阶段。清空 `SoftwareDistribution\\Download` 只会重新下载一遍，然后照样失败；应排查安装（CBS）这一侧。',
  cause: '原因',
  upgrade: '升级阶段',
  dismHeading: 'DISM 执行记录',
  dismGroup: (verb, count, code, cause) => `${verb} 失败 ${count} 次，错误码 ${code}${cause ? `，${count === 1 ? '原因' : '原因相同'}：${cause}` : ''}。`,
  causeKinds: {
    sourceMissing: '找不到可用的修复源', sourceRejected: '指定的 /Source 无法使用', pendingReboot: '有挂起的重启，阻止了该操作',
    rpcFailure: '远程过程调用（RPC）失败', accessDenied: '拒绝访问', storeCorrupt: '组件存储已损坏', diskSpace: '磁盘空间不足',
    payloadMissing: '缺少负载文件', shutdownInterrupted: '操作过程中服务或计算机关闭', driverFailure: '驱动程序失败', other: '见原因所在行',
    appxProvisioning: '有应用只为某个用户安装、未为所有用户预配，阻止了 sysprep', migration: '迁移数据或设置失败',
    crash: '升级过程中计算机出错停止（蓝屏/崩溃）', userCancel: '用户取消了操作',
  },
  healthHeading: '组件存储与系统文件',
  lowHeading: '很可能不是故障',
  lowLine: (what, code, where) => `${what} 以 ${code} 结束（${where}）：多半是用户自己取消的，不算故障。`,
  fixHeading: '针对该原因的处理方法',
  paren: (s) => `（${s}）`,
  colon: '：',
};

export function judgementTexts(lang: Lang): JudgementTexts {
  return lang === 'zh-cn' ? ZH : EN;
}

/** Still-failing failures first, then the recovered ones (each group in file order). */
export function stillFailingFirst(failures: Failure[]): Failure[] {
  return failures.filter((f) => !f.recovered).concat(failures.filter((f) => !!f.recovered));
}

/** True when nothing in the analysis says the failure's update had a download problem. */
export function downloadCompleted(f: Failure, a: Analysis): boolean {
  if (f.phase !== 'install' && f.phase !== 'commit') return false;
  if (!f.updateId && !f.kb) return false;
  if (f.outcomeKind === 'cbsFailure' || f.outcomeKind === 'dismRun' || f.outcomeKind === 'setupResult') return false;
  if (f.phaseEvidence.some((p) => p.fact === 'cbsProgress' || p.fact === 'payloadLoaded')) return true;
  // A download failure of the same update that was not settled later is a download problem.
  return !a.failures.some((x) => x.phase === 'download' && !x.recovered && ((f.updateId && x.updateId === f.updateId) || (f.kb && x.kb === f.kb)));
}

/**
 * Bullet lines for one failure's details: recovered or still failing, the finished download,
 * the cause inside the operation, an upgrade's extend code, and the fix a DISM cause calls for.
 */
export function judgementLines(f: Failure, a: Analysis, lang: Lang, ref: (file: number, line: number) => string, label: (s: string) => string): string[] {
  const t = judgementTexts(lang);
  const out: string[] = [];
  out.push(`- ${f.recovered ? t.recovered(ref(f.recovered.file, f.recovered.line)) : t.stillFailing}`);
  if (downloadCompleted(f, a)) out.push(`- ${t.downloadDone}`);
  if (f.cause) out.push(`- ${label(t.cause)} ${t.causeKinds[f.cause.kind] ?? f.cause.kind}${t.paren(ref(f.cause.at.file, f.cause.at.line))}${f.cause.text ? `${t.colon}${codeSpan(f.cause.text)}` : ''}`);
  if (f.extended) {
    const d = describeExtended(f.extended, lang);
    out.push(`- ${label(t.upgrade)} ${codeSpan(`${formatCode(f.code)}-0x${f.extended.code.toString(16).toUpperCase()}`)}${t.colon}${d.summary}`);
    for (const s of d.nextSteps.slice(0, 3)) out.push(`  - ${s}`);
  }
  const run = f.dismRunKey ? (a.dismRuns ?? []).find((r) => r.key === f.dismRunKey) : undefined;
  if (run) {
    const fixes = dismCauseAdvice(run, run.cause ?? f.cause, lang);
    if (fixes.length) {
      out.push(`- ${label(t.fixHeading)}`);
      for (const s of fixes.slice(0, 3)) out.push(`  - ${s}`);
    }
  }
  return out;
}

/** DISM runs grouped by verb, code and cause (the JSON lists every run). */
export function renderDismRuns(out: string[], runs: DismRun[], lang: Lang, ref: (file: number, line: number) => string): void {
  const failed = runs.filter((r) => r.result === 'failed');
  if (!failed.length) return;
  const t = judgementTexts(lang);
  out.push(`## ${t.dismHeading}`, '');
  for (const g of groupDismRuns(failed).slice(0, 20)) {
    const name = explainCode(g.code, lang).name;
    const code = codeSpan(`${formatCode(g.code)}${name ? ` ${name}` : ''}`);
    const last = g.runs[g.runs.length - 1];
    const sentence = t.dismGroup(codeSpan(g.verb), g.count, code, g.causeKind ? t.causeKinds[g.causeKind] ?? g.causeKind : undefined);
    out.push(`- ${sentence} ${codeSpan(last.command)}${t.paren(ref(last.file, last.resultLine ?? last.startLine))}`);
  }
  out.push('');
}

/** One sentence per store check that matters (the latest per tool and file). */
export function renderStoreHealth(out: string[], a: Analysis, lang: Lang, ref: (file: number, line: number) => string): void {
  const list = latestStoreHealth(a.storeHealth ?? []);
  if (!list.length) return;
  const t = judgementTexts(lang);
  out.push(`## ${t.healthHeading}`, '');
  for (const h of list.slice(0, 10)) {
    out.push(`- ${storeHealthSentence(h, lang, codeSpan)}${t.paren(ref(h.at.file, h.at.line))}`);
  }
  out.push('');
}

/** Outcomes kept apart from the failures (a user cancelling). */
export function renderLowConfidence(out: string[], a: Analysis, lang: Lang, ref: (file: number, line: number) => string, name: (f: Failure) => string): void {
  const list = a.lowConfidence ?? [];
  if (!list.length) return;
  const t = judgementTexts(lang);
  out.push(`## ${t.lowHeading}`, '');
  for (const f of list.slice(0, 10)) out.push(`- ${t.lowLine(name(f), codeSpan(formatCode(f.code)), ref(f.at.file, f.at.line))}`);
  out.push('');
}
