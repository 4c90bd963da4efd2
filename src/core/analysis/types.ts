// The analysed model of one or more logs: calls, updates, CBS sessions and the
// failures that decided an outcome. Plain data; lines are 0-based.
import type { FileInfo, LogFormat } from '../model/types';
import type { ExtendedCode } from '../errors/types';
import type { FileIdentity } from '../bundle/identity';
import type { BundleInfo } from '../bundle/types';
import type { UpdateChain } from './finish/chainTypes';

// Defined with the error-code knowledge that decodes it (errors/extended.ts).
export type { ExtendedCode };

export type Phase = 'scan' | 'download' | 'install' | 'commit' | 'unknown';

export type CallKind = 'search' | 'download' | 'install' | 'uninstall' | 'agent' | 'other';

/** A place in a file. `file` is an index into `Analysis.files`. */
export interface LineRef {
  file: number;
  line: number;
}

export interface CallCounts {
  succeeded?: number;
  succeededWithErrors?: number;
  failed?: number;
  cancelled?: number;
  unaccounted?: number;
}

/** A bracketed operation: `* START * Install ClientId = ...` ... `* END * ...`, or the agent's own. */
export interface Call {
  /** Stable key inside one analysis (e.g. "0:1234" = file 0, start line 1234). */
  key: string;
  kind: CallKind;
  file: number;
  /** Client or caller id (`UpdateOrchestrator`, `Windows Defender`, `AutomaticUpdates`...). */
  client?: string;
  cv?: string;
  pid?: number;
  tid?: number;
  startLine: number;
  endLine?: number;
  startTime?: number;
  endTime?: number;
  counts?: CallCounts;
  /** `Exit code = 0x...` (unsigned 32-bit). */
  exitCode?: number;
  /** `Call error code = 0x...`. */
  callErrorCode?: number;
  /** Update ids (upper case, no braces) this call touched. */
  updateIds: string[];
  result: 'succeeded' | 'failed' | 'cancelled' | 'unknown';
  /** The bracket text after START (e.g. "Install", "Finding updates"), for display. */
  label?: string;
  /** Component that logged the START line (ComApi, Agent, DnldMgr ...). */
  component?: string;
  /** Line that stated the result (counts / call error / exit code), when logged. */
  resultLine?: number;
  /** The update service a search asked (`ServiceID = {...}`), upper case without braces, when logged. */
  serviceId?: string;
}

export type UpdateOutcome = 'failed' | 'succeeded' | 'unknown';

export interface UpdateResult {
  /** `download`, `install`, `uninstall` ... as written by LogHistory / the outcome line. */
  operation: string;
  phase: Phase;
  /** HRESULT (unsigned); 0 for success. */
  code: number;
  /** `resultUnMapped` when logged. */
  unmappedCode?: number;
  at: LineRef;
  callKey?: string;
}

export interface UpdateInfo {
  /** Upper-case GUID without braces. */
  updateId: string;
  revision?: number;
  kb?: string;
  /** The title, repaired when the log held it as mojibake (GBK- or Shift-JIS-read UTF-8). */
  title?: string;
  /** The title as the log wrote it, only when `title` is a repair of it. */
  titleOriginal?: string;
  outcome: UpdateOutcome;
  results: UpdateResult[];
  /** Every line that mentions the update (capped per update to keep memory bounded). */
  mentions: LineRef[];
  callKeys: string[];
  /** Total number of mentions (the `mentions` list is capped). */
  mentionCount?: number;
  /** The top-level update this one is bundled in (`Bundles N updates:`), upper case, no braces. */
  parentUpdateId?: string;
}

export interface CbsError {
  at: LineRef;
  code: number;
  name?: string;
  message: string;
}

/** A CBS/TrustedInstaller session (`Session: 30546173_... initialized by client WindowsUpdateAgent`). */
export interface CbsSession {
  key: string;
  file: number;
  id: string;
  client?: string;
  startLine: number;
  endLine?: number;
  startTime?: number;
  endTime?: number;
  packages: string[];
  kbs: string[];
  errors: CbsError[];
}

