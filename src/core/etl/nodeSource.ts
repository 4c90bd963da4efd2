// ETL sources on the local disk (positional reads: the file is never loaded whole).
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { EtlSource } from './types';

/** Opens a local file as an ETL source (rejects when it cannot be opened). */
export async function fileSource(file: string): Promise<EtlSource> {
  const fh = await fsp.open(file, 'r');
  const st = await fh.stat();
  let closed = false;
  return {
    name: path.basename(file),
    size: st.size,
    async read(offset, length) {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, st.size - offset)));
      let got = 0;
      while (got < buf.length) {
        const { bytesRead } = await fh.read(buf, got, buf.length - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === buf.length ? buf : buf.subarray(0, got);
    },
    async close() {
      if (closed) return;
      closed = true;
      await fh.close();
    },
  };
}

export function isEtlName(name: string): boolean {
  return /\.etl$/i.test(name);
}

/** Whether bytes start like an ETL file (a WMI buffer header followed by a system trace header). */
export function looksLikeEtlHead(head: Uint8Array): boolean {
  if (head.length < 0x4c) return false;
  const size = head[0] | (head[1] << 8) | (head[2] << 16) | (head[3] << 24);
  return size >= 0x100 && size % 8 === 0 && head[0x4b] === 0xc0 && (head[0x4a] === 1 || head[0x4a] === 2);
}
