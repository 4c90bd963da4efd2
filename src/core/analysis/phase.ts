// Which phase (scan, download, install, commit) a piece of evidence points to.
// Strongest first: the operation an outcome line names, the kind of call, the
// component of the root-cause line, then the code range.
import type { CallKind, Phase } from './types';

export function phaseOfOperation(op: string | undefined): Phase | undefined {
  switch ((op ?? '').toLowerCase()) {
    case 'search':
    case 'scan':
    case 'detect':
      return 'scan';
    case 'download':
      return 'download';
    case 'install':
    case 'uninstall':
      return 'install';
    case 'commit':
      return 'commit';
    default:
      return undefined;
  }
}

/** Call kinds name their operation (`search`, `download`, `install`, `uninstall`); `agent`/`other` say nothing. */
export function phaseOfCallKind(kind: CallKind | undefined): Phase | undefined {
  return phaseOfOperation(kind);
}

const SCAN_COMPONENTS = new Set(['protocoltalker', 'pt', 'sls', 'webservices', 'metadata', 'ws', 'eeevaluator', 'eehandler', 'comapi-search']);
const DOWNLOAD_COMPONENTS = new Set(['downloadmanager', 'dnldmgr', 'bits', 'do', 'deliveryoptimization', 'dtask']);
const INSTALL_COMPONENTS = new Set(['handler', 'cbs', 'updateinstaller', 'deployment', 'csi', 'dism', 'trustedinstaller']);

export function phaseOfComponent(component: string | undefined): Phase | undefined {
  const c = (component ?? '').toLowerCase();
  if (SCAN_COMPONENTS.has(c)) return 'scan';
  if (DOWNLOAD_COMPONENTS.has(c)) return 'download';
  if (INSTALL_COMPONENTS.has(c)) return 'install';
  return undefined;
}

/**
 * The phase a code's range suggests. Network codes (0x80244xxx, 0x80072Exx, 0x8019xxxx HTTP)
 * happen in scan and download alike: `networkContext` decides (download when the context is a
 * download component or call, else scan).
 */
export function phaseOfCode(code: number, networkContext?: Phase): Phase | undefined {
  const hi = code >>> 16;
  const hi12 = code >>> 12;
  if (hi12 === 0x80244 || (code >>> 8) === 0x80072e || hi === 0x8019) {
    return networkContext === 'download' ? 'download' : 'scan';
  }
  if (hi === 0x8020 || hi === 0x80d0 || hi12 === 0x80246) return 'download';
  if (hi12 === 0x80242) return 'install';
  if ((code >>> 8) === 0x800f08 || (code >>> 8) === 0x800f09) return 'install';
  if (hi12 === 0x80248 || hi12 === 0x80245) return 'scan';
  return undefined;
}
