// The one way a class of the VS Code layer owns what it creates: event subscriptions, emitters,
// providers, timers. `register` keeps it; `dispose` releases everything once, newest first, and
// never lets one failing disposable stop the others.
import type * as vscode from 'vscode';

export class Disposables implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  /** Keeps `d` until this object is disposed (disposes it at once when that already happened). */
  register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) safeDispose(d);
    else this.owned.push(d);
    return d;
  }

  /** A timer that is cleared on dispose. */
  timeout(fn: () => void, ms: number): vscode.Disposable {
    const handle = setTimeout(fn, ms);
    return this.register({ dispose: () => clearTimeout(handle) });
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.owned.length) safeDispose(this.owned.pop() as vscode.Disposable);
  }
}

function safeDispose(d: vscode.Disposable): void {
  try {
    d.dispose();
  } catch (err) {
    console.error('WU Log Lens: dispose failed', err);
  }
}
