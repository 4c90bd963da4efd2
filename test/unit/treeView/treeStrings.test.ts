// Every UI string of the features that move through a log (tree view, outline, next/previous
// failure, related ids, focus views, merged timeline, the view documents) has an English and a
// Chinese entry in the l10n bundles, with the same placeholders.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
/** Strings whose Chinese text has no Chinese word in it (numbers and punctuation only). */
const NO_WORDS = new Set(['{0} of {1}', '{0} ({1})']);
const FOLDERS = ['treeView', 'common', 'outline', 'failureNavigation', 'relatedIds', 'focusView', 'timeline', 'viewDocuments', 'api'];

function bundle(name: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(ROOT, 'l10n', name), 'utf8')) as Record<string, string>;
}

/** String literals passed as the first argument of `t(` or `l10n.t(` in those folders. */
function keys(): Map<string, string> {
  const out = new Map<string, string>();
  for (const folder of FOLDERS) {
    const dir = path.join(ROOT, 'src', folder);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) out.set(m[1].replace(/\\'/g, "'"), `${folder}/${f}`);
    }
  }
  return out;
}

describe('strings of the tree view and the navigation features', () => {
  const found = keys();

  it('finds the strings in the sources', () => {
    assert.ok(found.size > 100, `only ${found.size} strings found`);
    assert.ok(found.has('Still failing'));
    assert.ok(found.has('No failure decided an outcome in this log.'));
  });

  for (const name of ['bundle.l10n.json', 'bundle.l10n.zh-cn.json']) {
    it(`has every string in ${name}, with the same placeholders${name.includes('zh') ? ', in Chinese' : ''}`, () => {
      const b = bundle(name);
      const missing = [...found.keys()].filter((k) => typeof b[k] !== 'string').map((k) => `${k}  (${found.get(k)})`);
      assert.deepEqual(missing, []);
      for (const k of found.keys()) {
        const want = (k.match(/\{\d+\}/g) ?? []).sort().join();
        assert.equal((b[k].match(/\{\d+\}/g) ?? []).sort().join(), want, `placeholders of "${k}"`);
        if (name.includes('zh') && !NO_WORDS.has(k)) assert.match(b[k], /[\u4e00-\u9fff]/, `not Chinese: "${k}"`);
      }
    });
  }
});
