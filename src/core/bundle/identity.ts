// What each log says about its machine (OS build, servicing stack, WU client, OEM and model,
// computer name) and the time span it covers, gathered while the records stream past: literal
// gates first, a regex only on the few lines that carry such a fact, and the search stops once
// a file has told each fact (or after its first records).
import type { LogRecord } from '../model/types';
import type { MachineFact } from './types';

/** Records of a file looked at for machine facts (they are stated near the start of a session). */
const LOOK_RECORDS = 50_000;

interface Rule {
  kind: MachineFact['kind'];
  gate: string;
  re: RegExp;
  /** Decode `%20`-style escapes (values taken from URLs). */
  url?: boolean;
}

const RULES: Rule[] = [
  { kind: 'osBuild', gate: 'OSVersion=', re: /OSVersion=(\d{1,2}\.\d{1,2}\.\d{3,5}(?:\.\d{1,6})?)/ },
  { kind: 'osBuild', gate: 'OS Version', re: /OS Version ?= ?(\d{1,2}\.\d{1,2}\.\d{3,5}(?:\.\d{1,6})?)/ },
  { kind: 'osBuild', gate: 'OS version', re: /OS version:? (\d{1,2}\.\d{1,2}\.\d{3,5}(?:\.\d{1,6})?)/ },
  { kind: 'servicingStack', gate: 'Servicing Stack v', re: /Loaded Servicing Stack v(\d{1,2}\.\d{1,2}\.\d{3,5}\.\d{1,6})/ },
  { kind: 'wuClient', gate: 'client version', re: /client version (\d{1,4}\.\d{1,4}\.\d{1,5}\.\d{1,6})/i },
  { kind: 'oem', gate: 'OEMName_Uncleaned=', re: /OEMName_Uncleaned=([^&\s]{1,80})/, url: true },
  { kind: 'model', gate: 'OEMModel=', re: /OEMModel=([^&\s]{1,80})/, url: true },
  { kind: 'computerName', gate: 'omputerName', re: /ComputerName\s*[=:]\s*([A-Za-z0-9][A-Za-z0-9._-]{0,62})\b/ },
];

const KINDS = new Set(RULES.map((r) => r.kind)).size;

export interface FileIdentity {
  facts: MachineFact[];
  firstTime?: number;
  lastTime?: number;
  firstTimeText?: string;
  lastTimeText?: string;
}

/** Per file: machine facts and the first and last timestamps. */
export class IdentityTracker {
  private readonly seen = new Set<MachineFact['kind']>();
  private records = 0;
  readonly id: FileIdentity = { facts: [] };

  constructor(private readonly file: number) {}

  push(rec: LogRecord): void {
    const t = rec.time;
    if (t !== undefined && Number.isFinite(t)) {
      const id = this.id;
      if (id.firstTime === undefined || t < id.firstTime) {
        id.firstTime = t;
        id.firstTimeText = rec.timeText?.slice(0, 40);
      }
      if (id.lastTime === undefined || t > id.lastTime) {
        id.lastTime = t;
        id.lastTimeText = rec.timeText?.slice(0, 40);
      }
    }
    if (this.records++ >= LOOK_RECORDS || this.seen.size === KINDS) return;
    const msg = rec.message.length > 4096 ? rec.message.slice(0, 4096) : rec.message;
    for (const r of RULES) {
      if (this.seen.has(r.kind) || msg.indexOf(r.gate) < 0) continue;
      const m = r.re.exec(msg);
      if (!m) continue;
      this.seen.add(r.kind);
      this.id.facts.push({ kind: r.kind, value: clean(r.url ? urlDecode(m[1]) : m[1]), at: { file: this.file, line: rec.line } });
    }
  }
}

function urlDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 80);
}
