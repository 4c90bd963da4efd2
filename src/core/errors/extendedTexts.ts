// Our own words for upgrade extend codes: what each setup phase is, which log to read next and
// what to try, plus the pairs Microsoft documents with a specific cause (facts from "Windows
// upgrade error codes" / "Resolve Windows upgrade errors"; the wording is ours). Data only.
import type { Lang } from '../lang';

export interface ExtendedText {
  summary: string;
  steps: string[];
}

type Both = Record<Lang, ExtendedText>;

// Log paths and recurring steps, written once.
const PANTHER = '`C:\\$Windows.~BT\\Sources\\Panther\\setupact.log`';
const PANTHER_ERR = '`C:\\$Windows.~BT\\Sources\\Panther\\setuperr.log`';
const RB_ACT = '`C:\\$Windows.~BT\\Sources\\Rollback\\setupact.log`';
const RB_SETUPAPI = '`C:\\$Windows.~BT\\Sources\\Rollback\\setupapi\\setupapi.dev.log`';
const RB_DUMP = '`C:\\$Windows.~BT\\Sources\\Rollback\\setupmem.dmp`';
const PROFILE_LIST = '`HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList`';

const READ_ROLLBACK: Record<Lang, string> = {
  en: `Read the rollback logs: ${RB_ACT} and ${RB_SETUPAPI}.`,
  'zh-cn': `查看回滚日志：${RB_ACT} 和 ${RB_SETUPAPI}。`,
};
const UNPLUG: Record<Lang, string> = {
  en: 'Disconnect every peripheral except keyboard, mouse and display (USB drives, docks, card readers, Bluetooth adapters).',
  'zh-cn': '除键盘、鼠标和显示器外，断开所有外设（U 盘、扩展坞、读卡器、蓝牙适配器等）。',
};

/** The last step of every description. */
export const SETUPDIAG_STEP: Record<Lang, string> = {
  en: 'Run SetupDiag on the machine (`SetupDiag.exe /Output:C:\\SetupDiag\\Results.log`): it reads these logs and names the known issue they match.',
  'zh-cn': '在该机器上运行 SetupDiag（`SetupDiag.exe /Output:C:\\SetupDiag\\Results.log`），它会分析这些日志并给出匹配的已知问题。',
};

