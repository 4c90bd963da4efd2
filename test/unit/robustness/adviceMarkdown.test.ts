// Explanation texts are rendered as Markdown (report, hover): a placeholder like `<media>` outside
// a code span is an HTML tag there and vanishes from the rendered text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, checkMarkdownSafe } from './helpers';

describe('robustness: explanation texts are safe Markdown', () => {
  it('no raw HTML tag or link outside code spans in any data string', () => {
    const dir = path.join(ROOT, 'src', 'core', 'errors', 'data');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.ok(files.length > 0, 'no data files found');
    let strings = 0;
    const walk = (v: unknown, where: string): void => {
      if (typeof v === 'string') {
        strings++;
        checkMarkdownSafe(v, where);
      } else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
      }
    };
    for (const f of files) walk(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), f);
    assert.ok(strings > 100, `only ${strings} strings checked`);
  });

  it('the check catches a placeholder outside a code span', () => {
    assert.throws(() => checkMarkdownSafe('with /Source:wim:<media>\\sources', 'sample'));
    assert.doesNotThrow(() => checkMarkdownSafe('with `/Source:wim:<media>\\sources`', 'sample'));
  });
});
