// What a DISM run was asked to do: the dism.exe command line (`Executing command line: ...`) or
// the DismApi call (`Input parameters: ... - DismAddCapabilityInternal`), reduced to the verb,
// the image (online or not) and the repair sources.

/** Longest command kept per run (command lines can carry long package lists). */
const MAX_COMMAND = 500;
const MAX_SOURCES = 8;
const MAX_SOURCE_CHARS = 260;

export interface DismCommand {
  command: string;
  verb?: string;
  online?: boolean;
  sources?: string[];
  limitAccess?: boolean;
}

/** Verbs whose spelling is not "Capitalised-Segments" (keys are lower case). */
const CANONICAL = new Map<string, string>([
  ['restorehealth', 'RestoreHealth'], ['scanhealth', 'ScanHealth'], ['checkhealth', 'CheckHealth'],
  ['startcomponentcleanup', 'StartComponentCleanup'], ['analyzecomponentstore', 'AnalyzeComponentStore'],
  ['revertpendingactions', 'RevertPendingActions'], ['spsuperseded', 'SPSuperseded'],
  ['add-provisionedappxpackage', 'Add-ProvisionedAppxPackage'], ['remove-provisionedappxpackage', 'Remove-ProvisionedAppxPackage'],
  ['get-provisionedappxpackages', 'Get-ProvisionedAppxPackages'], ['get-wiminfo', 'Get-WimInfo'],
  ['get-mountedwiminfo', 'Get-MountedWimInfo'], ['get-imageinfo', 'Get-ImageInfo'], ['get-mountedimageinfo', 'Get-MountedImageInfo'],
  ['?', 'Help'],
]);

/** `/Cleanup-Image` only says "component store work": the option after it is the real verb. */
const CLEANUP_SUBVERBS = new Set(['restorehealth', 'scanhealth', 'checkhealth', 'startcomponentcleanup', 'analyzecomponentstore', 'revertpendingactions', 'spsuperseded', 'hidesp']);

/** Options that say where or how, not what (the verb is the first option that is none of these). */
const NOT_VERBS = new Set([
  'online', 'image', 'windir', 'sysdrivedir', 'logpath', 'loglevel', 'scratchdir', 'english', 'format', 'quiet', 'norestart',
  'source', 'limitaccess', 'all', 'packagepath', 'packagename', 'featurename', 'driver', 'recurse', 'forceunsigned', 'imagefile',
  'index', 'name', 'mountdir', 'readonly', 'commit', 'discard', 'capabilityname', 'region', 'licensepath', 'skiplicense',
  'dependencypackagepath', 'preventpending', 'ignorecheck', 'resetbase', 'defer', 'checkintegrity', 'verify', 'optimize',
]);

export function canonicalVerb(raw: string): string {
  const lower = raw.toLowerCase();
  const known = CANONICAL.get(lower);
  if (known) return known;
  // Keep the writer's spelling when it has capitals; else capitalise each segment (add-package → Add-Package).
  return /[A-Z]/.test(raw) ? raw : lower.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());
}

