// `wulog` command-line entry: dispatches to the sub-commands, each in its own file, loaded only
// when run. Started by launch.ts (bin/wulog.js), which runs `summarize` in a worker thread of this
// script with a small young generation (memory.ts).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { CommandJob } from './memory';

const runSummarize = async (argv: string[]): Promise<number> => (await import('./summarizeCommand')).runSummarize(argv);

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
      return (await import('./explainCommand')).runExplain(rest);
    case 'decode':
      return (await import('./decodeCommand')).runDecode(rest);
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

const job = isMainThread ? undefined : (workerData as CommandJob | undefined);
if (job?.wulogCommand === 'summarize') {
  runSummarize(job.argv).then(
    (code) => parentPort?.postMessage(code),
    (err: unknown) => {
      process.stderr.write(`wulog: ${err instanceof Error ? err.message : String(err)}\n`);
      parentPort?.postMessage(1);
    },
  );
} else if (isMainThread) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      process.stderr.write(`wulog: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
