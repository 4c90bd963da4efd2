// The report's sentences about a bundle, its update chains and the logs to ask for next, in
// English and Simplified Chinese. Arguments are already escaped Markdown.
import type { Lang } from '../lang';
import type { ArchiveProblem, LogKind, MissingLog, SkipReason } from '../bundle/types';
import type { ChainStepKind, LinkMatch } from '../analysis/finish/chainTypes';

export interface BundleTexts {
  heading: string;
  source: (kind: 'zip' | 'cab' | 'folder', path: string, entries: number, logs: number) => string;
  problems: Record<ArchiveProblem['kind'], (detail: string) => string>;
  machine: string;
  machineUnknown: string;
  factKinds: Record<string, string>;
  severalMachines: string;
  spansHeading: string;
  colLog: string;
  colKind: string;
  colFrom: string;
  colTo: string;
  kinds: Record<LogKind, string>;
  missingExpectedHeading: string;
  skippedHeading: (n: number) => string;
  skipReasons: Record<SkipReason, string>;
  more: (n: number) => string;
  chainsHeading: string;
  chainUpdate: (what: string) => string;
  chainRepair: string;
  stillFailing: string;
  recovered: string;
  stepKinds: Record<ChainStepKind, string>;
  failedWith: (code: string) => string;
  succeeded: string;
  storeState: (corrupt: boolean | undefined, repaired: boolean | undefined) => string;
  link: (matched: string, delta: string, confidence: string) => string;
  matches: Record<LinkMatch, string>;
  confidence: Record<'high' | 'medium' | 'low', string>;
  apart: (minutes: number) => string;
  notInBundle: (what: string) => string;
  noMatch: (what: string) => string;
  askHeading: string;
  ask: Record<MissingLog['reason'], (at: string, covered: string) => { what: string; why: string }>;
  forFailures: (n: number) => string;
  colon: string;
}

