// `wulog explain`: placeholder until the code tables land.
export async function runExplain(_args: string[]): Promise<number> {
  process.stderr.write('wulog explain: not implemented yet\n');
  return 1;
}