/** Per phase (the first hex digit of the extend code): `summary` names the phase for a sentence. */
export const PHASE_TEXTS: Record<number, Both> = {
  0: {
    en: { summary: 'an unknown setup phase', steps: [`Read ${PANTHER} and ${PANTHER_ERR} (after a rollback also the copies in \`C:\\$Windows.~BT\\Sources\\Rollback\`): the last Error lines before the result name the step that failed.`] },
    'zh-cn': { summary: '未知的安装阶段', steps: [`查看 ${PANTHER} 和 ${PANTHER_ERR}（回滚后还要看 \`C:\\$Windows.~BT\\Sources\\Rollback\` 中的副本）：结果之前的最后几条 Error 行会指出失败的步骤。`] },
  },
  1: {
    en: {
      summary: 'the DOWNLEVEL phase (setup still ran in the old Windows, before the first restart, so the system was not changed yet)',
      steps: [
        `Read ${PANTHER} and ${PANTHER_ERR}: the last Error lines before the result name the step that failed.`,
        'Check the compatibility results in `C:\\$Windows.~BT\\Sources\\Panther` (`CompatData_*.xml`, `ScanResult.xml`) for an app, driver or device that blocks the upgrade.',
        'Free space on the system drive, uninstall or disable third-party antivirus and disk tools, then start setup again.',
      ],
    },
    'zh-cn': {
      summary: '下层阶段（DOWNLEVEL：安装程序仍在旧系统中运行，尚未第一次重启，系统还没有被改动）',
      steps: [
        `查看 ${PANTHER} 和 ${PANTHER_ERR}：结果之前的最后几条 Error 行会指出失败的步骤。`,
        '检查 `C:\\$Windows.~BT\\Sources\\Panther` 中的兼容性结果（`CompatData_*.xml`、`ScanResult.xml`），看是否有应用、驱动或设备阻止升级。',
        '清理系统盘空间，卸载或停用第三方杀毒软件和磁盘工具，然后重新运行安装程序。',
      ],
    },
  },
  2: {
    en: {
      summary: 'the SAFE_OS phase (after the first restart, in the Windows PE environment that applies the new image; a failure here rolls the machine back)',
      steps: [
        `Read the rollback copies of this phase: ${RB_ACT} and \`setuperr.log\` in the same folder.`,
        'Storage and boot drivers are the usual cause: update the disk controller (RAID/AHCI/NVMe) drivers, firmware and BIOS, and disconnect USB drives, docks and other devices that are not needed.',
        'Make sure the system drive has enough free space and no file system errors (`chkdsk C: /scan`).',
      ],
    },
    'zh-cn': {
      summary: '安全操作系统阶段（SAFE_OS：第一次重启后，在应用新映像的 Windows PE 环境中；此阶段失败会回滚）',
      steps: [
        `查看此阶段的回滚日志：${RB_ACT} 以及同一目录下的 \`setuperr.log\`。`,
        '常见原因是存储和启动相关的驱动：更新磁盘控制器（RAID/AHCI/NVMe）驱动、固件和 BIOS，并断开不需要的 U 盘、扩展坞等外接设备。',
        '确认系统盘剩余空间足够，且文件系统没有错误（`chkdsk C: /scan`）。',
      ],
    },
  },
  3: {
    en: {
      summary: 'the FIRST_BOOT phase (the first start of the new Windows, where drivers and settings are moved over; a failure here rolls the machine back)',
      steps: [
        `Read ${RB_ACT} and ${RB_SETUPAPI}: find the last driver (.inf) whose install failed or hung.`,
        'Update or uninstall that driver before the next attempt (display, audio, network, storage filter and antivirus drivers are the usual ones).',
        `${UNPLUG.en} Let setup download updates ("Download and install updates").`,
      ],
    },
    'zh-cn': {
      summary: '首次启动阶段（FIRST_BOOT：新系统第一次启动，迁移驱动和设置；此阶段失败会回滚）',
      steps: [
        `查看 ${RB_ACT} 和 ${RB_SETUPAPI}，找到最后一个安装失败或无响应的驱动（.inf）。`,
        '在下次升级前更新或卸载该驱动（显卡、声卡、网卡、存储过滤驱动和杀毒软件驱动最常见）。',
        `${UNPLUG['zh-cn']}并允许安装程序下载更新（“下载并安装更新”）。`,
      ],
    },
  },
  4: {
    en: {
      summary: 'the OOBE_BOOT phase (the second start of the new Windows, before the first sign-in; a failure here rolls the machine back)',
      steps: [
        `Read ${RB_ACT}: look for a \`Crash 0x... detected\` line (a stop error during the upgrade) and the module it names; a memory dump may be in ${RB_DUMP}.`,
        'Uninstall third-party antivirus, disk encryption and other filter drivers, do a clean boot, and update the BIOS and drivers before the next attempt.',
      ],
    },
    'zh-cn': {
      summary: 'OOBE 启动阶段（OOBE_BOOT：新系统第二次启动、首次登录之前；此阶段失败会回滚）',
      steps: [
        `查看 ${RB_ACT}：查找 \`Crash 0x... detected\` 行（升级期间的蓝屏）及其指出的模块；内存转储可能在 ${RB_DUMP}。`,
        '卸载第三方杀毒软件、磁盘加密软件等过滤驱动，执行干净启动，并在下次尝试前更新 BIOS 和驱动。',
      ],
    },
  },
  5: {
    en: {
      summary: 'the UNINSTALL phase (going back to the previous Windows: a rollback or an uninstall of the upgrade)',
      steps: [
        `Read ${RB_ACT} for the first failure that started the rollback, then the errors of the rollback itself.`,
        `If setupact.log says \`PostReboot: [FALSE]\` next to this extend code, the failure happened before the first restart (newer setup versions write such codes then too): read ${PANTHER} instead.`,
      ],
    },
    'zh-cn': {
      summary: '卸载阶段（UNINSTALL：退回旧版本 Windows，即回滚或卸载升级）',
      steps: [
        `查看 ${RB_ACT}：先找触发回滚的第一个失败，再看回滚本身的错误。`,
        `如果 setupact.log 在该扩展代码旁写着 \`PostReboot: [FALSE]\`，说明失败发生在第一次重启之前（较新的安装程序在这种情况下也会写出此类代码）：请改为查看 ${PANTHER}。`,
      ],
    },
  },
};

