// One chain per failed update across the logs of a bundle: WindowsUpdate.log (call, update ID,
// KB) → ReportingEvents.log (the same update's events) → CBS.log (the session of its package or
// KB) → DISM/SFC (store state); or a repair that used Windows Update as its source (DISM → CBS →
// the WU download it asked for). Each link says what matched, how sure it is, and both lines.
import type { LineRef } from '../types';

export type ChainStepKind = 'wu' | 'reporting' | 'cbs' | 'dism' | 'store';

export interface ChainStep {
  kind: ChainStepKind;
  /** The line that states this step (outcome, session error, DISM result, store summary). */
  at: LineRef;
  state: 'failed' | 'succeeded' | 'observed';
  code?: number;
  time?: number;
  /** The analysis' failure this step is, when it is one. */
  failureKey?: string;
  /** Session id, DISM command, store verdict ... (log text: escape when rendering). */
  label?: string;
  /** Client of the call or session (`UpdateOrchestrator`, `WindowsUpdateAgent`, `DISM Package Manager Provider`). */
  client?: string;
  /** Operation or phase of a failure (`install`, `download` ...). */
  operation?: string;
  /** Store state: corruption found, repaired (SFC/DISM summaries). */
  corrupt?: boolean;
  repaired?: boolean;
  text?: string;
}

/** What tied two steps together. */
export type LinkMatch = 'updateId' | 'kb' | 'package' | 'sessionId' | 'time' | 'code' | 'client' | 'repairSource';

export interface ChainLink {
  /** Indices into `steps`. */
  from: number;
  to: number;
  matchedBy: LinkMatch[];
  confidence: 'high' | 'medium' | 'low';
  /** The evidence on each side (the lines that carry the matching KB, id, session or time). */
  fromLine: LineRef;
  fromText?: string;
  toLine: LineRef;
  toText?: string;
  /** Time between the two sides (ms), when both have one. */
  deltaMs?: number;
}

export interface UpdateChain {
  key: string;
  /** `update`: one update across the logs; `repairSource`: a repair whose source was Windows Update. */
  kind: 'update' | 'repairSource';
  kb?: string;
  updateId?: string;
  title?: string;
  steps: ChainStep[];
  links: ChainLink[];
  /** Keys of the analysis' failures the chain covers. */
  failures: string[];
  /** Some failure of the chain was not followed by a success. */
  stillFailing: boolean;
}
