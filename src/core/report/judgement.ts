// The parts of the report that say what the analysis judged beyond one failure's code: still
// failing or recovered (the order), the proof that a download had finished, the cause inside an
// operation, an upgrade's extend code, and the headings of store health and low-confidence outcomes.
import type { Analysis, Failure } from '../analysis/types';
import type { Lang } from '../lang';
import { formatCode } from '../errors';
import { describeExtended } from '../errors/extended';
import { codeSpan, ownMarkdown } from './escape';
import { reportTexts } from './texts';

export interface JudgementTexts {
  downloadDone: string;
  cause: string;
  upgrade: string;
  causeKinds: Record<string, string>;
  healthHeading: string;
  lowHeading: string;
  lowLine: (what: string, code: string, where: string) => string;
}

const EN: JudgementTexts = {
  downloadDone: 'The download had completed: the update was being installed when it failed. Emptying `SoftwareDistribution\\Download` would only download it again and fail the same way; look at the install (CBS) side.',
  cause: 'Cause',
  upgrade: 'Upgrade phase',
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
};

const ZH: JudgementTexts = {
  downloadDone: '下载已经完成，失败发生在安装阶段。清空 `SoftwareDistribution\\Download` 只会重新下载一遍，然后照样失败；应排查安装（CBS）这一侧。',
  cause: '原因',
  upgrade: '升级阶段',
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
 * Bullet lines of what the analysis judged for one (still failing) failure: the finished
 * download, the cause inside the operation and an upgrade's extend code. The steps these call
 * for are in the report's steps (steps.ts).
 */
export function judgementLines(f: Failure, a: Analysis, lang: Lang, ref: (file: number, line: number) => string, label: (s: string) => string): string[] {
  const t = judgementTexts(lang);
  const p = reportTexts(lang);
  const out: string[] = [];
  if (downloadCompleted(f, a)) out.push(`- ${ownMarkdown(t.downloadDone)}`);
  if (f.cause) {
    const text = f.cause.text ? `${p.colon}${p.gap}${codeSpan(f.cause.text)}` : '';
    out.push(`- ${label(t.cause)} ${t.causeKinds[f.cause.kind] ?? f.cause.kind}${p.gap}${p.paren(ref(f.cause.at.file, f.cause.at.line))}${text}`);
  }
  if (f.extended) {
    const d = describeExtended(f.extended, lang, f.code);
    out.push(`- ${label(t.upgrade)} ${codeSpan(`${formatCode(f.code)}-0x${f.extended.code.toString(16).toUpperCase()}`)}${p.colon}${p.gap}${ownMarkdown(d.summary)}`);
  }
  return out;
}