const DRIVER_HINT = {
  en: 'The operation installs drivers: the failing .inf is in `setupapi.dev.log` (under `C:\\$Windows.~BT\\Sources\\Rollback\\setupapi` after a rollback); update or remove that driver.',
  'zh-cn': '失败的操作是安装驱动：在 `setupapi.dev.log`（回滚后位于 `C:\\$Windows.~BT\\Sources\\Rollback\\setupapi`）中找到失败的 .inf，更新或删除该驱动。',
};
const BOOT_HINT = {
  en: 'The operation runs while the new Windows starts: a driver that hangs or crashes at boot is the usual cause; disconnect devices and update or remove drivers.',
  'zh-cn': '失败的操作发生在新系统启动过程中：通常是启动时挂起或崩溃的驱动；断开外设，更新或删除相关驱动。',
};
const COPY_HINT = {
  en: 'The operation copies or downloads setup files: check the network and proxy and the free space, or use installation media instead.',
  'zh-cn': '失败的操作是复制或下载安装文件：检查网络、代理和剩余空间，或改用安装介质。',
};
const WINRE_HINT = {
  en: 'The operation installs the recovery environment (WinRE): check the recovery partition (`reagentc /info`) and its free space.',
  'zh-cn': '失败的操作是安装恢复环境（WinRE）：检查恢复分区（`reagentc /info`）及其剩余空间。',
};

/** One extra step for operations that point somewhere specific (SP_EXECUTION_OP value → text). */
export const OPERATION_HINTS: Record<number, Record<Lang, string>> = {
  0x1: COPY_HINT,
  0x2: COPY_HINT,
  0x4: WINRE_HINT,
  0x5: WINRE_HINT,
  0x7: DRIVER_HINT,
  0x10: DRIVER_HINT,
  0xc: {
    en: 'The operation applies the Windows image: download or re-create the installation media, and check the target disk for errors and free space.',
    'zh-cn': '失败的操作是应用 Windows 映像：重新下载或重新制作安装介质，并检查目标磁盘的错误和剩余空间。',
  },
  0xd: {
    en: `The operation migrates data (user profiles, apps, drivers, settings): find what the last migration error in setupact.log names and fix or remove it (stale entries under ${PROFILE_LIST} are a known cause).`,
    'zh-cn': `失败的操作是数据迁移（用户配置文件、应用、驱动、设置）：在 setupact.log 中找到最后一个迁移错误所指的对象并修复或移除（${PROFILE_LIST} 下的无效残留项是已知原因）。`,
  },
  0x17: BOOT_HINT,
  0x18: BOOT_HINT,
  0x1a: BOOT_HINT,
  0x1b: BOOT_HINT,
  0x1c: BOOT_HINT,
  0x1d: BOOT_HINT,
};

/** Documented pairs, keyed `RESULT-EXTEND` in upper-case hex without 0x (`C1900101-30018`). */
export const PAIR_TEXTS: Record<string, Both> = {};

function pair(keys: string[], en: ExtendedText, zh: ExtendedText): void {
  for (const k of keys) PAIR_TEXTS[k] = { en, 'zh-cn': zh };
}

