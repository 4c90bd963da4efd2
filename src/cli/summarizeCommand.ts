// `wulog summarize <files or folders...> [--json] [--lang en|zh-cn]`: analyses the logs and
// prints the Markdown report, or one JSON object. Exit codes: 0 analysed, 1 unreadable or
// missing input, 2 bad arguments.
import { analyzeFiles, InputError } from '../core/analysis/files';
import { renderMarkdown, toJsonReport } from '../core/report';
import { collectWhileReading } from './memory';
import { parseSummarizeArgs, SUMMARIZE_USAGE } from './summarizeArgs';

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
  let analysis;
  try {
    analysis = await analyzeFiles(paths, { onRead: collectWhileReading() });
  } catch (err) {
    const msg = err instanceof InputError ? err.message : `cannot read the input: ${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`wulog summarize: ${msg}\n`);
    return 1;
  }
  if (!analysis.files.length) {
    process.stderr.write('wulog summarize: no servicing log found in the given folder(s)\n');
    return 1;
  }
  // Files that could not be read as logs still get their explanation in the report; say so on stderr too.
  for (const f of analysis.files) {
    if (!f.unreadable) continue;
    const how = f.unreadable === 'etl' || f.unreadable === 'undecoded' ? '; the report says how to get readable text' : '';
    process.stderr.write(`wulog summarize: note: ${f.path} is not readable as a log (${f.unreadable})${how}\n`);
  }
  const text = json ? `${JSON.stringify(toJsonReport(analysis, lang), null, 2)}\n` : `${renderMarkdown(analysis, { lang })}\n`;
  await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
  return 0;
}
