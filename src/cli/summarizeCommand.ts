// `wulog summarize`: placeholder until the analysis lands.
export async function runSummarize(_args: string[]): Promise<number> {
  process.stderr.write('wulog summarize: not implemented yet\n');
  return 1;
}
