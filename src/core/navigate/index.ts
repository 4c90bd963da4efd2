// Moving through a log: the plain data behind the outline, folding, next/previous failure,
// related ids, focus views and the merged timeline of a bundle (no `vscode` import).
//   indexRecords(text)                 compact record index (lines, thread, component, level, time)
//   logicalCalls(calls)                federated and agent halves of a call joined
//   buildOutline / foldingRegions      symbols and folds of one file of an analysis
//   failureLines / moveToFailure       the lines next/previous failure visits
//   idAt / mentionPattern / definitionLine   related ids
//   focusLines(source, selector)       the lines of one update, call, thread, component, session
//   mergeTimeline(inputs)              several logs in time order, with the clock offset
//   compactTimeline(analysis)          calls and failures in time order, for a report
export * from './recordIndex';
export * from './setupMarks';
export * from './logicalCalls';
export * from './outline';
export * from './folding';
export * from './failureLines';
export * from './relatedIds';
export * from './focus';
export * from './clockOffset';
export * from './timeline';
export * from './compactTimeline';
export * from './textOfBytes';
export * from './subsets';
