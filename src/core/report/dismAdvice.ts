// The fix a failed DISM run calls for, from the kind of its cause (`FailureCause.kind`) and the
// run's own command (its verb, /Source and /LimitAccess), most useful step first. Markdown text
// in English or Simplified Chinese.
import type { DismRun, FailureCause } from '../analysis/types';
import type { Lang } from '../lang';
import { isDownloadCode } from '../analysis/dismCause';
import { formatCode } from '../errors/parseCode';
import { codeSpan } from './escape';

/** Verbs that repair or check the component store (their source is an install image, not \sources\sxs). */
const STORE_VERBS = new Set(['restorehealth', 'scanhealth', 'checkhealth', 'startcomponentcleanup', 'analyzecomponentstore']);
const WIM_CMD = 'DISM /Online /Cleanup-Image /RestoreHealth /Source:wim:X:\\sources\\install.wim:<index> /LimitAccess';
const ESD_SRC = '/Source:esd:X:\\sources\\install.esd:<index>';
const WIMINFO = 'DISM /Get-WimInfo /WimFile:X:\\sources\\install.wim';
const INVALID_COMMAND = /Failed validating command line|No providers were found that support the command/;
const IMAGE_FOLDER = /Failed to access the image folder/;
const SHARING = new Set([0x80070020, 0x80070021]);

interface Texts {
  cancelled: string;
  download: (code: string) => string;
  sourceNotHolding: (src: string, info: string) => string;
  matchingWim: string;
  matchingSxs: (verb: string) => string;
  useWu: string;
  wuFailedToo: string;
  rejected: (src: string, info: string) => string;
  rejectedPath: string;
  restart: string;
  stillPending: string;
  rpc: string;
  rpcSecurity: string;
  elevated: string;
  antivirus: string;
  offlineHeld: string;
  repairStore: string;
  inPlace: string;
  freeSpace: string;
  componentCleanup: string;
  invalidCommand: string;
  imageFolder: string;
  generic: string;
}

const POLICY_EN = '"Specify settings for optional component installation and component repair" with "Download repair content and optional features directly from Windows Update instead of Windows Server Update Services (WSUS)"';
const POLICY_ZH = '“指定可选组件安装和组件修复的设置”中启用“直接从 Windows 更新下载修复内容和可选功能，而不是从 Windows Server Update Services (WSUS)下载”';

const EN: Texts = {
  cancelled: 'The run was stopped before it finished (Ctrl+C, a closed window or a caller that gave up), so it says nothing about the component store: run the same command again and let it finish.',
  download: (code) => `DISM could not download the repair files from Windows Update (${code}): check the way to Windows Update (proxy: \`netsh winhttp show proxy\`, firewall), or give a local source with /Source and /LimitAccess.`,
  sourceNotHolding: (src, info) => `The source given (${src}) does not hold the files the repair needs: it must be the same build, edition and language as the installed Windows. List its editions with ${info} and use the index of the installed edition.`,
  matchingWim: `Give a repair source that matches the installed Windows (same build and edition): mount the ISO and run \`${WIM_CMD}\` (X: is the ISO's drive; for install.esd use \`${ESD_SRC}\`).`,
  matchingSxs: (verb) => `Run the ${verb} again with /Source pointing at the \\sources\\sxs folder of installation media of the same build (or the Features on Demand ISO for capabilities), and /LimitAccess.`,
  useWu: `Or let DISM take the files from Windows Update: run it without /LimitAccess; on machines that use WSUS, enable the Group Policy ${POLICY_EN}.`,
  wuFailedToo: `Windows Update did not supply the files either: on machines that use WSUS, enable the Group Policy ${POLICY_EN}, and check that the machine reaches Windows Update (proxy, firewall).`,
  rejected: (src, info) => `DISM did not accept the source ${src}: the path, the image index or its build does not match. Check it with ${info} (compare the version with the installed Windows, e.g. \`winver\`) and use the index of the installed edition.`,
  rejectedPath: 'Make sure the machine can read the path (drive letter of the mounted ISO, share permissions) and that the file is a full install.wim or install.esd, not boot.wim.',
  restart: 'Windows has servicing operations waiting for a restart: restart the computer (a full restart, not a shutdown with fast startup), then run the same DISM command again.',
  stillPending: 'If it is still blocked after two restarts, collect CBS.log and %windir%\\WinSxS\\pending.xml; as a last resort, `DISM /Image:C:\\ /Cleanup-Image /RevertPendingActions` from WinRE discards the pending operations.',
  rpc: 'The connection to the servicing host process (DismHost.exe, TiWorker.exe) was lost: look in the System event log for a crash of these processes or a stop of the Windows Modules Installer (TrustedInstaller) service at that time, restart, then run the command again.',
  rpcSecurity: 'Security software that hooks system processes often causes this: run the command again with it paused or with DISM excluded.',
  elevated: 'Run DISM from an elevated command prompt (Run as administrator).',
  antivirus: 'Antivirus or EDR software can lock files in WinSxS or in the mounted image: pause it or exclude those paths for the run.',
  offlineHeld: 'For an offline image (/Image:), make sure no other process holds the image or its registry hives (another DISM, a deployment task sequence, an Explorer window on the mount folder).',
  repairStore: 'Repair the component store: `DISM /Online /Cleanup-Image /RestoreHealth` (with /Source:wim:... and /LimitAccess when Windows Update cannot be used), then `sfc /scannow`.',
  inPlace: 'If RestoreHealth cannot repair it, an in-place upgrade (repair install from media of the same build and edition) rebuilds the component store and keeps apps and data.',
  freeSpace: 'Free space on the system drive (several GB, and on the /ScratchDir drive if one was given): Disk Cleanup, move user data, then run the command again.',
  componentCleanup: 'Once the store is healthy, `DISM /Online /Cleanup-Image /StartComponentCleanup` removes superseded components and frees space in WinSxS.',
  invalidCommand: 'The command line was not accepted: an option is misspelt or this DISM version does not have it. Check the syntax with `DISM /?` (or `DISM /Online /<command> /?`) and run it again.',
  imageFolder: '/Image: must point to the folder of an applied or mounted Windows image (the one that holds \\Windows), not to a .wim file or an empty folder: mount the .wim first with `DISM /Mount-Image /ImageFile:<file> /Index:<n> /MountDir:<folder>`.',
  generic: 'Read the lines just before the failure in DISM.log and, for online servicing, CBS.log at the same time: the first error there usually names the cause.',
};

