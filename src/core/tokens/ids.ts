// Update ids (GUIDs with optional revision), KB numbers and correlation vectors in one line.
import type { CvRef, KbRef, UpdateIdRef } from '../model/types';

/** `{GUID}.rev`, `GUID.rev`, `{GUID}`, `GUID` (fixed-width parts: linear). */
const GUID = /(?<![0-9A-Za-z_-])(\{?)([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})(\}?)(?:\.(\d{1,9})(?![0-9A-Za-z_]))?(?![0-9A-Za-z_-])/g;
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** Every GUID in the line (update ids, service ids, event ids ...), upper case, with revision when written. The nil GUID is skipped. */
export function findUpdateIds(line: string, from = 0): UpdateIdRef[] {
  const out: UpdateIdRef[] = [];
  const p = line.indexOf('-', from);
  if (p < 0) return out;
  // The first dash of a GUID sits 8 characters after its start.
  GUID.lastIndex = Math.max(from, p - 9);
  let m: RegExpExecArray | null;
  while ((m = GUID.exec(line)) !== null) {
    const braced = m[1] === '{';
    if (braced !== (m[3] === '}')) {
      // `{GUID` without `}` or `GUID}` without `{`: keep the GUID itself, drop the stray brace.
      const start = m.index + m[1].length;
      const end = start + 36;
      const id = m[2].toUpperCase();
      if (id !== ZERO_GUID) out.push({ id, span: { start, end } });
      continue;
    }
    const id = m[2].toUpperCase();
    if (id === ZERO_GUID) continue;
    const ref: UpdateIdRef = { id, span: { start: m.index, end: m.index + m[0].length } };
    if (m[4] !== undefined) ref.revision = Number(m[4]);
    out.push(ref);
  }
  return out;
}

const KB = /(?<![A-Za-z0-9])[Kk][Bb](\d{6,8})(?!\d)/g;

/** `KB5016623`, `(KB5016623)`, `Package_for_KB5016623~`, `windows10.0-kb5016623-x64.msu`. */
export function findKbs(line: string, from = 0): KbRef[] {
  const out: KbRef[] = [];
  if (line.indexOf('KB', from) < 0 && line.indexOf('kb', from) < 0) return out;
  KB.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = KB.exec(line)) !== null) out.push({ kb: m[1], span: { start: m.index, end: m.index + m[0].length } });
  return out;
}

/** `cV = K5bdL23idEavHjyw.2.1`, `(cV: ...)`, `cV=...`: the span covers the vector only. */
const CV = /\bcV ?[=:] ?([A-Za-z0-9+/]{16,24}(?:\.\d+)*)/g;

export function findCvs(line: string, from = 0): CvRef[] {
  const out: CvRef[] = [];
  if (line.indexOf('cV', from) < 0) return out;
  CV.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = CV.exec(line)) !== null) {
    const start = m.index + m[0].length - m[1].length;
    out.push({ cv: m[1], span: { start, end: start + m[1].length } });
  }
  return out;
}