pair(['C1900101-20004'],
  { summary: 'Setup could not install the recovery environment in the SAFE_OS phase; out-of-date drivers are the usual cause.', steps: ['Uninstall third-party antivirus and remove SATA/storage devices and drivers that are not used.', 'Update the drivers, firmware and BIOS.', READ_ROLLBACK.en] },
  { summary: '安装程序在安全操作系统阶段 (SAFE_OS) 安装恢复环境失败，通常是驱动过旧导致。', steps: ['卸载第三方杀毒软件，移除不用的 SATA/存储设备及其驱动。', '更新驱动、固件和 BIOS。', READ_ROLLBACK['zh-cn']] });
pair(['C1900101-2000C'],
  { summary: 'An unspecified error while the image was applied in the SAFE_OS (Windows PE) phase; out-of-date drivers are the usual cause.', steps: [UNPLUG.en, 'Get updated drivers from the hardware vendor and let setup download updates.', READ_ROLLBACK.en] },
  { summary: '在安全操作系统阶段（SAFE_OS，Windows PE）应用映像时发生未指明的错误，通常是驱动过旧导致。', steps: [UNPLUG['zh-cn'], '向硬件厂商获取更新的驱动，并允许安装程序下载更新。', READ_ROLLBACK['zh-cn']] });
pair(['C1900101-2000B'],
  { summary: 'Device drivers kept setup from building the list of files to migrate (SAFE_OS phase).', steps: [UNPLUG.en, READ_ROLLBACK.en] },
  { summary: '设备驱动导致安装程序无法生成需要迁移的文件列表（安全操作系统阶段）。', steps: [UNPLUG['zh-cn'], READ_ROLLBACK['zh-cn']] });
pair(['C1900101-20017'],
  { summary: 'A driver did something illegal in the SAFE_OS phase and could not be migrated, so setup rolled back; third-party disk encryption and failing hardware cause it too.', steps: [`${READ_ROLLBACK.en} After the rollback, \`C:\\Windows\\Panther\\setupact.log\` and \`setuperr.log\` name the driver as well.`, 'Update or uninstall that driver; suspend or remove third-party disk encryption.', 'If no driver is named, test the hardware (memory, disk).'] },
  { summary: '某个驱动在安全操作系统阶段 (SAFE_OS) 执行了非法操作且无法迁移，因此安装程序回滚；第三方磁盘加密软件或硬件故障也会导致此问题。', steps: [`${READ_ROLLBACK['zh-cn']}回滚后 \`C:\\Windows\\Panther\\setupact.log\` 和 \`setuperr.log\` 中也会写出该驱动。`, '更新或卸载该驱动；暂停或移除第三方磁盘加密。', '如果没有指出具体驱动，检测硬件（内存、磁盘）。'] });
pair(['C1900101-30017'],
  { summary: 'The new Windows failed to start in the FIRST_BOOT phase (a driver failed or crashed at boot), so setup rolled back.', steps: [`${READ_ROLLBACK.en} The last device install before the rollback names the driver.`, 'Update or remove that driver, disconnect peripherals and update the BIOS and firmware.', 'Uninstall third-party antivirus and disk encryption before the next attempt.'] },
  { summary: '新系统在首次启动阶段 (FIRST_BOOT) 启动失败（某个驱动在启动时失败或崩溃），因此安装程序回滚。', steps: [`${READ_ROLLBACK['zh-cn']}回滚前最后一次设备安装即指出了该驱动。`, '更新或删除该驱动，断开外设，并更新 BIOS 和固件。', '下次尝试前卸载第三方杀毒软件和磁盘加密软件。'] });
