// Recognisers for the few Panther setup lines (setupact.log / setuperr.log) that state a result:
// SetupHost's final result and events, ImageExit/Finalize reporting, rollback, SetupPlatform's
// `Operation failed`, sysprep's halt, windeploy/OOBE exit codes and unattend command results;
// and the rule that places an upgrade result before or after the first restart. Each recogniser
// reads the head of one message; regexes are anchored or bounded (no nested quantifiers).
import type { ExtendedCode, Phase } from './types';
import { hex, isError } from './patterns';
import { findUpgradeCodes, formatExtended, isExtendedCode } from '../errors/extended';

/** How strongly a line states the upgrade's result: a higher rank wins, a later line wins a tie. */
export const RESULT_RANK = { postReboot: 5, hostResult: 4, errorEvent: 3, managerResult: 2, finalize: 2, imageExit: 1 } as const;
export type ResultKind = keyof typeof RESULT_RANK;

export interface UpgradeStatement {
  kind: ResultKind;
  code: number;
  extended?: number;
}

const H = '(0x[0-9A-Fa-f]{1,8})';
const EVENT = new RegExp(`^SetupHost: Reporting (post reboot|error) event -> \\[${H},[ \\t]?${H}\\]`);
const EXECUTE = new RegExp(`^C(SetupHost|SetupManager)::Execute\\(\\d{1,6}\\): Result = ${H}`);
const FINALIZE = new RegExp(`^Finalize: Reporting result value: \\[${H}\\]`);
const IMAGE_EXIT = new RegExp(`^ImageExit: Initializing SetupResult:[ \\t]*\\[${H}\\]`);

/** SetupHost / MOUPG lines that state the run's result (a failure code, or 0 for success). */
export function upgradeStatement(m: string): UpgradeStatement | undefined {
  const c0 = m.charCodeAt(0);
  if (c0 === 83 /* S */) {
    const e = EVENT.exec(m);
    if (!e) return undefined;
    const a = hex(e[2]);
    const b = hex(e[3]);
    const kind = e[1] === 'post reboot' ? 'postReboot' : 'errorEvent';
    // `[result, extend code]`, or `[internal, mapped]` when the second is no extend code (a cancel).
    if (isExtendedCode(b)) return { kind, code: a, extended: b };
    return { kind, code: isError(b) ? b : a };
  }
  if (c0 === 67 /* C */) {
    const x = EXECUTE.exec(m);
    return x ? { kind: x[1] === 'SetupHost' ? 'hostResult' : 'managerResult', code: hex(x[2]) } : undefined;
  }
  if (c0 === 70 /* F */) {
    const f = FINALIZE.exec(m);
    return f ? { kind: 'finalize', code: hex(f[1]) } : undefined;
  }
  if (c0 === 73 /* I */) {
    const i = IMAGE_EXIT.exec(m);
    return i ? { kind: 'imageExit', code: hex(i[1]) } : undefined;
  }
  return undefined;
}

/** `ImageExit: Initializing Extended: [0x2000c]`, `[Setup360Extended]=[0x20018]`. */
export function labelledExtended(m: string): number | undefined {
  if (m.indexOf('Extended') < 0) return undefined;
  return findUpgradeCodes(m).find((u) => u.code === undefined)?.extended;
}

const POST_REBOOT = /^ImageExit: Initializing PostReboot:[ \t]*\[(TRUE|FALSE)\]/i;

/** `ImageExit: Initializing PostReboot: [FALSE]`: true/false, or undefined for other lines. */
export function postRebootFlag(m: string): boolean | undefined {
  const p = m.charCodeAt(0) === 73 ? POST_REBOOT.exec(m) : null;
  return p ? p[1].toUpperCase() === 'TRUE' : undefined;
}

export const RUN_START = /^SetupHost::Initialize\s*$/;
export const RUN_END = /SetupHost Logging End/;
export const TARGET = /^Target OS version: (\d{1,3}\.\d{1,3}\.\d{4,6})/;
export const REMAP = new RegExp(`^Finalize: Remapping install error \\[${H}\\] -> \\[${H}\\]`);
export const CANCEL = /Cancel is requested|User cancel confirmed|internal cancellation request|cancel(?:l)?ed by (?:the )?user/i;
export const CANCEL_PHASE = /^Setup phase change: \[\w{1,60}\] -> \[SetupPhase\w{0,40}Cancel\w{0,40}\]/;
/** Setup went back to the old Windows (only after a restart). Setup-time words like RollbackInitialize or `Rollback Enabled` do not match. */
export const ROLLBACK = /^Rollback: |\bRolling back\b|\brolled back\b|\bRollback (?:started|initiated|complete|completed|finished|succeeded)\b|Restoring (?:your )?previous version|-> \[SetupPhase\w{0,40}Rollback\w{0,40}\]/i;
/** Cheap gate before ROLLBACK. */
export function mayRollBack(m: string): boolean {
  return m.indexOf('oll') >= 0 || m.indexOf('estoring') >= 0;
}
export const CRASH = /\bCrash 0x[0-9A-Fa-f]{8} detected/;
export const OP_FAILED = new RegExp(`^Operation failed: (.{1,200}?)\\.? Error: ${H}`);

