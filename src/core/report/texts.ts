// The report's own sentences, in English and Simplified Chinese.
import type { Lang } from '../lang';
import type { LogFormat } from '../model/types';
import type { Phase } from '../analysis/types';

export interface ReportTexts {
  title: string;
  noFailures: string;
  update: string;
  phase: string;
  because: string;
  call: string;
  callLine: (kind: string, client: string, cv: string, from: string, to: string) => string;
  callError: string;
  when: string;
  /** `times`: "twice", "3 times" (emailTexts.times). */
  repeats: (times: string) => string;
  evidence: string;
  rootCause: string;
  outcome: string;
  cbsLinked: (n: number) => string;
  unknownUpdate: string;
  /** Names for a failure without an update, by what failed. */
  unnamed: { scan: string; setup: string; dism: string; cbs: string };
  phases: Record<Phase, string>;
  formats: Record<LogFormat, string>;
  unreadable: Record<string, string>;
  phaseSteps: Record<Phase, string[]>;
  phaseCollect: Record<Phase, string[]>;
  mojibake: string;
  /** Note of a file decoded from ETL files: how many, and where line numbers point. */
  etlDecoded: (files: number, events: number) => string;
  callKinds: Record<string, string>;
  bundledIn: string;
  /** Punctuation: colon after a label, separator of reasons, separator inside parentheses, parentheses. */
  colon: string;
  /** Space around parentheses and after a colon (none next to full-width punctuation). */
  gap: string;
  sep: string;
  listSep: string;
  paren: (s: string) => string;
}