pair(['C1900101-30018'],
  { summary: 'A device driver stopped responding to setup during the FIRST_BOOT phase, so setup rolled back.', steps: [`${READ_ROLLBACK.en} The last device install before the rollback names the driver.`, UNPLUG.en, 'Get updated drivers from the hardware vendor (or uninstall the driver) and let setup download updates.'] },
  { summary: '在首次启动阶段 (FIRST_BOOT) 某个设备驱动停止响应安装程序，因此安装程序回滚。', steps: [`${READ_ROLLBACK['zh-cn']}回滚前最后一次设备安装即指出了该驱动。`, UNPLUG['zh-cn'], '向硬件厂商获取更新的驱动（或卸载该驱动），并允许安装程序下载更新。'] });
pair(['C1900101-3000D'],
  { summary: 'Data migration failed in the FIRST_BOOT phase; a display driver problem is a documented cause.', steps: ['Update or uninstall the display driver before the next attempt.', UNPLUG.en, READ_ROLLBACK.en] },
  { summary: '首次启动阶段 (FIRST_BOOT) 数据迁移失败；显卡驱动问题是已知原因。', steps: ['下次尝试前更新或卸载显卡驱动。', UNPLUG['zh-cn'], READ_ROLLBACK['zh-cn']] });
pair(['C1900101-4000D'],
  { summary: 'Data migration failed in the OOBE_BOOT (second boot) phase and setup rolled back; usually a driver configuration problem or a crash.', steps: [`Read ${RB_ACT} for \`Crash 0x... detected\` and the stop code; look for ${RB_DUMP} and for unexpected restarts in the System event log.`, 'Disable or update the driver the crash names, make sure there is enough disk space, and update the BIOS.', 'If the crash stays, try another display adapter or driver and turn off BIOS memory caching or shadowing.'] },
  { summary: 'OOBE 启动阶段（第二次启动）数据迁移失败并回滚，通常是驱动配置问题或系统崩溃。', steps: [`查看 ${RB_ACT} 中的 \`Crash 0x... detected\` 和停止代码；查找 ${RB_DUMP}，并检查系统事件日志中是否有意外重启。`, '停用或更新崩溃信息中指出的驱动，确认磁盘空间充足，并更新 BIOS。', '如果仍然崩溃，尝试更换显卡或显卡驱动，并关闭 BIOS 中的内存缓存或影子内存选项。'] });
pair(['C1900101-40017'],
  { summary: 'The upgrade failed after the second restart (OOBE_BOOT); a faulty filter driver (antivirus, encryption, virtual desktop agents) is the usual cause.', steps: ['Clean boot Windows and start the upgrade again, letting it download updates.', 'Uninstall third-party antivirus, disk encryption and VDI or caching agents (such as a Citrix VDA filter driver) before the upgrade.', READ_ROLLBACK.en] },
  { summary: '升级在第二次重启后 (OOBE_BOOT) 失败，通常是有问题的过滤驱动（杀毒软件、加密软件、虚拟桌面代理）导致。', steps: ['干净启动 Windows 后重新升级，并允许下载更新。', '升级前卸载第三方杀毒软件、磁盘加密以及 VDI/缓存代理（例如 Citrix VDA 的过滤驱动）。', READ_ROLLBACK['zh-cn']] });
pair(['8007000D-2000C', '8007025D-2000C'],
  { summary: 'The Windows image could not be applied because its data is invalid (SAFE_OS phase): the installation media or the downloaded files are damaged.', steps: ['Download the installation media again (Media Creation Tool or a new ISO) instead of reusing the old `C:\\$Windows.~BT` files.', 'Check the system drive for errors (`chkdsk C: /scan`) and free space.', READ_ROLLBACK.en] },
  { summary: '由于数据无效，无法应用 Windows 映像（安全操作系统阶段）：安装介质或下载的文件已损坏。', steps: ['重新下载安装介质（媒体创建工具或新的 ISO），不要重复使用旧的 `C:\\$Windows.~BT` 文件。', '检查系统盘错误（`chkdsk C: /scan`）和剩余空间。', READ_ROLLBACK['zh-cn']] });
