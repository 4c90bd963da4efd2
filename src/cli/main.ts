// `wulog` command-line entry: dispatches to the sub-commands, each in its own file.
import { runSummarize } from './summarizeCommand';
import { runExplain } from './explainCommand';
import { runDecode } from './decodeCommand';

const USAGE = `Usage:
  wulog summarize <files, folders or bundles (.zip, .cab)...> [--json] [--lang en|zh-cn]
  wulog explain <code...> [--json] [--lang en|zh-cn]
  wulog decode <ETL files or folders...> [--utc] [--json]
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'summarize':
      return runSummarize(rest);
    case 'explain':
      return runExplain(rest);
    case 'decode':
      return runDecode(rest);
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(command ? `wulog: unknown command "${command}"\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`wulog: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