/** Why the phase was chosen: the evidence kind and where. */
export interface PhaseEvidence {
  /** `callKind`, `component`, `codeRange`, `operation`, `cbsSession`, `message`. */
  kind: string;
  /** English, for logs and tools; reports phrase the structured fields below instead. */
  detail: string;
  at?: LineRef;
  /** Which fact this is, for the report to phrase: `callStart` (the call the outcome belongs to),
   *  `resultLine` (the operation an update result line names), `postReboot` (a post-reboot handler code),
   *  `codeRange` (code range / root-cause component), `cbsReboot`, `cbsPayload`, `cbsSession`, `setupError`. */
  fact?: 'callStart' | 'resultLine' | 'postReboot' | 'codeRange' | 'cbsReboot' | 'cbsPayload' | 'cbsSession' | 'setupError'
    /** The handler reported CBS install progress (the payload was being installed: the download had finished). */
    | 'cbsProgress'
    /** The handler loaded a payload already on disk (`Loaded state ... pt: SelfContainedNoExpressPayload`). */
    | 'payloadLoaded'
    /** A DownloadManager / Delivery Optimization job of the update. */
    | 'downloadJob'
    /** The service or machine shut down during the call (`Sending shutdown notification to client`). */
    | 'shutdown'
    /** A DISM run (command and result). */
    | 'dismRun'
    /** An upgrade's extend code names the setup phase (SAFE_OS, FIRST_BOOT ... = after the first reboot). */
    | 'upgradePhase';
  /** Kind of result line (`logHistory`, `installComplete`, `installResult`, `returnCode`, `downloadResult`, `downloadError`, `reportEvent`). */
  lineKind?: string;
  /** Operation as logged (`install`, `download` ...). */
  operation?: string;
  callKind?: CallKind;
  /** Caller/client id (`UpdateOrchestrator`, `WindowsUpdateAgent` ...). */
  client?: string;
  /** Bracket label of the call (`Install`, `Finding updates`). */
  label?: string;
  /** Component of the root-cause line (or of the line itself). */
  component?: string;
  /** CBS session id. */
  sessionId?: string;
  /** `dism` or `setup` for setupError. */
  tool?: string;
}

/** A failure that decided an outcome. */
export interface Failure {
  /** Stable key (file:line of the deciding outcome line). */
  key: string;
  at: LineRef;
  time?: number;
  timeText?: string;
  phase: Phase;
  phaseEvidence: PhaseEvidence[];
  /** The deciding code (unsigned 32-bit). */
  code: number;
  /** Name the log printed next to the code, if any (tables fill the rest later). */
  loggedName?: string;
  /** What kind of outcome line decided it: `callResult`, `logHistory`, `installComplete`, `returnCode`, `exitCode`, `cbsFailure`, `reportingEvent`, `setupError`. */
  outcomeKind: string;
  updateId?: string;
  revision?: number;
  kb?: string;
  title?: string;
  /** The title as the log wrote it, only when `title` is a repair of it. */
  titleOriginal?: string;
  callKey?: string;
  /** Lines in order: call start, root-cause lines, the outcome line. */
  evidence: LineRef[];
  /** The earliest related `*FAILED*`/error line judged to be the root cause, when found. */
  rootCause?: LineRef;
  /** Matching CBS session(s) when a CBS.log was analysed with it. */
  cbsSessionKeys: string[];
  /** How many outcome chains with the same (update, phase, code) were merged into this one (1 when unique). */
  occurrences?: number;
  /** Deciding lines of the merged repeats (capped), oldest first; `at` is the latest. */
  repeats?: LineRef[];
  /** The call-level code (e.g. 0x80240022 WU_E_ALL_UPDATES_FAILED) when the deciding code is a per-update one. */
  callErrorCode?: number;
  /** Operation as logged (`install`, `download`, `search` ...). */
  operation?: string;
  /** Text of the evidence lines (message part, truncated), for reports. */
  snippets?: LineSnippet[];
  /** When the failed update is a bundled one: the top-level update it belongs to. */
  parentUpdateId?: string;
  /**
   * Where the same update or operation later succeeded (so the failure is history), or null when
   * it is still failing at the end of the logs. Set by the analysis for every failure.
   */
  recovered?: LineRef | null;
  /** `low`: an outcome that may not be a real failure (a user cancelling a repair): kept apart, not counted. */
  confidence?: 'high' | 'low';
  /** Upgrade (setup) failures: the extend code of `0xC1900101 - 0x30018` decoded. */
  extended?: ExtendedCode;
  /** DISM failures: the key of the run (`DismRun.key`) this failure is the result of. */
  dismRunKey?: string;
  /** What failed when no update did: `dism RestoreHealth`, `upgrade`, `sysprep` ... */
  subject?: string;
  /** The line inside the operation that explains the failure, with a stable kind the report turns into advice. */
  cause?: FailureCause;
}

/** Why an operation failed, as read from a line inside it (DISM run, CBS session, setup). */
export interface FailureCause {
  at: LineRef;
  /**
   * Stable id: `sourceMissing` (no repair source found), `sourceRejected` (a /Source was not usable),
   * `pendingReboot` (a reboot is pending and blocks the operation), `rpcFailure`, `accessDenied`,
   * `storeCorrupt`, `payloadMissing`, `shutdownInterrupted`, `diskSpace`, `driverFailure`, `other`.
   */
  kind: string;
  code?: number;
  /** Short text of the cause line (message head), for reports. */
  text?: string;
}