const en: BundleTexts = {
  heading: 'What the bundle held',
  source: (k, p, e, l) => `${k === 'folder' ? 'Folder' : k === 'cab' ? 'CAB archive' : 'Zip archive'} ${p}: ${e} ${e === 1 ? 'file' : 'files'}, ${l} analysed as ${l === 1 ? 'a log' : 'logs'}.`,
  problems: {
    corruptDirectory: (d) => `The archive's central directory is damaged (${d}): the entries before the damage were read, the rest could not be listed.`,
    notAnArchive: (d) => `Not a readable archive (${d}).`,
    tooManyEntries: (d) => `Too many entries: ${d}.`,
    readError: (d) => `Could not be read completely (${d}).`,
  },
  machine: 'Machine',
  machineUnknown: 'The logs do not name the machine or its OS build.',
  factKinds: { osBuild: 'OS build', servicingStack: 'servicing stack', wuClient: 'Windows Update client', oem: 'manufacturer', model: 'model', computerName: 'computer name' },
  severalMachines: 'The logs state different OS builds: they may come from more than one machine; links between them are less certain.',
  spansHeading: 'Logs and the time each covers',
  colLog: 'Log', colKind: 'Kind', colFrom: 'From', colTo: 'To',
  kinds: {
    wu: 'WindowsUpdate.log', wuEtl: 'WindowsUpdate ETL', cbs: 'CBS.log', cbsPersist: 'CbsPersist (rotated CBS.log)', dism: 'DISM.log', reporting: 'ReportingEvents.log',
    setupact: 'Panther setupact.log', setuperr: 'Panther setuperr.log', setupapi: 'setupapi.dev.log', deliveryOptimization: 'Delivery Optimization log',
    eventLog: 'event log (.evtx)', setupDiag: 'SetupDiag results', other: 'other',
  },
  missingExpectedHeading: 'Expected logs that are not in the bundle',
  skippedHeading: (n) => `Not analysed (${n})`,
  skipReasons: {
    notALog: 'not a servicing log',
    encrypted: 'encrypted (password-protected): ask for the bundle without a password',
    unsafeName: 'unsafe name, not read (nothing is ever extracted to disk)',
    bomb: 'zip bomb, not read',
    tooLarge: 'too large, not read',
    nestedTooDeep: 'an archive inside a nested archive: only one level of nesting is read; extract it and summarize it on its own',
    nestedTooLarge: 'nested archive too large to read in memory: extract it and summarize it on its own',
    corrupt: 'damaged data',
    unsupportedMethod: 'compression method not supported: re-create the zip with standard (deflate) compression',
    cabNoTool: 'CAB archive, but no CAB reader on this machine: install bsdtar (Debian/Ubuntu: `apt install libarchive-tools`; Windows 10/11 and macOS ship it as `tar`)',
    cabUntrusted: 'CAB archive, not read in an untrusted workspace (reading it runs the external tool bsdtar): trust the workspace to read it',
    cabFailed: 'CAB archive that could not be read',
    tooManyFiles: 'over the limit of logs in one report (2,000)',
    budget: 'over the reading budget of the bundle (8 GiB uncompressed)',
  },
  more: (n) => `… and ${n} more`,
  chainsHeading: 'Update chains across logs',
  chainUpdate: (w) => w,
  chainRepair: 'Repair that used Windows Update as its source',
  stillFailing: 'still failing', recovered: 'recovered later',
  stepKinds: { wu: 'WindowsUpdate.log', reporting: 'ReportingEvents.log', cbs: 'CBS session', dism: 'DISM run', store: 'store check' },
  failedWith: (c) => `failed with ${c}`,
  succeeded: 'succeeded',
  storeState: (c, r) => (c === false ? 'no corruption found' : c ? (r ? 'corruption found and repaired' : r === false ? 'corruption found, not all repaired' : 'corruption found') : 'result not stated'),
  link: (m, d, c) => `↳ ${m}${d ? `, ${d}` : ''} (confidence: ${c})`,
  matches: {
    updateId: 'same update ID', kb: 'same KB', package: 'the KB is in the CBS package name', sessionId: 'the update handler logged this CBS session ID',
    time: 'inside the time window', code: 'same error code', client: 'asked by a servicing client', repairSource: 'the repair fetched its files from Windows Update',
  },
  confidence: { high: 'high', medium: 'medium', low: 'low' },
  apart: (m) => (m < 1 ? 'less than a minute apart' : m < 120 ? `${m} min apart` : `${Math.round(m / 60)} h apart`),
  notInBundle: (w) => `Not in the bundle: ${w}.`,
  noMatch: (w) => `No matching entry in the bundle's ${w} (another time window or another machine).`,
  askHeading: 'What to ask the customer for next',
  ask: {
    installNoCbs: (at) => ({ what: `C:\\Windows\\Logs\\CBS\\CBS.log and the CbsPersist_\\*.log/.cab files covering ${at}`, why: 'the install failed in the servicing stack; CBS.log says which package and which step failed and why, and the bundle holds no CBS log.' }),
    installCbsWindow: (at, covered) => ({ what: `the CbsPersist_\\*.log/.cab files covering ${at}`, why: `the bundle's CBS logs cover ${covered}, not the failure at ${at}; CBS rotates its log into CbsPersist files.` }),
    downloadNoDo: () => ({ what: 'the Delivery Optimization log (`Get-DeliveryOptimizationLog | Set-Content do.log`, or the dosvc\\*.etl files of C:\\Windows\\ServiceProfiles\\NetworkService\\AppData\\Local\\Microsoft\\Windows\\DeliveryOptimization\\Logs)', why: 'the download failed; Delivery Optimization\'s log says which peer or server request failed and why.' }),
    upgradeNoSetupapi: () => ({ what: 'C:\\$Windows.~BT\\Sources\\Rollback\\setupapi\\setupapi.dev.log (and C:\\Windows\\INF\\setupapi.dev.log)', why: 'the upgrade rolled back; driver installs that make an upgrade fail (0xC1900101) are logged only there.' }),
    upgradeNoSetupact: () => ({ what: 'the Panther folder (C:\\$Windows.~BT\\Sources\\Panther: setupact.log, setuperr.log)', why: 'setuperr.log lists the errors; setupact.log has the steps that led to them.' }),
    cbsNoWu: () => ({ what: 'WindowsUpdate.log (`Get-WindowsUpdateLog`)', why: 'the failed CBS session was started by Windows Update; its log names the update and the call.' }),
    reportingNoWu: () => ({ what: 'WindowsUpdate.log (`Get-WindowsUpdateLog`)', why: 'ReportingEvents.log only records the result; WindowsUpdate.log has the call and the error lines before it.' }),
    dismNoCbs: (at) => ({ what: `C:\\Windows\\Logs\\CBS\\CBS.log covering ${at}`, why: 'DISM hands the work to CBS; the CBS.log of the same time explains the DISM error.' }),
    storeNoCbs: (at) => ({ what: `C:\\Windows\\Logs\\CBS\\CBS.log covering ${at}`, why: 'the store state is written there.' }),
    expected: () => ({ what: '', why: '' }),
  },
  forFailures: (n) => `for ${n} ${n === 1 ? 'failure' : 'failures'}`,
  colon: ': ',
};

