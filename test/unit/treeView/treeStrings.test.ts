// Every UI string the tree view localises has an English and a Chinese entry in the l10n bundles.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

function bundle(name: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(ROOT, 'l10n', name), 'utf8')) as Record<string, string>;
}

/** String literals passed as the first argument of `t(` or `l10n.t(` in the tree view's sources. */
function keys(): string[] {
  const dir = path.join(ROOT, 'src/treeView');
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'"));
  }
  return [...out];
}

describe('treeView strings', () => {
  const found = keys();

  it('finds the strings in the sources', () => {
    assert.ok(found.length > 40, `only ${found.length} strings found`);
    assert.ok(found.includes('Failures'));
  });

  for (const name of ['bundle.l10n.json', 'bundle.l10n.zh-cn.json']) {
    it(`has every string in ${name}, with the same placeholders`, () => {
      const b = bundle(name);
      const missing = found.filter((k) => typeof b[k] !== 'string');
      assert.deepEqual(missing, []);
      for (const k of found) {
        const want = (k.match(/\{\d+\}/g) ?? []).sort().join();
        assert.equal((b[k].match(/\{\d+\}/g) ?? []).sort().join(), want, `placeholders of "${k}"`);
      }
    });
  }
});