const ZH: Texts = {
  cancelled: '该运行在完成前被中止（Ctrl+C、关闭了窗口或调用方放弃），不能说明组件存储的状况：重新运行同一命令并等待其完成。',
  download: (code) => `DISM 未能从 Windows 更新下载修复文件（${code}）：检查到 Windows 更新的网络（代理：\`netsh winhttp show proxy\`，防火墙），或用 /Source 加 /LimitAccess 指定本地修复源。`,
  sourceNotHolding: (src, info) => `指定的修复源（${src}）中没有修复所需的文件：修复源必须与已安装的 Windows 版本号、版本（SKU）和语言一致。用 ${info} 列出其中的版本，使用与已安装版本对应的索引。`,
  matchingWim: `提供与已安装 Windows 一致（相同版本号和版本）的修复源：装载 ISO 后运行 \`${WIM_CMD}\`（X: 为 ISO 的盘符；install.esd 用 \`${ESD_SRC}\`）。`,
  matchingSxs: (verb) => `重新运行 ${verb}，用 /Source 指向相同版本号安装介质的 \\sources\\sxs 文件夹（功能（Capability）用按需功能 FOD ISO），并加 /LimitAccess。`,
  useWu: `或者让 DISM 从 Windows 更新获取文件：去掉 /LimitAccess 再运行；使用 WSUS 的计算机需在组策略${POLICY_ZH}。`,
  wuFailedToo: `Windows 更新也未能提供这些文件：使用 WSUS 的计算机需在组策略${POLICY_ZH}，并确认计算机能访问 Windows 更新（代理、防火墙）。`,
  rejected: (src, info) => `DISM 未接受修复源 ${src}：路径、映像索引或版本号不匹配。用 ${info} 检查（版本号与已安装的 Windows 对比，例如 \`winver\`），并使用已安装版本对应的索引。`,
  rejectedPath: '确认计算机能读取该路径（ISO 装载后的盘符、共享权限），且文件是完整的 install.wim 或 install.esd，而不是 boot.wim。',
  restart: 'Windows 有等待重启才能完成的挂起操作：先重启计算机（完整重启，而不是启用快速启动时的关机），然后再运行同一 DISM 命令。',
  stillPending: '若重启两次后仍被挂起的操作阻止，收集 CBS.log 和 %windir%\\WinSxS\\pending.xml；作为最后手段，可在 WinRE 中运行 `DISM /Image:C:\\ /Cleanup-Image /RevertPendingActions` 放弃挂起的操作。',
  rpc: '与维护宿主进程（DismHost.exe、TiWorker.exe）的连接中断：查看当时的系统事件日志中这些进程是否崩溃、Windows Modules Installer（TrustedInstaller）服务是否停止，重启后再运行该命令。',
  rpcSecurity: '挂钩系统进程的安全软件常导致此问题：暂停该软件或将 DISM 加入排除后再试。',
  elevated: '在提升的命令提示符（以管理员身份运行）中运行 DISM。',
  antivirus: '防病毒或 EDR 软件可能锁定 WinSxS 或已装载映像中的文件：运行期间暂停该软件或排除这些路径。',
  offlineHeld: '对脱机映像（/Image:），确认没有其他进程占用该映像或其注册表配置单元（另一个 DISM、部署任务序列、打开了装载目录的资源管理器窗口）。',
  repairStore: '修复组件存储：运行 `DISM /Online /Cleanup-Image /RestoreHealth`（无法使用 Windows 更新时加 /Source:wim:... 和 /LimitAccess），然后运行 `sfc /scannow`。',
  inPlace: '若 RestoreHealth 无法修复，用相同版本号和版本的安装介质做就地升级（修复安装），可重建组件存储并保留应用和数据。',
  freeSpace: '释放系统盘空间（需要数 GB；若指定了 /ScratchDir，其所在盘也要有空间）：运行磁盘清理、移走用户数据，然后再运行该命令。',
  componentCleanup: '组件存储正常后，`DISM /Online /Cleanup-Image /StartComponentCleanup` 可删除被取代的组件，释放 WinSxS 空间。',
  invalidCommand: '命令行未被接受：某个选项拼写错误，或此版本的 DISM 不支持该选项。用 `DISM /?`（或 `DISM /Online /<命令> /?`）检查语法后再运行。',
  imageFolder: '/Image: 必须指向已应用或已装载的 Windows 映像文件夹（其中包含 \\Windows），而不是 .wim 文件或空文件夹：先用 `DISM /Mount-Image /ImageFile:<文件> /Index:<n> /MountDir:<文件夹>` 装载 .wim。',
  generic: '查看 DISM.log 中失败之前的几行，联机维护时再看同一时间的 CBS.log：其中第一个错误通常说明了原因。',
};

