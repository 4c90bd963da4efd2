// The text of merged timelines: the logs read, merged with the clock offset (detected, or the
// `wuLogLens.timeline.clockOffset` setting), a header, then one line per log line. Rebuilt when
// the setting changes; the line map leads every line back to its log.
import * as vscode from 'vscode';
import { Disposables } from '../common/disposables';
import { TIMELINE_SCHEME } from '../common/viewSchemes';
import { mergeTimeline, parseClockOffset, timelineLine, type Timeline } from '../core/navigate';
import { configuredLang } from '../settings/language';
import { affects, settings } from '../settings/settings';
import type { Translate } from '../settings/placeholders';
import { translatorFor } from '../settings/translate';
import { lineMap, type ViewLineMaps } from '../viewDocuments/lineMaps';
import { timelineHeader } from './timelineHeader';
import { collectInputs } from './timelineInputs';
import { timelineItems } from './timelineUris';

/** What a timeline document holds (for the command's result and tests). */
export interface TimelineSummary {
  sources: Array<{ name: string; tag: string; clock: string; uri: string }>;
  offset: Timeline['offset'];
  headerLines: number;
  lines: number;
}

export class TimelineProvider extends Disposables implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly summaries = new Map<string, TimelineSummary>();

  constructor(private readonly maps: ViewLineMaps) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(TIMELINE_SCHEME, this));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affects(e, 'timeline.clockOffset', 'language')) return;
      for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === TIMELINE_SCHEME) this.changed.fire(d.uri);
    }));
    this.register({ dispose: () => this.summaries.clear() });
  }

  summaryOf(uri: vscode.Uri): TimelineSummary | undefined {
    return this.summaries.get(uri.toString());
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const items = timelineItems(uri);
    const scope = items[0];
    const t = translatorFor(configuredLang(scope));
    try {
      return await this.build(uri, items, t, token);
    } catch (err) {
      // Bad input never throws out of the view: the document says what went wrong.
      console.error('WU Log Lens: merged timeline failed', err);
      const text = `# ${t('The merged timeline could not be made: {0}', err instanceof Error ? err.message : String(err))}`;
      this.maps.set(uri, text, lineMap([], [-1], [0]));
      return text;
    }
  }

  private async build(uri: vscode.Uri, items: vscode.Uri[], t: Translate, token: vscode.CancellationToken): Promise<string> {
    const scope = items[0];
    const { inputs, unreadable } = await collectInputs(items, token);
    const setting = parseClockOffset(settings.timelineClockOffset(scope));
    const offsetMs = typeof setting === 'number' ? setting : undefined;
    const tl = mergeTimeline(inputs, { offsetMs });
    const header = timelineHeader(tl, unreadable, t);
    if (setting === undefined) header.splice(header.length - 1, 0, `# ${t('The setting {0} is not an offset such as +8 or -5:30; it was ignored.', 'wuLogLens.timeline.clockOffset')}`);
    const source = new Array<number>(header.length).fill(-1);
    const line = new Array<number>(header.length).fill(0);
    const body: string[] = [];
    for (let k = 0; k < tl.length; k++) {
      body.push(timelineLine(tl, k));
      source.push(tl.src[k]);
      line.push(tl.line[k]);
    }
    const text = header.concat(body).join('\n');
    this.maps.set(uri, text, lineMap(inputs.map((i) => i.uri), source, line));
    this.summaries.set(uri.toString(), {
      sources: tl.sources.map((s, i) => ({ name: s.name, tag: s.tag, clock: s.clock, uri: inputs[i].uri.toString() })),
      offset: tl.offset,
      headerLines: header.length,
      lines: header.length + body.length,
    });
    return text;
  }
}
