// `wuLogLens.test.reportView`: what a report view's page shows, or a click in it, for the
// integration tests (hidden from the Command Palette). It goes through the page's DOM and
// script, so tests see and click what users see and click.
import * as vscode from 'vscode';
import type { ReportViews } from './reportViews';

export const REPORT_PROBE_COMMAND = 'wuLogLens.test.reportView';

export interface ProbeArgs {
  /** The view's key (SummaryResult.view); the current report when absent. */
  view?: string;
  /** `snapshot`, `click` (`index` of a reference link), `button` (`action`), `readClipboard`. */
  op: string;
  index?: number;
  action?: string;
}

export function registerReportProbe(views: ReportViews): vscode.Disposable {
  return vscode.commands.registerCommand(REPORT_PROBE_COMMAND, async (args: ProbeArgs) => {
    const view = args?.view ? views.get(args.view) : views.current();
    if (!view) return undefined;
    const { op, index, action } = args;
    return view.probe(op, { index, action });
  });
}
