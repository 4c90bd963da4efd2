// Shared by the ETL tests: decode bytes written by EtlWriter to text lines.
import { decodeEtlText, memorySource, type EtlFileReport } from '../../../src/core/etl';

export interface Decoded {
  lines: string[];
  levels: number[];
  files: EtlFileReport[];
  events: number;
}

export async function decodeBytes(files: Uint8Array[] | Uint8Array, utc = true, names?: string[]): Promise<Decoded> {
  const list = Array.isArray(files) ? files : [files];
  const lines: string[] = [];
  const levels: number[] = [];
  const r = await decodeEtlText(list.map((b, i) => memorySource(names?.[i] ?? `test${i}.etl`, b)), { utc }, (l, lv) => {
    lines.push(l);
    levels.push(lv);
  });
  return { lines, levels, files: r.files, events: r.events };
}

/** Lines of events only (without the decoder's own first line and closing account). */
export const eventLines = (d: Decoded): string[] => d.lines.filter((l) => !/^\S+ \S+ 0 {5}0 {5}WULogLens /.test(l));
export const noteLines = (d: Decoded): string[] => d.lines.filter((l) => /^\S+ \S+ 0 {5}0 {5}WULogLens /.test(l));
