// ETL files in the analysis: which paths are ETL files, grouped by folder (the rotated
// WindowsUpdate.*.etl of one folder form one decoded text), and one group decoded into an
// Analyzer as a single WindowsUpdate.log, keeping the ETW level of each line.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { decodeEtlText, etlLevel, fileNotes, isEtlName, type EtlFileReport, type EtlSource } from '../etl';
import type { FileInfo, Level } from '../model/types';
import type { Analyzer } from './analyzer';
import { feedFile } from './fileFeed';
import { groupBy } from './finish/refs';

const MAX_FILES = 2000;
const MAX_DEPTH = 8;

/** The .etl files among the given paths (folders walked, names sorted). Rejects for a missing path. */
export async function collectEtlFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    entries.sort((x, y) => x.name.localeCompare(y.name));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(full, depth + 1);
      else if (e.isFile() && isEtlName(e.name) && out.length < MAX_FILES) out.push(full);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = await fsp.stat(p);
    } catch {
      throw new Error(`cannot read ${p}: no such file or folder`);
    }
    if (st.isDirectory()) await walk(p, 0);
    else if (st.isFile()) out.push(p);
    else throw new Error(`cannot read ${p}: not a regular file`);
  }
  return out;
}

/** Groups ETL paths by folder, keeping the order of first appearance. */
export function groupByFolder<T>(items: readonly T[], folderOf: (x: T) => string): T[][] {
  return [...groupBy(items, folderOf).values()];
}

/** The name an ETL group has in the analysis (and the report): the file, or the folder's pattern. */
export function etlGroupName(paths: readonly string[], sep = path.sep): string {
  if (paths.length === 1) return `${paths[0]} (decoded)`;
  const dir = paths[0].slice(0, paths[0].lastIndexOf(sep) + 1);
  return `${dir}*.etl (${paths.length} files, decoded)`;
}

const SEVERITY: Record<Level, number> = { fatal: 4, error: 3, warning: 2, info: 1, verbose: 0, perf: 0, unknown: 0 };

/** The level of a decoded line: its ETW level when that says more than the text. */
export function mergeLevel(fromText: Level | undefined, fromEtl: Level | undefined): Level | undefined {
  return fromEtl && SEVERITY[fromEtl] > SEVERITY[fromText ?? 'info'] ? fromEtl : fromText;
}

/**
 * Decodes one group of ETL files into `a` as file `idx`: the decoded text goes through the same
 * reader as a WindowsUpdate.log; a line's ETW level is kept when it says more than the text.
 */
export async function feedEtlGroup(a: Analyzer, idx: number, sources: readonly EtlSource[], signal?: AbortSignal): Promise<{ info: FileInfo; reports: EtlFileReport[] }> {
  const levels = new Map<number, Level>();
  const feed = feedFile(a, idx, 'WindowsUpdate.log', (line, current) => {
    const l = levels.get(line);
    if (l === undefined) return current;
    levels.delete(line);
    return mergeLevel(current, l);
  });
  let lineNo = 0;
  let chunk: string[] = [];
  const flush = (): void => {
    if (chunk.length) feed.pushText(chunk.join(''));
    chunk = [];
  };
  const r = await decodeEtlText(sources, { utc: false, signal, drain: async () => flush() }, (line, level) => {
    const l = etlLevel(level);
    if (l) levels.set(lineNo, l);
    lineNo++;
    chunk.push(`${line}\n`);
  });
  flush();
  const info = feed.end();
  info.etl = { files: r.files.map((f) => f.name), events: r.events, notes: r.files.flatMap((f) => fileNotes(f).map((n) => `${f.name}: ${n}`)) };
  if (!r.events) {
    // Nothing decodable: the file is explained (WPP, corrupt, not an ETL), not analysed.
    info.format = 'etl';
    info.unreadable = 'etl';
  }
  return { info, reports: r.files };
}
