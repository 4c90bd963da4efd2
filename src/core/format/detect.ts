// Decides a log's format from the first lines of its decoded text. Content decides; the file
// name only breaks ties inside the CBS family (cbs / dism / setup share one line shape).
import type { LogFormat } from '../model/types';
import { sniffBytes } from '../text/encoding';
import { decodeHead } from '../text/decode';

/** How much of a file detection looks at. */
export const DETECT_SAMPLE_BYTES = 64 * 1024;
const MAX_LINES = 400;
/** Share of non-blank sample lines a format's line shape must cover to be claimed. */
const MIN_SHARE = 0.3;

const WU10 = /^\d{4}([/-])\d{2}\1\d{2} \d{2}:\d{2}:\d{2}\.\d{7} +\d+ +\d+ /;
const WU7 = /^\d{4}-\d{2}-\d{2}\t\d{2}:\d{2}:\d{2}:\d{3}\t *\d+\t *[0-9A-Fa-f]+\t/;
const CBS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}, (?:Info|Warning|Error|Perf|Fatal|Verbose|Trace|Debug) +/;
const REPORTING = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}\t\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}:\d{3}/;
/** Get-WindowsUpdateLog without symbols: the FILETIME-zero date, or the decoder's own complaint. */
const UNDECODED_DATE = /^(?:1600\/12\/3[01]|1601\/01\/01|1600-12-3[01]|1601-01-01) \d{2}:\d{2}:\d{2}/;
const UNDECODED_TEXT = /No Format Information found|^.{0,60}Unknown\( *\d+\): *GUID=/;

/** Components only Panther/setup programs write (upgrade, setup, sysprep, migration). */
const SETUP_COMPONENTS = new Set(['MOUPG', 'SP', 'PANTHR', 'IBS', 'IBSLIB', 'SYSPRP', 'CONX', 'MIG', 'DIAGER', 'DIAG', 'TOOL', 'DU', 'SETUPUGC', 'UNATTEND', 'BLOCK', 'PnPIBS:']);
const CBS_COMPONENTS = new Set(['CBS', 'CSI', 'SXS', 'DEPLOY', 'DPX', 'TI', 'WER']);

/** Column where the component field starts, counted from the level's first character. */
export const CBS_LEVEL_FIELD_WIDTH = 22;
export const CBS_COMPONENT_FIELD_WIDTH = 7;

export function detectFormat(sample: string, fileName?: string): LogFormat {
  let text = sample.length > DETECT_SAMPLE_BYTES ? sample.slice(0, DETECT_SAMPLE_BYTES) : sample;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let nonBlank = 0;
  let wu10 = 0;
  let wu7 = 0;
  let cbs = 0;
  let reporting = 0;
  let undecoded = 0;
  let setupVotes = 0;
  let dismVotes = 0;
  let cbsVotes = 0;
  let emptyComponent = 0;
  /** Non-blank line index of the first CBS-family line. */
  let firstCbs = -1;
  let pos = 0;
  for (let n = 0; n < MAX_LINES && pos < text.length; n++) {
    let end = pos;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const line = text.slice(pos, Math.min(end, pos + 300));
    pos = end + 1;
    if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10) pos++;
    if (line.trim() === '') continue;
    nonBlank++;
    if (UNDECODED_DATE.test(line) || UNDECODED_TEXT.test(line)) {
      undecoded++;
    } else if (WU10.test(line)) {
      wu10++;
    } else if (WU7.test(line)) {
      wu7++;
    } else if (REPORTING.test(line)) {
      reporting++;
    } else {
      const m = CBS.exec(line);
      if (m) {
        if (cbs === 0) firstCbs = nonBlank - 1;
        cbs++;
        const vote = classifyCbsFamilyLine(line, m[0].length);
        if (vote === 'setup') setupVotes++;
        else if (vote === 'dism') dismVotes++;
        else if (vote === 'cbs') cbsVotes++;
        else emptyComponent++;
      }
    }
  }
  if (nonBlank === 0) return 'unknown';
  const need = Math.max(1, nonBlank * MIN_SHARE);
  const best = Math.max(wu10, wu7, cbs, reporting, undecoded);
  // CBS records can carry thousands of untimestamped continuation lines: a file that opens
  // with CBS-family records and has no other log shape is claimed even below the share.
  const cbsOpens = cbs === best && firstCbs >= 0 && (firstCbs === 0 || (cbs >= 2 && firstCbs < 5)) && wu10 + wu7 + reporting + undecoded === 0;
  if (best < need && !cbsOpens) return 'unknown';
  if (undecoded === best) return 'undecoded';
  if (wu10 === best) return 'wu10';
  if (wu7 === best) return 'wu7';
  if (reporting === best) return 'reporting';
  return pickCbsFamily(setupVotes, dismVotes, cbsVotes, emptyComponent, fileName);
}

type FamilyVote = 'setup' | 'dism' | 'cbs' | 'empty' | 'other';

/** `headerEnd` is where the level's padding ended (component or message-id column starts). */
function classifyCbsFamilyLine(line: string, headerEnd: number): FamilyVote {
  const levelStart = line.indexOf(', ') + 2;
  if (line.startsWith('[0x', headerEnd)) return 'setup';
  const componentCol = levelStart + CBS_LEVEL_FIELD_WIDTH;
  if (headerEnd >= componentCol + CBS_COMPONENT_FIELD_WIDTH) {
    // Empty component: Panther programs put `[windeploy.exe]` in the message instead.
    return line.charCodeAt(headerEnd) === 0x5b /* [ */ ? 'setup' : 'empty';
  }
  let e = headerEnd;
  while (e < line.length && line.charCodeAt(e) !== 32) e++;
  const comp = line.slice(headerEnd, e);
  if (comp === 'DISM') return 'dism';
  if (SETUP_COMPONENTS.has(comp) || comp.startsWith('CSetup')) return 'setup';
  if (CBS_COMPONENTS.has(comp)) return 'cbs';
  return 'other';
}

function nameHint(fileName: string | undefined): 'setup' | 'dism' | 'cbs' | undefined {
  if (!fileName) return undefined;
  const base = fileName.replace(/^.*[\\/]/, '').toLowerCase();
  if (/setup(act|err)|panther/.test(base)) return 'setup';
  if (/dism/.test(base)) return 'dism';
  if (/cbs/.test(base)) return 'cbs';
  return undefined;
}

function pickCbsFamily(setup: number, dism: number, cbs: number, empty: number, fileName?: string): LogFormat {
  const hint = nameHint(fileName);
  const best = Math.max(setup, dism, cbs);
  if (best === 0) return hint ?? (empty > 0 ? 'setup' : 'cbs');
  // Ties go to the name hint, then to the more specific family.
  if (hint && (hint === 'setup' ? setup : hint === 'dism' ? dism : cbs) === best) return hint;
  if (setup === best) return 'setup';
  if (dism === best) return 'dism';
  return 'cbs';
}

/**
 * Detects the format from the first bytes of a file (BOM, UTF-16, binary ETL), decoding the
 * head as text first. Binary content that is not ETL is `unknown`.
 */
export function detectFormatFromBytes(head: Uint8Array, fileName?: string): LogFormat {
  const sniff = sniffBytes(head, fileName);
  if (sniff.etl) return 'etl';
  if (sniff.encoding === 'binary') return 'unknown';
  const sample = head.length > DETECT_SAMPLE_BYTES * 2 ? head.subarray(0, DETECT_SAMPLE_BYTES * 2) : head;
  return detectFormat(decodeHead(sample, sniff), fileName);
}