/** Splits on blanks outside double quotes; quotes stay in the tokens (values are kept as logged). */
function tokens(text: string): string[] {
  return text.match(/(?:[^\s"]|"[^"]*"?)+/g) ?? [];
}

/** The arguments of a logged command line: the executable (quoted or not) removed. */
export function argsOf(commandLine: string): string {
  const t = commandLine.trim();
  if (t.startsWith('"')) {
    const close = t.indexOf('"', 1);
    return close < 0 ? '' : t.slice(close + 1).trim();
  }
  if (t.startsWith('/')) return t;
  // An unquoted path may hold blanks (C:\Program Files\...\dism.exe): cut after the dism name.
  const m = /\bdism(?:\.exe)?(?=\s|$)/i.exec(t.slice(0, 400));
  if (m) return t.slice(m.index + m[0].length).trim();
  const sp = t.search(/\s/);
  return sp < 0 ? '' : t.slice(sp).trim();
}

/** `/Online /Cleanup-Image /RestoreHealth /Source:wim:E:\sources\install.wim:2 /LimitAccess`. */
export function parseCommandLine(commandLine: string): DismCommand {
  const args = argsOf(commandLine);
  const out: DismCommand = { command: args.length > MAX_COMMAND ? `${args.slice(0, MAX_COMMAND)}…` : args };
  let hyphenVerb: string | undefined;
  let otherVerb: string | undefined;
  let subVerb: string | undefined;
  let cleanup = false;
  for (const tok of tokens(args.slice(0, 4000))) {
    if (!tok.startsWith('/')) continue;
    const colon = tok.search(/[:=]/);
    const name = (colon < 0 ? tok.slice(1) : tok.slice(1, colon)).toLowerCase();
    const value = colon < 0 ? undefined : tok.slice(colon + 1);
    if (name === 'online') out.online = true;
    else if (name === 'image' && out.online === undefined) out.online = false;
    else if (name === 'limitaccess') out.limitAccess = true;
    else if (name === 'source' && value) {
      out.sources ??= [];
      if (out.sources.length < MAX_SOURCES) out.sources.push(value.slice(0, MAX_SOURCE_CHARS));
    }
    const raw = tok.slice(1, colon < 0 ? undefined : colon);
    if (name === 'cleanup-image') cleanup = true;
    else if (cleanup && subVerb === undefined && CLEANUP_SUBVERBS.has(name)) subVerb = raw;
    if (NOT_VERBS.has(name) || name === '') continue;
    if (name.includes('-') && hyphenVerb === undefined) hyphenVerb = raw;
    else if (otherVerb === undefined) otherVerb = raw;
  }
  const verb = subVerb ?? hyphenVerb ?? otherVerb;
  if (verb) out.verb = canonicalVerb(verb);
  return out;
}

/** DismApi calls that only read or manage the session: they are not operations. */
const API_NOT_OPERATION = /^(?:Get|Open|Close|Initialize|Shutdown|Delete|SetLogging)/;

/** `DismRestoreImageHealthInternal` → `RestoreImageHealth` when it is an operation, else undefined. */
export function apiOperation(functionName: string): string | undefined {
  const m = /^Dism([A-Z][A-Za-z]{2,60})Internal$/.exec(functionName);
  if (!m || API_NOT_OPERATION.test(m[1])) return undefined;
  return m[1];
}

/** The DISM verb of a DismApi operation (`RestoreImageHealth` → `RestoreHealth`, `AddCapability` → `Add-Capability`). */
export function apiVerb(op: string, params: string): string {
  if (op === 'RestoreImageHealth') return 'RestoreHealth';
  if (op === 'CheckImageHealth') return /ScanImage:\s*(?:1|TRUE)\b/i.test(params) ? 'ScanHealth' : 'CheckHealth';
  const m = /^([A-Z][a-z]+)([A-Z]\w*)$/.exec(op);
  return m ? `${m[1]}-${m[2]}` : op;
}

/** A DismApi call as a command: its name and input parameters without the pointer fields. */
export function apiCommand(op: string, params: string): DismCommand {
  const p = params.replace(/,?\s*(?:CancelEvent|Progress|UserData):\s*0x[0-9A-Fa-f]+/g, '').replace(/[\s,]+$/, '').trim();
  const text = p ? `Dism${op} ${p}` : `Dism${op}`;
  const out: DismCommand = { command: text.length > MAX_COMMAND ? `${text.slice(0, MAX_COMMAND)}…` : text, verb: apiVerb(op, p) };
  const src = /\bSource(?:Path)?s?:\s*([^,]{1,260})/i.exec(p);
  if (src && src[1].trim() !== '(null)') out.sources = [src[1].trim()];
  if (/\bLimitAccess:\s*(?:1|TRUE)\b/i.test(p)) out.limitAccess = true;
  return out;
}

/** `0x800F081F`, `87` (a Win32 error) or `-2146498529` as an HRESULT. */
export function exitCode(text: string): number {
  if (/^0x/i.test(text)) return parseInt(text, 16) >>> 0;
  const n = parseInt(text, 10);
  return n > 0 && n <= 0xffff ? (0x80070000 | n) >>> 0 : n >>> 0;
}