pair(['80070003-20007'],
  { summary: 'A network problem while setup fetched files (SAFE_OS phase).', steps: ['Fix the connection (proxy, firewall) and try again, or create installation media on another computer.'] },
  { summary: '安装程序获取文件时出现网络问题（安全操作系统阶段）。', steps: ['修复网络连接（代理、防火墙）后重试，或在另一台电脑上制作安装介质。'] });
pair(['80070490-20007'],
  { summary: 'An incompatible device driver during the driver install (SAFE_OS phase).', steps: ['Check Device Manager for devices with errors and fix or remove them.', `Read ${PANTHER} to find the device.`] },
  { summary: '安装驱动时遇到不兼容的设备驱动（安全操作系统阶段）。', steps: ['在设备管理器中检查有错误的设备并修复或移除。', `查看 ${PANTHER} 找到对应设备。`] });
pair(['80073BC3-20009', '80070002-20009', '80073B92-20009'],
  { summary: 'Partition checks found more than one system partition (for example an old system disk that is still connected).', steps: ['Disconnect or disable the drive that holds the unused system partition (reconnect it after the upgrade), or delete that partition.'] },
  { summary: '分区检查发现了多个系统分区（例如仍连接着旧的系统盘）。', steps: ['断开或停用包含多余系统分区的磁盘（升级完成后再接回），或删除该分区。'] });
pair(['8007001F-3000D'],
  { summary: 'User data migration failed in the FIRST_BOOT phase; invalid user profiles are a documented cause.', steps: ['Look in setupact.log for the files or registry entries that blocked the migration.', `Remove leftover entries of deleted accounts under ${PROFILE_LIST} and invalid files under \`C:\\Users\` (and \`C:\\Windows.old\\Users\` after an earlier attempt).`] },
  { summary: '首次启动阶段 (FIRST_BOOT) 用户数据迁移失败；无效的用户配置文件是已知原因。', steps: ['在 setupact.log 中查找阻止迁移的文件或注册表项。', `删除 ${PROFILE_LIST} 下已删除账户的残留项，以及 \`C:\\Users\`（之前升级失败过时还有 \`C:\\Windows.old\\Users\`）下的无效文件。`] });
pair(['8007042B-4000D'],
  { summary: 'Data migration failed in the second boot (OOBE_BOOT): a file, application or driver could not be migrated.', steps: [`Find the file, app or driver in ${RB_ACT} and disconnect, update, remove or replace it.`] },
  { summary: '第二次启动 (OOBE_BOOT) 时数据迁移失败：某个文件、应用或驱动无法迁移。', steps: [`在 ${RB_ACT} 中找到该文件、应用或驱动，然后断开、更新、移除或替换它。`] });
pair(['8007001F-4000D'],
  { summary: 'A device attached to the system stopped working during the second boot (OOBE_BOOT).', steps: [`Find the device in ${RB_ACT} and ${RB_SETUPAPI}, then disconnect, update or replace it.`] },
  { summary: '第二次启动 (OOBE_BOOT) 时连接到系统的某个设备停止工作。', steps: [`在 ${RB_ACT} 和 ${RB_SETUPAPI} 中找到该设备，然后断开、更新或更换它。`] });
pair(['800704B8-3001A'],
  { summary: 'An extended error in the FIRST_BOOT phase.', steps: ['Disable or uninstall third-party antivirus, disconnect devices that are not needed and clean boot, then try again.'] },
  { summary: '首次启动阶段 (FIRST_BOOT) 发生扩展错误。', steps: ['停用或卸载第三方杀毒软件，断开不需要的设备并干净启动后重试。'] });
pair(['8007002C-4000D'],
  { summary: 'Someone cancelled an interactive dialog during the upgrade.', steps: ['Start the upgrade again and let it finish without cancelling.'] },
  { summary: '升级过程中有人取消了交互对话框。', steps: ['重新开始升级，并让它运行完成，不要取消。'] });
