// Every command contributed in package.json is registered by the extension, and every command
// the extension registers is contributed (the tree view's own generated commands aside).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

interface Manifest {
  contributes: { commands: Array<{ command: string }>; views: Record<string, Array<{ id: string }>>; menus: Record<string, Array<{ command: string }>> };
}

describe('commands', () => {
  before(async () => {
    await activateExtension();
  });

  it('are contributed and registered one for one', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    const views = Object.values(pkg.contributes.views).flat().map((v) => v.id);
    // Commands VS Code itself makes for a contributed view (`<view id>.focus`, ...).
    const generated = (id: string): boolean => views.some((v) => id.startsWith(`${v}.`));
    const registered = new Set((await vscode.commands.getCommands(true)).filter((c) => c.startsWith('wuLogLens.') && !generated(c)));
    assert.deepEqual([...contributed].filter((c) => !registered.has(c)).sort(), [], 'contributed but not registered');
    assert.deepEqual([...registered].filter((c) => !contributed.has(c)).sort(), [], 'registered but not contributed');
  });

  it('every command a menu or key names is contributed; view-only commands are hidden from the palette', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest & { contributes: { keybindings: Array<{ command: string }> } };
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    const named = Object.values(pkg.contributes.menus).flat().map((m) => m.command).concat(pkg.contributes.keybindings.map((k) => k.command));
    assert.deepEqual(named.filter((c) => !contributed.has(c)), []);
    const palette = new Map(pkg.contributes.menus.commandPalette.map((m) => [m.command, (m as { when?: string }).when]));
    for (const c of contributed) if (/^wuLogLens\.(tree[A-Z]|test\.)/.test(c)) assert.equal(palette.get(c), 'false', `${c} shows in the Command Palette`);
  });
});