/** One DISM run: `Executing command line:` ... its result. */
export interface DismRun {
  key: string;
  file: number;
  startLine: number;
  endLine?: number;
  startTime?: number;
  endTime?: number;
  pid?: number;
  /** The arguments as logged (without the dism.exe path), e.g. `/Online /Cleanup-Image /RestoreHealth`. */
  command: string;
  /** The main verb: `RestoreHealth`, `ScanHealth`, `CheckHealth`, `StartComponentCleanup`, `Add-Package`, `Add-ProvisionedAppxPackage`, `Enable-Feature` ... */
  verb?: string;
  online?: boolean;
  /** `/Source:` values as logged. */
  sources?: string[];
  limitAccess?: boolean;
  result: 'succeeded' | 'failed' | 'cancelled' | 'unknown';
  /** Final HRESULT (unsigned); 0 on success. */
  code?: number;
  resultLine?: number;
  cause?: FailureCause;
}

/** Component-store / system-file health, as a DISM scan/repair or SFC stated it (an observation, not a failure). */
export interface StoreHealth {
  file: number;
  /** The summary line (or the last line of the check). */
  at: LineRef;
  tool: 'dism' | 'sfc' | 'cbs';
  /** `scan` (ScanHealth, sfc /verifyonly), `repair` (RestoreHealth, sfc /scannow), `check`. */
  operation: 'scan' | 'repair' | 'check';
  corruptionFound?: boolean;
  /** true: all repaired; false: some left unrepaired; undefined: not stated. */
  repaired?: boolean;
  detected?: number;
  repairedCount?: number;
  /** Components or files named as corrupt (capped). */
  items: string[];
  /** Lines that state corruption or repair, for evidence (capped). */
  lines: LineRef[];
  startTime?: number;
}

export interface LineSnippet {
  at: LineRef;
  text: string;
}

/** A `*FAILED*` or error line that did not decide an outcome, with why it is judged so. */
export interface NoiseLine {
  at: LineRef;
  code?: number;
  /** `evidence` (part of a failure's chain), `benign` (known harmless pattern), `transient` (later retried/succeeded), `other`. */
  kind: 'evidence' | 'benign' | 'transient' | 'other';
  /** English, for logs and tools; UIs translate `reasonKey` with `reasonArgs` instead. */
  reason: string;
  /** Stable id of the reason (always set by the analysis; optional for hand-made values). */
  reasonKey?: NoiseReasonKey;
  reasonArgs?: NoiseReasonArgs;
}

/**
 * `evidenceChain`: part of a failure's evidence chain. `inFailedCall`: logged inside a failed call
 * (callKind, callLine). `callSucceeded`: its call later succeeded (callKind, callLine). `lookup`: a
 * lookup of something absent. `callCancelled`: its call was cancelled by its client (client).
 * `cancelledCall`: the line states a call cancelled by its client (callKind, client). `untied`: not
 * tied to any failed outcome.
 */
export type NoiseReasonKey = 'evidenceChain' | 'inFailedCall' | 'callSucceeded' | 'lookup' | 'callCancelled' | 'cancelledCall' | 'untied';

export interface NoiseReasonArgs {
  callKind?: CallKind;
  /** 0-based start line of the call (in the noise line's file). */
  callLine?: number;
  /** Client id as logged; absent when the log did not name one. */
  client?: string;
}

export interface AnalysedFile extends FileInfo {
  path: string;
  format: LogFormat;
  /** What the log says about its machine, and the first and last timestamps. */
  identity?: FileIdentity;
}

export interface Analysis {
  files: AnalysedFile[];
  calls: Call[];
  updates: UpdateInfo[];
  cbsSessions: CbsSession[];
  failures: Failure[];
  /** Intermediate failure lines (for lower-severity diagnostics). Capped. */
  noise: NoiseLine[];
  /** Counts of classified intermediate lines by kind (not capped). */
  noiseCounts?: Record<NoiseLine['kind'], number>;
  /** Updates whose result says a reboot is still pending (not failures), e.g. resultMapped=80242014 in a call that succeeded. */
  pending?: PendingResult[];
  /** Every DISM run of the DISM logs, failed or not, in file order. */
  dismRuns?: DismRun[];
  /** Store-health observations (DISM ScanHealth/RestoreHealth summaries, SFC results). */
  storeHealth?: StoreHealth[];
  /** Outcomes judged unlikely to be real failures (a user cancelling a repair): shown apart, never as errors. */
  lowConfidence?: Failure[];
  /** One chain per failed update (or repair) across the logs: WindowsUpdate.log → ReportingEvents → CBS → DISM/SFC. */
  chains?: UpdateChain[];
  /** What a bundle (zip, folder, several files) held, and which log to ask for next. */
  bundle?: BundleInfo;
}

/** An update result that is not an error yet: the install waits for a reboot to finish. */
export interface PendingResult {
  at: LineRef;
  updateId?: string;
  kb?: string;
  code: number;
  callKey?: string;
}