const en: ReportTexts = {
  title: 'Windows Update log summary',
  noFailures: 'No failure that decided an outcome was found in these files.',
  update: 'Update', phase: 'Phase', because: 'why',
  call: 'Call', callLine: (k, c, cv, a, b) => `${k} call${c ? ` from ${c}` : ''}${cv ? `, cV ${cv}` : ''}, lines ${a}–${b}`,
  callError: 'call error', when: 'When',
  repeats: (times) => `the same outcome was logged ${times}`,
  evidence: 'Evidence', rootCause: 'root cause', outcome: 'outcome',
  cbsLinked: (n) => (n === 1 ? 'Matching CBS session' : 'Matching CBS sessions'),
  unknownUpdate: 'No specific update',
  unnamed: { scan: 'Update scan', setup: 'Windows Setup', dism: 'DISM operation', cbs: 'CBS operation' },
  phases: { scan: 'scan (search)', download: 'download', install: 'install', commit: 'commit (after reboot)', unknown: 'unknown phase' },
  formats: {
    wu10: 'WindowsUpdate.log (Windows 10/11)', wu7: 'WindowsUpdate.log (Windows 7/8.1)', cbs: 'CBS.log', dism: 'DISM.log',
    setup: 'setup log (Panther)', reporting: 'ReportingEvents.log', etl: 'ETL (binary)', undecoded: 'undecoded text', unknown: 'unknown',
  },
  unreadable: {
    etl: 'ETL trace without any decodable event (the notes say why): WPP-based ETL files (Windows 10 before 1709, other providers) carry no schema. Run `Get-WindowsUpdateLog` (PowerShell) on the machine, or on one with the same Windows build, to produce a readable WindowsUpdate.log, and send that file.',
    undecoded: 'Text without decoded messages (1600/12/31 dates or "No Format Information found"): run `Get-WindowsUpdateLog` again on a machine that has the symbols for this Windows build (the same build, with internet access to the symbol server), and send the new file.',
    binary: 'Binary content, not a text log: check that the right file was collected.',
    empty: 'Empty file.',
    unknownFormat: 'Not a recognised servicing log: nothing was analysed in it.',
  },
  phaseSteps: {
    scan: ['Check the connection to the update source (WSUS/ConfigMgr URL or Microsoft Update): proxy settings (`netsh winhttp show proxy`), firewall, TLS inspection.', 'Run the scan again (Settings › Windows Update › Check for updates, or `UsoClient StartScan`) and compare the new WindowsUpdate.log.'],
    download: ['Check BITS and Delivery Optimization (services running, `Get-DeliveryOptimizationStatus`), free disk space and proxy settings.', 'Clear the download cache: stop wuauserv and bits, rename C:\\Windows\\SoftwareDistribution\\Download, start the services, retry.'],
    install: ['Install the same update offline from the Microsoft Update Catalog (.msu) to see the servicing error directly.', 'Repair the component store: `DISM /Online /Cleanup-Image /RestoreHealth`, then `sfc /scannow`, then retry.'],
    commit: ['The update failed while Windows applied it during shutdown/restart: look at CBS.log around the restart and at the pending operations.', 'Retry after a clean boot; if it rolls back again, run `DISM /Online /Cleanup-Image /RestoreHealth` and retry.'],
    unknown: ['Read the evidence lines above in order and the explanation of the code.'],
  },
  phaseCollect: {
    scan: ['WindowsUpdate.log covering a fresh scan', 'proxy configuration (`netsh winhttp show proxy`) and the WSUS/update source policy (HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate)'],
    download: ['WindowsUpdate.log of a fresh download attempt', 'Delivery Optimization log (`Get-DeliveryOptimizationLog`) and BITS event log'],
    install: ['C:\\Windows\\Logs\\CBS\\CBS.log (and CbsPersist_*.log) covering the install time', 'The output of the offline (.msu) install of the update'],
    commit: ['CBS.log and CbsPersist_*.log covering the restart', 'C:\\Windows\\WinSxS\\pending.xml (if present) and the System event log around the restart'],
    unknown: ['WindowsUpdate.log, CBS.log and ReportingEvents.log covering the failure time'],
  },
  mojibake: 'garbled text (UTF-8 read as GBK/Shift-JIS and saved again): update titles were repaired, characters that could not be recovered show as �; the originals are in the JSON (`titleOriginal`), and *Open Repaired Copy* in VS Code shows the whole log repaired',
  etlDecoded: (n, e) => `decoded from ${n} ETL file${n === 1 ? '' : 's'} (${e} events); line numbers point into the decoded text (\`wulog decode\`, or *Open Decoded ETL* in VS Code).`,
  callKinds: { search: 'search', download: 'download', install: 'install', uninstall: 'uninstall', agent: 'agent', other: 'other' },
  bundledIn: 'bundled in',
  colon: ':', gap: ' ', sep: '; ', listSep: ', ', paren: (x) => `(${x})`,
};

