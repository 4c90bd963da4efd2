// `wulog decode <ETL files or folders...> [--utc] [--json]`: prints the WindowsUpdate.log text
// of WindowsUpdate (or USO, WaaSMedic, SIH ...) ETL files, merged in time order, in the client's
// local time (or UTC); `--json`: one JSON object per event. Exit codes: 0 events decoded,
// 1 nothing decodable or unreadable input, 2 bad arguments.
import { decodeEtl, decodeEtlText, fileNotes, fileSource, formatInstant, type EtlSource } from '../core/etl';
import { collectEtlFiles } from '../core/analysis/etlFiles';
import { DECODE_USAGE, parseDecodeArgs } from './decodeArgs';

/** Buffered stdout with back-pressure. */
function writer(): { write: (s: string) => void; drain: () => Promise<void> } {
  let pending: string[] = [];
  let size = 0;
  const drain = async (): Promise<void> => {
    if (!size) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  };
  return { write: (s) => { pending.push(s); size += s.length; }, drain };
}

export async function runDecode(argv: string[]): Promise<number> {
  const parsed = parseDecodeArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(DECODE_USAGE);
      return 0;
    }
    process.stderr.write(`wulog decode: ${parsed.message}\n${DECODE_USAGE}`);
    return 2;
  }
  const { paths, utc, json } = parsed.args;
  let files: string[];
  try {
    files = await collectEtlFiles(paths);
  } catch (err) {
    process.stderr.write(`wulog decode: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  if (!files.length) {
    process.stderr.write('wulog decode: no .etl file found in the given folder(s)\n');
    return 1;
  }
  const sources: EtlSource[] = [];
  for (const f of files) {
    try {
      sources.push(await fileSource(f));
    } catch (err) {
      for (const s of sources) await s.close?.();
      process.stderr.write(`wulog decode: cannot read ${f}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
  const out = writer();
  let events = 0;
  let reports;
  if (json) {
    reports = await decodeEtl(sources, {
      drain: out.drain,
      onEvent: (e) => {
        events++;
        out.write(`${JSON.stringify({ time: `${formatInstant(e.time, 0).replace(/\//g, '-').replace(' ', 'T')}Z`, pid: e.pid, tid: e.tid, level: e.level, provider: e.provider, event: e.name, message: e.message, file: files[e.file] })}\n`);
      },
    });
  } else {
    const r = await decodeEtlText(sources, { utc, drain: out.drain }, (line) => out.write(`${line}\n`));
    reports = r.files;
    events = r.events;
  }
  await out.drain();
  for (const f of reports) {
    const notes = fileNotes(f);
    process.stderr.write(`wulog decode: ${f.name}: ${notes.join(' ')}\n`);
  }
  return events > 0 ? 0 : 1;
}
