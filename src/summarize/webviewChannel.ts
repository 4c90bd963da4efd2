// Messages between a report or explanation webview and the extension: waits until the page of
// the current content has loaded, sends requests that the page answers (rich copy, test probes)
// and hands the page's own messages (a click on a reference, a toolbar button) to a handler.
import * as vscode from 'vscode';

/** Messages the page sends (media/reportView.js). */
export type PageMessage =
  | { type: 'ready'; gen: number }
  | { type: 'open'; file: number; line: number }
  | { type: 'action'; action: string }
  | { type: 'copied'; id: number; ok: boolean; how?: string; error?: string }
  | { type: 'probeResult'; id: number; data: unknown };

/** How long to wait for the page to load, and for an answer from a page that looked loaded. */
const LOAD_TIMEOUT_MS = 10_000;
const ANSWER_TIMEOUT_MS = 3_000;

export class WebviewChannel implements vscode.Disposable {
  private generation = 0;
  private loaded = -1;
  private readonly waiting: Array<{ gen: number; resolve: () => void }> = [];
  private readonly answers = new Map<number, (m: PageMessage) => void>();
  private nextId = 1;
  private readonly subs: vscode.Disposable[];

  constructor(private readonly panel: vscode.WebviewPanel, onMessage: (m: PageMessage) => void) {
    const message = panel.webview.onDidReceiveMessage((raw: unknown) => {
      const m = raw as PageMessage;
      if (!m || typeof m !== 'object') return;
      if (m.type === 'ready') {
        this.loaded = Math.max(this.loaded, Number(m.gen));
        for (const w of this.waiting.splice(0)) {
          if (w.gen <= this.loaded) w.resolve();
          else this.waiting.push(w);
        }
      } else if ((m.type === 'copied' || m.type === 'probeResult') && this.answers.has(m.id)) {
        this.answers.get(m.id)?.(m);
        this.answers.delete(m.id);
      } else {
        onMessage(m);
      }
    });
    // A hidden page is unloaded (its context is not retained): it loads again when shown.
    const state = panel.onDidChangeViewState((e) => {
      if (!e.webviewPanel.visible) this.loaded = -1;
    });
    this.subs = [message, state];
  }

  /** The generation the next page carries (set `webview.html` with it). */
  nextGeneration(): number {
    return ++this.generation;
  }

  /** Resolves once the page of the current generation has loaded (the panel is revealed if needed). */
  async whenReady(): Promise<void> {
    if (this.loaded >= this.generation && this.panel.visible) return;
    const gen = this.generation;
    const ready = new Promise<void>((resolve) => this.waiting.push({ gen, resolve }));
    this.panel.reveal(undefined, true);
    await withTimeout(ready, 'the report view to load', LOAD_TIMEOUT_MS);
  }

  /**
   * Sends a request the page answers (`copyRich`, `probe`). The panel's visibility reaches the
   * extension late: a request that finds the page gone is sent again once the page has loaded.
   */
  async request<T extends PageMessage>(message: Record<string, unknown>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.whenReady();
      const id = this.nextId++;
      const answer = new Promise<PageMessage>((resolve) => this.answers.set(id, resolve));
      await this.panel.webview.postMessage({ ...message, id });
      try {
        return await withTimeout(answer, `the report view to answer ${String(message.type)}`, attempt ? LOAD_TIMEOUT_MS : ANSWER_TIMEOUT_MS) as T;
      } catch (err) {
        this.answers.delete(id);
        if (attempt) throw err;
        this.loaded = -1;
      }
    }
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.answers.clear();
    this.waiting.length = 0;
  }
}

function withTimeout<T>(p: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