const zh: ReportTexts = {
  title: 'Windows 更新失败分析报告',
  noFailures: '这些文件中没有发现导致最终失败的错误。',
  update: '补丁', phase: '阶段', because: '依据',
  call: '调用', callLine: (k, c, cv, a, b) => `${k}调用${c || cv ? `（${[c ? `客户端 ${c}` : '', cv ? `cV ${cv}` : ''].filter((x) => x).join('，')}）` : ''}，范围 ${a}–${b}`,
  callError: '调用错误码', when: '发生时间',
  repeats: (times) => `同一结果共记录了 ${times}`,
  evidence: '日志证据', rootCause: '根因', outcome: '最终结果',
  cbsLinked: () => '对应的 CBS 会话',
  unknownUpdate: '未指明具体补丁',
  unnamed: { scan: '更新扫描', setup: 'Windows 安装程序', dism: 'DISM 操作', cbs: 'CBS 操作' },
  phases: { scan: '扫描（检测更新）', download: '下载', install: '安装', commit: '提交（重启后）', unknown: '未知' },
  formats: {
    wu10: 'WindowsUpdate.log（Windows 10/11）', wu7: 'WindowsUpdate.log（Windows 7/8.1）', cbs: 'CBS.log', dism: 'DISM.log',
    setup: '安装程序日志（Panther）', reporting: 'ReportingEvents.log', etl: 'ETL（二进制）', undecoded: '未解码的文本', unknown: '未知',
  },
  unreadable: {
    etl: 'ETL 跟踪文件中没有可解码的事件（原因见说明）：基于 WPP 的 ETL 文件（Windows 10 1709 之前的版本或其他提供程序）不带事件结构信息。请在该计算机（或相同 Windows 版本的计算机）上运行 PowerShell 命令 `Get-WindowsUpdateLog`，生成可读的 WindowsUpdate.log 后发送该文件。',
    undecoded: '文本中的消息未解码（日期为 1600/12/31 或出现 “No Format Information found”）：请在具有该 Windows 版本符号的计算机上（相同版本，可访问符号服务器）重新运行 `Get-WindowsUpdateLog`，并发送新文件。',
    binary: '这是二进制内容，不是文本日志：请确认收集的文件是否正确。',
    empty: '空文件。',
    unknownFormat: '不是能识别的 Windows 更新相关日志，未做分析。',
  },
  phaseSteps: {
    scan: ['检查到更新源（WSUS/ConfigMgr 地址或 Microsoft Update）的网络：代理（`netsh winhttp show proxy`）、防火墙、TLS 解密设备。', '重新检测一次（设置 › Windows 更新 › 检查更新，或 `UsoClient StartScan`），再对比新生成的 WindowsUpdate.log。'],
    download: ['检查 BITS 与传递优化（服务是否运行，`Get-DeliveryOptimizationStatus`）、磁盘剩余空间和代理设置。', '清理下载缓存：停止 wuauserv 和 bits 服务，重命名 C:\\Windows\\SoftwareDistribution\\Download，再启动服务后重试。'],
    install: ['从 Microsoft Update Catalog 下载同一补丁（.msu）手动离线安装，可以直接看到服务堆栈报的错。', '修复组件存储：先运行 `DISM /Online /Cleanup-Image /RestoreHealth`，再运行 `sfc /scannow`，然后重试。'],
    commit: ['补丁在关机/重启过程中应用时失败：查看重启前后的 CBS.log 以及挂起的操作（pending）。', '干净启动后重试；如果仍然回滚，先运行 `DISM /Online /Cleanup-Image /RestoreHealth` 再重试。'],
    unknown: ['按顺序看上面的日志证据和错误码说明。'],
  },
  phaseCollect: {
    scan: ['包含一次新扫描的 WindowsUpdate.log', '代理配置（`netsh winhttp show proxy`）和 WSUS/更新源策略（HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate）'],
    download: ['包含一次新下载尝试的 WindowsUpdate.log', '传递优化日志（`Get-DeliveryOptimizationLog`）和 BITS 事件日志'],
    install: ['覆盖安装时间段的 C:\\Windows\\Logs\\CBS\\CBS.log（及 CbsPersist_*.log）', '该更新离线（.msu）安装的输出'],
    commit: ['覆盖重启过程的 CBS.log 和 CbsPersist_*.log', 'C:\\Windows\\WinSxS\\pending.xml（如存在）以及重启前后的系统事件日志'],
    unknown: ['覆盖失败时间的 WindowsUpdate.log、CBS.log 和 ReportingEvents.log'],
  },
  mojibake: '日志中有乱码（UTF-8 文本被按 GBK/Shift-JIS 读取后再保存）：补丁标题已修复，无法恢复的字符显示为 �；原文见 JSON 的 `titleOriginal`，在 VS Code 中可用“打开乱码修复后的副本”查看整份修复后的日志',
  etlDecoded: (n, e) => `由 ${n} 个 ETL 文件解码而来（共 ${e} 个事件）；行号指向解码后的文本（\`wulog decode\` 的输出，或 VS Code 中“打开解码后的 ETL”）。`,
  callKinds: { search: '搜索', download: '下载', install: '安装', uninstall: '卸载', agent: '代理', other: '其他' },
  bundledIn: '捆绑于',
  colon: '：', gap: '', sep: '；', listSep: '，', paren: (x) => `（${x}）`,
};

export function reportTexts(lang: Lang): ReportTexts {
  return lang === 'zh-cn' ? zh : en;
}