/** The advice per language (the completeness test of the translations reads it). */
export const DISM_ADVICE_TEXTS: Record<Lang, Texts> = { en: EN, 'zh-cn': ZH };

/** Steps that follow from the cause of a failed (or cancelled) DISM run, most useful first. */
export function dismCauseAdvice(run: DismRun, cause: FailureCause | undefined, lang: Lang): string[] {
  const t = DISM_ADVICE_TEXTS[lang];
  if (run.result === 'cancelled') return [t.cancelled];
  const src = run.sources?.length ? codeSpan(`/Source:${run.sources[0]}`) : undefined;
  // `wim:E:\sources\install.wim:6` → look into that very file.
  const file = /^(?:wim|esd):(.+\.(?:wim|esd)):\d+$/i.exec((run.sources?.[0] ?? '').replace(/"/g, ''))?.[1];
  const info = codeSpan(file ? `DISM /Get-WimInfo /WimFile:${file}` : WIMINFO);
  const storeVerb = STORE_VERBS.has((run.verb ?? '').toLowerCase()) || !run.verb;
  const text = cause?.text ?? '';
  switch (cause?.kind) {
    case 'sourceMissing': {
      const out: string[] = [];
      if (cause.code !== undefined && isDownloadCode(cause.code)) out.push(t.download(formatCode(cause.code)));
      if (src) out.push(t.sourceNotHolding(src, info));
      out.push(storeVerb ? t.matchingWim : t.matchingSxs(codeSpan(`/${run.verb}`)));
      out.push(run.limitAccess ? t.useWu : t.wuFailedToo);
      return out;
    }
    case 'sourceRejected':
      return [t.rejected(src ?? codeSpan('/Source'), info), storeVerb ? t.matchingWim : t.matchingSxs(codeSpan(`/${run.verb}`)), t.rejectedPath];
    case 'pendingReboot':
      return [t.restart, t.stillPending];
    case 'rpcFailure':
      return [t.rpc, t.rpcSecurity];
    case 'accessDenied': {
      const held = run.online === false || (cause.code !== undefined && SHARING.has(cause.code));
      return held ? [t.offlineHeld, t.antivirus, t.elevated] : [t.elevated, t.antivirus];
    }
    case 'storeCorrupt':
      return [t.repairStore, t.inPlace];
    case 'diskSpace':
      return [t.freeSpace, t.componentCleanup];
    default:
      if (INVALID_COMMAND.test(text)) return [t.invalidCommand];
      if (IMAGE_FOLDER.test(text)) return [t.imageFolder];
      return [t.generic];
  }
}
