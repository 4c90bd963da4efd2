// The merged timeline of a bundle: content provider, commands, and hovers on its lines.
import * as vscode from 'vscode';
import { CodeHoverProvider } from '../hover/codeHoverProvider';
import type { ViewLineMaps } from '../viewDocuments/lineMaps';
import { registerTimelineCommands, TIMELINE_LANGUAGE } from './openTimelineCommand';
import { TimelineProvider } from './timelineProvider';

export { OPEN_TIMELINE_COMMAND } from './openTimelineCommand';

export function registerTimeline(maps: ViewLineMaps): vscode.Disposable {
  const provider = new TimelineProvider(maps);
  return vscode.Disposable.from(
    provider,
    registerTimelineCommands(provider),
    // The hover on error codes of the logs works on their lines in the timeline too.
    vscode.languages.registerHoverProvider({ language: TIMELINE_LANGUAGE }, new CodeHoverProvider()),
  );
}
