// What bin/wulog.js runs. `summarize` goes to a worker thread running the CLI bundle (with a small
// young generation: memory.ts), so this thread never loads that 2 MB bundle (8 MB less peak
// memory); the other commands, and summarize when no worker can start, run the bundle here.
import * as path from 'node:path';
import { runInWorker } from './memory';

const CLI = path.join(__dirname, 'cli.js');

async function launch(argv: string[]): Promise<void> {
  if (argv[0] === 'summarize') {
    const code = await runInWorker(CLI, 'summarize', argv.slice(1));
    if (code !== undefined) {
      process.exitCode = code;
      return;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(CLI);
}

launch(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`wulog: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
