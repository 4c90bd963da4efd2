// Facility numbers → FACILITY_* names. The generated table has the ~30 that mingw-w64 10.0.0
// winerror.h defines; these are the newer ones from the Windows SDK winerror.h (numbers and
// names are facts). Values above 0x7FF exist: the SDK masks facilities with 0x1FFF.
import { tables } from './tables';

const SDK_FACILITIES: Record<number, string> = {
  26: 'USERMODE_COMMONLOG',
  27: 'WER',
  31: 'USERMODE_FILTER_MANAGER',
  38: 'GRAPHICS',
  39: 'SHELL',
  40: 'TPM_SERVICES',
  41: 'TPM_SOFTWARE',
  42: 'UI',
  43: 'XAML',
  44: 'ACTION_QUEUE',
  48: 'PLA',
  49: 'FVE',
  50: 'FWP',
  51: 'WINRM',
  52: 'NDIS',
  53: 'USERMODE_HYPERVISOR',
  54: 'CMI',
  55: 'USERMODE_VIRTUALIZATION',
  56: 'USERMODE_VOLMGR',
  57: 'BCD',
  58: 'USERMODE_VHD',
  59: 'USERMODE_HNS',
  60: 'SDIAG',
  61: 'WEBSERVICES',
  62: 'WPN',
  63: 'WINDOWS_STORE',
  64: 'INPUT',
  66: 'EAP',
  80: 'WINDOWS_DEFENDER',
  81: 'OPC',
  82: 'XPS',
  83: 'RAS',
  84: 'MBN',
  85: 'EAS',
  98: 'P2P_INT',
  99: 'P2P',
  100: 'DAF',
  101: 'BLUETOOTH_ATT',
  102: 'AUDIO',
  103: 'STATEREPOSITORY',
  109: 'VISUALCPP',
  112: 'SCRIPT',
  113: 'PARSE',
  120: 'BLB',
  121: 'BLB_CLI',
  122: 'WSBAPP',
  128: 'BLBUI',
  129: 'USN',
  130: 'USERMODE_VOLSNAP',
  131: 'TIERING',
  133: 'WSB_ONLINE',
  134: 'ONLINE_ID',
  135: 'DEVICE_UPDATE_AGENT',
  136: 'DRVSERVICING',
  153: 'DLS',
  160: 'SOS',
  176: 'DEBUGGERS',
  208: 'DELIVERY_OPTIMIZATION',
  231: 'USERMODE_SPACES',
  232: 'USER_MODE_SECURITY_CORE',
  234: 'USERMODE_LICENSING',
  256: 'SPP',
  257: 'DEPLOYMENT_SERVICES_SERVER',
  885: 'WEB',
  886: 'WEB_SOCKET',
  1793: 'MOBILE',
  2049: 'WEP',
  2050: 'SYNCENGINE',
  2168: 'DIRECTMUSIC',
  2169: 'DIRECT3D10',
  2170: 'DXGI',
  2171: 'DXGI_DDI',
  2172: 'DIRECT3D11',
  2174: 'DIRECT3D12',
  2200: 'WINCODEC_DWRITE_DWM',
  2201: 'DIRECT2D',
  2304: 'DEFRAG',
  2305: 'USERMODE_SDBUS',
  2306: 'JSCRIPT',
  2561: 'PIDGENX',
};

/** Facility name without the FACILITY_ prefix, or "FACILITY_<n>" when no table knows it. */
export function facilityName(id: number): string {
  const fromHeader = tables().facilities.get(id);
  if (fromHeader && fromHeader.length) {
    // Prefer the name engineers know (WIN32 over nothing, SECURITY over SSPI).
    return fromHeader.map((n) => n.replace(/^FACILITY_/, '')).sort()[0];
  }
  return SDK_FACILITIES[id] ?? `FACILITY_${id}`;
}

/** True when only the curated SDK list (not the generated header table) names the facility. */
export function facilityFromSdkList(id: number): boolean {
  return !tables().facilities.has(id) && SDK_FACILITIES[id] !== undefined;
}
