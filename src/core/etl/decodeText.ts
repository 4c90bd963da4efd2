// Decoding straight to text lines: what `wulog decode`, the summary and the editor share.
import type { Level } from '../model/types';
import { decodeEtl } from './merge';
import { EtlTextWriter, type EtlTextOptions } from './text';
import type { EtlFileReport, EtlSource } from './types';

/** The analysis level of an ETW level (1 critical, 2 error, 3 warning, 4 information, 5 verbose). */
export function etlLevel(level: number): Level | undefined {
  switch (level) {
    case 1: return 'fatal';
    case 2: return 'error';
    case 3: return 'warning';
    default: return undefined;
  }
}

export interface EtlTextResult {
  files: EtlFileReport[];
  /** Lines written (decoder notes included). */
  lines: number;
  /** Events written. */
  events: number;
}

/** Decodes the files (merged in time order) and hands each line of text, with its ETW level, to `onLine`. */
export async function decodeEtlText(
  sources: readonly EtlSource[],
  options: EtlTextOptions & { signal?: AbortSignal; drain?: () => Promise<void> },
  onLine: (line: string, level: number) => void,
): Promise<EtlTextResult> {
  const w = new EtlTextWriter(options, onLine);
  let events = 0;
  const files = await decodeEtl(sources, {
    signal: options.signal,
    drain: options.drain,
    onBegin: (f) => w.begin(f),
    onEvent: (e) => {
      events++;
      w.event(e);
    },
  });
  w.end(files);
  return { files, lines: w.lines, events };
}
