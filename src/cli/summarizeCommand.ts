// `wulog summarize <files, folders or bundles (.zip, .cab)...> [--json] [--lang en|zh-cn]`: analyses the logs and
// prints the Markdown report, or one JSON object. Exit codes: 0 analysed, 1 unreadable or
// missing input, 2 bad arguments.
import { analyzeFiles, InputError } from '../core/analysis/files';
import { renderMarkdown, toJsonReport } from '../core/report';
import { collectWhileReading } from './memory';
import { parseSummarizeArgs, SUMMARIZE_USAGE } from './summarizeArgs';
import { CLI_TEXTS } from './cliTexts';

export async function runSummarize(argv: string[]): Promise<number> {
  const parsed = parseSummarizeArgs(argv, process.env);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(SUMMARIZE_USAGE);
      return 0;
    }
    process.stderr.write(`wulog summarize: ${parsed.message}\n${SUMMARIZE_USAGE}`);
    return 2;
  }
  const { paths, json, lang } = parsed.args;
  const t = CLI_TEXTS[lang];
  let analysis;
  try {
    analysis = await analyzeFiles(paths, { onRead: collectWhileReading() });
  } catch (err) {
    const msg = err instanceof InputError ? err.message : t.cannotRead(err instanceof Error ? err.message : String(err));
    process.stderr.write(`wulog summarize: ${msg}\n`);
    return 1;
  }
  const bundle = analysis.bundle;
  for (const s of bundle?.sources ?? []) {
    if (s.problem) process.stderr.write(`wulog summarize: note: ${s.path}: ${s.problem.detail}\n`);
  }
  if (!analysis.files.length) {
    process.stderr.write(`wulog summarize: ${t.noLog}\n`);
    // A bundle without any log: the report still says what it held and why nothing was read.
    if (bundle?.skippedCount) await new Promise<void>((resolve) => process.stdout.write(`${json ? JSON.stringify(toJsonReport(analysis, lang), null, 2) : renderMarkdown(analysis, { lang })}\n`, () => resolve()));
    return 1;
  }
  // Files that could not be read as logs still get their explanation in the report; say so on stderr too.
  for (const f of analysis.files) {
    if (!f.unreadable) continue;
    process.stderr.write(`wulog summarize: ${t.notReadable(f.path, f.unreadable, f.unreadable === 'etl' || f.unreadable === 'undecoded')}\n`);
  }
  const text = json ? `${JSON.stringify(toJsonReport(analysis, lang), null, 2)}\n` : `${renderMarkdown(analysis, { lang })}\n`;
  await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
  return 0;
}