export const SYSPREP_FAIL = new RegExp(`^WinMain:[ \\t]?Hit failure while ([^;]{1,200}); hr = ${H}`);
export const SYSPREP_HALT = new RegExp(`halting sysprep execution\\.? dwRet = ${H}`);
const SYSPREP_PASS = /sysprep (generalize|specialize|oobe|audit|cleanup)|ActionFiles\\(Generalize|Specialize|Cleanup|Respecialize)\.xml/i;

/** `sysprep generalize` when the line names the pass, else `sysprep`. */
export function sysprepSubject(m: string): string {
  const p = SYSPREP_PASS.exec(m);
  const pass = p?.[1] ?? p?.[2];
  return pass ? `sysprep ${pass.toLowerCase()}` : 'sysprep';
}

export const WINDEPLOY_EXIT = new RegExp(`^\\[(windeploy|oobeldr)\\.exe\\] (?:WinDeploy|OOBELdr)\\.exe exiting with code \\[${H}\\]`, 'i');
export const CHILD_EXIT = new RegExp(`^\\[windeploy\\.exe\\] Process exited with exit code \\[${H}\\]`, 'i');
export const UGC_NOT_EXAMINED = /^\[SETUPUGC\.EXE\] .{0,80}without examining exit code/i;
export const UGC_EXIT = new RegExp(`^\\[SETUPUGC\\.EXE\\] Process returned with exit code ${H}`, 'i');
export const UGC_END = /^\[SETUPUGC\.EXE\] SetupUGC returning with exit code/i;
/** `Finished executing [command] synchronously`: the command a following exit code belongs to. */
export const UGC_COMMAND = /^\[SETUPUGC\.EXE\] Finished executing \[/i;

/** An Error line that says setup itself stopped (Windows PE / IBS, SetupPlatform). */
export const FATAL = /\bfatal error\b|\bunrecoverable\b|Windows (?:Setup )?could not (?:complete|continue|install)|Setup (?:cannot|can't|could not) continue/i;

const APPX = /not provisioned for all users|AppxSysprep/i;
const DRIVER = /\bdrivers?\b|\.inf\b|setupapi|\bPnP\b|device install/i;
const DISK = /disk space|not enough (?:disk )?space|insufficient (?:disk )?space|DISK_FULL/i;
const MIGRATION = /migrat/i;
const ACCESS = /access (?:is )?denied/i;

/**
 * The kind of a cause line (FailureCause.kind): `appxProvisioning` (a per-user app blocks
 * sysprep), `driverFailure`, `diskSpace`, `migration`, `crash` (a stop error during the upgrade),
 * `accessDenied`, `userCancel` (set by the caller), else `other`.
 */
export function setupCauseKind(text: string, code: number | undefined): string {
  if (code === 0x80073cf2 || APPX.test(text)) return 'appxProvisioning';
  if (CRASH.test(text)) return 'crash';
  if (DRIVER.test(text)) return 'driverFailure';
  if (code === 0x80070070 || code === 0x80070027 || DISK.test(text)) return 'diskSpace';
  if (MIGRATION.test(text)) return 'migration';
  if (code === 0x80070005 || ACCESS.test(text)) return 'accessDenied';
  return 'other';
}

/** What a run logged about restarts (lines where it said so). */
export interface PhaseFacts {
  postReboot?: { line: number; flag: boolean };
  rollback?: { line: number };
  extended?: { line: number };
}

/** Before or after the first restart: what the log states outranks the extend code's phase digit. */
export function upgradePhase(run: PhaseFacts, res: { line: number; kind?: ResultKind }, x: ExtendedCode | undefined): { phase: Phase; detail: string; at: number } {
  const ext = x ? `extend code ${formatExtended(x.code)} (${x.phaseName} phase)` : 'no extend code';
  if (res.kind === 'postReboot') return { phase: 'commit', detail: `SetupHost reported the result after a restart (post-reboot event); ${ext}`, at: res.line };
  if (run.postReboot) {
    return run.postReboot.flag
      ? { phase: 'commit', detail: `ImageExit PostReboot TRUE: after the first restart; ${ext}`, at: run.postReboot.line }
      : { phase: 'install', detail: `ImageExit PostReboot FALSE: before the first restart (${ext} not taken as a phase)`, at: run.postReboot.line };
  }
  if (run.rollback) return { phase: 'commit', detail: `setup rolled back to the old Windows, which happens after a restart; ${ext}`, at: run.rollback.line };
  if (x && x.phase >= 2 && x.phase <= 5) return { phase: 'commit', detail: `${ext}: after the first restart`, at: run.extended?.line ?? res.line };
  if (x && x.phase === 1) return { phase: 'install', detail: `${ext}: before the first restart`, at: run.extended?.line ?? res.line };
  return { phase: 'install', detail: `setup ran in the old Windows (no restart logged); ${ext}`, at: res.line };
}