const zh: BundleTexts = {
  heading: '日志包内容',
  source: (k, p, e, l) => `${k === 'folder' ? '文件夹' : k === 'cab' ? 'CAB 压缩包' : 'Zip 压缩包'} ${p}：共 ${e} 个文件，其中 ${l} 个作为日志分析。`,
  problems: {
    corruptDirectory: (d) => `压缩包的中央目录已损坏（${d}）：已读取损坏位置之前的条目，其余条目无法列出。`,
    notAnArchive: (d) => `不是可读取的压缩包（${d}）。`,
    tooManyEntries: (d) => `条目过多：${d}。`,
    readError: (d) => `未能完整读取（${d}）。`,
  },
  machine: '计算机',
  machineUnknown: '日志中没有写明计算机或其操作系统版本。',
  factKinds: { osBuild: '操作系统版本', servicingStack: '服务堆栈', wuClient: 'Windows 更新客户端', oem: '制造商', model: '型号', computerName: '计算机名' },
  severalMachines: '各日志写明的操作系统版本不同：它们可能来自多台计算机，日志之间的关联可信度较低。',
  spansHeading: '各日志及其覆盖的时间',
  colLog: '日志', colKind: '类型', colFrom: '开始', colTo: '结束',
  kinds: {
    wu: 'WindowsUpdate.log', wuEtl: 'WindowsUpdate ETL', cbs: 'CBS.log', cbsPersist: 'CbsPersist（轮转的 CBS.log）', dism: 'DISM.log', reporting: 'ReportingEvents.log',
    setupact: 'Panther setupact.log', setuperr: 'Panther setuperr.log', setupapi: 'setupapi.dev.log', deliveryOptimization: '传递优化日志',
    eventLog: '事件日志（.evtx）', setupDiag: 'SetupDiag 结果', other: '其他',
  },
  missingExpectedHeading: '日志包中缺少的常规日志',
  skippedHeading: (n) => `未分析的文件（${n}）`,
  skipReasons: {
    notALog: '不是服务日志',
    encrypted: '已加密（受密码保护）：请客户提供不加密的日志包',
    unsafeName: '名称不安全，未读取（任何内容都不会解压到磁盘）',
    bomb: '疑似压缩炸弹，未读取',
    tooLarge: '过大，未读取',
    nestedTooDeep: '嵌套压缩包中的压缩包：只读取一层嵌套；请解压后单独分析',
    nestedTooLarge: '嵌套压缩包过大，无法在内存中读取：请解压后单独分析',
    corrupt: '数据已损坏',
    unsupportedMethod: '不支持的压缩方法：请用标准（deflate）压缩重新打包',
    cabNoTool: 'CAB 压缩包，但本机没有 CAB 读取工具：请安装 bsdtar（Debian/Ubuntu：`apt install libarchive-tools`；Windows 10/11 和 macOS 自带，名为 `tar`）',
    cabUntrusted: 'CAB 压缩包：在不受信任的工作区中不读取（读取需要运行外部工具 bsdtar）；信任该工作区后即可读取',
    cabFailed: '无法读取的 CAB 压缩包',
    tooManyFiles: '超过单份报告的日志数量上限（2,000）',
    budget: '超过日志包的读取上限（解压后 8 GiB）',
  },
  more: (n) => `……另有 ${n} 项`,
  chainsHeading: '跨日志的更新链',
  chainUpdate: (w) => w,
  chainRepair: '以 Windows 更新为修复源的修复',
  stillFailing: '仍然失败', recovered: '之后已恢复',
  stepKinds: { wu: 'WindowsUpdate.log', reporting: 'ReportingEvents.log', cbs: 'CBS 会话', dism: 'DISM 运行', store: '组件存储检查' },
  failedWith: (c) => `失败，错误码 ${c}`,
  succeeded: '成功',
  storeState: (c, r) => (c === false ? '未发现损坏' : c ? (r ? '发现损坏并已修复' : r === false ? '发现损坏，未全部修复' : '发现损坏') : '未写明结果'),
  link: (m, d, c) => `↳ ${m}${d ? `，${d}` : ''}（可信度：${c}）`,
  matches: {
    updateId: '更新 ID 相同', kb: 'KB 相同', package: 'KB 出现在 CBS 包名中', sessionId: '更新处理程序记录了此 CBS 会话 ID',
    time: '在时间窗口内', code: '错误码相同', client: '由服务客户端发起', repairSource: '修复从 Windows 更新获取文件',
  },
  confidence: { high: '高', medium: '中', low: '低' },
  apart: (m) => (m < 1 ? '相隔不到一分钟' : m < 120 ? `相隔 ${m} 分钟` : `相隔 ${Math.round(m / 60)} 小时`),
  notInBundle: (w) => `日志包中没有：${w}。`,
  noMatch: (w) => `日志包的 ${w} 中没有对应的记录（时间窗口不同或来自其他计算机）。`,
  askHeading: '接下来请客户提供',
  ask: {
    installNoCbs: (at) => ({ what: `覆盖 ${at} 的 C:\\Windows\\Logs\\CBS\\CBS.log 和 CbsPersist_\\*.log/.cab 文件`, why: '安装在服务堆栈中失败；CBS.log 会写明哪个包、哪一步失败以及原因，而日志包中没有 CBS 日志。' }),
    installCbsWindow: (at, covered) => ({ what: `覆盖 ${at} 的 CbsPersist_\\*.log/.cab 文件`, why: `日志包中的 CBS 日志覆盖 ${covered}，不包括 ${at} 的失败；CBS 会把日志轮转到 CbsPersist 文件中。` }),
    downloadNoDo: () => ({ what: '传递优化日志（`Get-DeliveryOptimizationLog | Set-Content do.log`，或 C:\\Windows\\ServiceProfiles\\NetworkService\\AppData\\Local\\Microsoft\\Windows\\DeliveryOptimization\\Logs 中的 dosvc\\*.etl 文件）', why: '下载失败；传递优化日志会写明是哪个对等节点或服务器请求失败以及原因。' }),
    upgradeNoSetupapi: () => ({ what: 'C:\\$Windows.~BT\\Sources\\Rollback\\setupapi\\setupapi.dev.log（以及 C:\\Windows\\INF\\setupapi.dev.log）', why: '升级已回滚；导致升级失败（0xC1900101）的驱动安装只记录在那里。' }),
    upgradeNoSetupact: () => ({ what: 'Panther 文件夹（C:\\$Windows.~BT\\Sources\\Panther：setupact.log、setuperr.log）', why: 'setuperr.log 只列出错误；setupact.log 记录了导致错误的步骤。' }),
    cbsNoWu: () => ({ what: 'WindowsUpdate.log（`Get-WindowsUpdateLog`）', why: '失败的 CBS 会话由 Windows 更新发起；它的日志写明是哪个更新、哪个调用。' }),
    reportingNoWu: () => ({ what: 'WindowsUpdate.log（`Get-WindowsUpdateLog`）', why: 'ReportingEvents.log 只记录结果；WindowsUpdate.log 记录了调用以及之前的错误行。' }),
    dismNoCbs: (at) => ({ what: `覆盖 ${at} 的 C:\\Windows\\Logs\\CBS\\CBS.log`, why: 'DISM 把工作交给 CBS；同一时间的 CBS.log 可以解释 DISM 的错误。' }),
    storeNoCbs: (at) => ({ what: `覆盖 ${at} 的 C:\\Windows\\Logs\\CBS\\CBS.log`, why: '组件存储的状态记录在那里。' }),
    expected: () => ({ what: '', why: '' }),
  },
  forFailures: (n) => `涉及 ${n} 个失败`,
  colon: '：',
};

export function bundleTexts(lang: Lang): BundleTexts {
  return lang === 'zh-cn' ? zh : en;
}
