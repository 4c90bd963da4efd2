// CBS sessions a failure belongs to: by the session id the handler logged for its update, or by
// KB and a time window (a WindowsUpdate.log and a CBS.log of one bundle).
import type { AnalysedFile, Failure } from '../types';
import type { State } from '../state';

const LINK_WINDOW_MS = 6 * 3600_000;

export function linkCbsSessions(failures: Failure[], st: State, files: AnalysedFile[]): void {
  const sessionsById = new Map<string, string[]>();
  for (const s of st.cbs) sessionsById.set(s.id, (sessionsById.get(s.id) ?? []).concat(s.key));
  for (const f of failures) {
    const links = new Set(f.cbsSessionKeys);
    if (f.updateId) {
      for (const h of st.handlerSessions) if (h.updateId === f.updateId) for (const k of sessionsById.get(h.sessionId) ?? []) links.add(k);
    }
    if (f.kb && files[f.at.file]?.format !== 'cbs') {
      for (const s of st.cbs) {
        if (!s.kbs.includes(f.kb)) continue;
        if (f.time === undefined || s.startTime === undefined) { links.add(s.key); continue; }
        const end = s.endTime ?? s.startTime;
        if (f.time >= s.startTime - LINK_WINDOW_MS && f.time <= end + LINK_WINDOW_MS) links.add(s.key);
      }
    }
    f.cbsSessionKeys = [...links].slice(0, 10);
  }
}

/** A bundled update has no title of its own: name it by the update it is bundled in. */
export function nameBundled(failures: Failure[], st: State): void {
  for (const f of failures) {
    const parentId = f.updateId ? st.updates.get(f.updateId)?.parentId : undefined;
    const parent = parentId ? st.updates.get(parentId) : undefined;
    if (!parent) continue;
    f.parentUpdateId = parent.updateId;
    if (!f.title) f.titleOriginal = parent.titleOriginal;
    f.title = f.title ?? parent.title;
    f.kb = f.kb ?? parent.kb;
  }
}
