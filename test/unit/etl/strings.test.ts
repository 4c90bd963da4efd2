// Every UI string of the ETL feature has an English and a Chinese entry (l10n bundles, package.nls).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../support';

const json = (rel: string): Record<string, string> => JSON.parse(readFileSync(path.join(PROJECT_ROOT, rel), 'utf8')) as Record<string, string>;

function keys(): string[] {
  const dir = path.join(PROJECT_ROOT, 'src/etlView');
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'"));
  }
  return [...out];
}

describe('ETL view strings', () => {
  const found = keys();
  it('finds the strings in the sources', () => assert.ok(found.length >= 8, `only ${found.length}`));
  for (const name of ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json']) {
    it(`has every string in ${name} with the same placeholders, Chinese in the zh-cn bundle`, () => {
      const b = json(name);
      assert.deepEqual(found.filter((k) => typeof b[k] !== 'string'), []);
      for (const k of found) {
        assert.equal((b[k].match(/\{\d+\}/g) ?? []).sort().join(), (k.match(/\{\d+\}/g) ?? []).sort().join(), k);
        if (name.includes('zh-cn')) assert.match(b[k], /[\u4e00-\u9fff]/, k);
      }
    });
  }
  it('has the manifest strings of the command and the custom editor in both languages', () => {
    for (const name of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const n = json(name);
      for (const k of ['command.openDecodedEtl', 'customEditor.etlDecoded']) assert.equal(typeof n[k], 'string', `${name}: ${k}`);
    }
  });
});
