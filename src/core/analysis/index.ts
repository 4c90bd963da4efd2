// Public API of the analysis (plain data, 0-based lines):
//   analyzeText(text, fileName)      editor path: one document → Analysis
//   analyzeFiles(paths, {signal, onFile})  files and folders (walked, sniffed), each streamed once;
//                                    abortable between chunks, progress per file
//   new Analyzer(); addFile(path, format) → index; push(index, record); finish(infos)
//                                    for callers that already run a LogStream themselves
// Analysis.failures are the outcomes that decided something (Problems panel: Error);
// Analysis.noise are the intermediate error lines with a kind and reason (lower severity);
// calls/updates/cbsSessions feed the tree view; src/core/report renders Markdown/JSON.
export { Analyzer } from './analyzer';
export { feedFile, headLooksLikeLog, skipFolder, walkDecision, type FileFeed } from './fileFeed';
export { analyzeText, analyzeFiles, InputError, AnalysisAbortedError, isAbortError } from './files';
export type { AnalyzeFilesOptions } from './files';
export { collectEtlFiles, etlGroupName, feedEtlGroup, groupByFolder, mergeLevel } from './etlFiles';
export { phaseOfCode, phaseOfComponent, phaseOfCallKind, phaseOfOperation } from './phase';
export type * from './types';
