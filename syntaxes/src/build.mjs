// Writes syntaxes/*.tmLanguage.json from syntaxes/src/grammars.mjs.
// `--check`: write nothing, exit 1 if a committed grammar differs from what the source produces.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { grammars } from './grammars.mjs';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

/** The JSON text a grammar file must hold. */
export function render(grammar) {
  return JSON.stringify(grammar, null, 2) + '\n';
}

let stale = 0;
for (const [file, grammar] of Object.entries(grammars)) {
  const path = join(outDir, file);
  const text = render(grammar);
  if (check) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current !== text) {
      stale++;
      console.log(`stale: syntaxes/${file} (run: node syntaxes/src/build.mjs)`);
    }
  } else {
    writeFileSync(path, text);
    console.log(`wrote syntaxes/${file}`);
  }
}
process.exitCode = stale ? 1 : 0;
