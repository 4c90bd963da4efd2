// Loads grammars into vscode-textmate with the Oniguruma WASM engine VS Code uses.
// Shared by scripts/bench-grammar.mjs, scripts/grammar-test.mjs and ad-hoc inspection:
//   node syntaxes/src/tokenize.mjs wulog "2022/09/26 15:55:37.5603397 4792  12396 Agent  *FAILED* [800706BE]"
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

export const syntaxesDir = join(dirname(fileURLToPath(import.meta.url)), '..');

let onigReady;
function loadOnig() {
  if (!onigReady) {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    onigReady = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  }
  return onigReady;
}

/**
 * A registry that knows the given grammar files, keyed by scope name.
 * @param {Record<string, string>} files scopeName -> path of a .tmLanguage.json
 */
export async function createRegistry(files) {
  await loadOnig();
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const path = files[scopeName];
      if (!path) return null;
      return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
  });
}

export const ourGrammars = {
  'text.log.wulog': join(syntaxesDir, 'wulog.tmLanguage.json'),
  'text.log.cbslog': join(syntaxesDir, 'cbslog.tmLanguage.json'),
  'text.log.wureport': join(syntaxesDir, 'wureport.tmLanguage.json'),
  'text.log.wutimeline': join(syntaxesDir, 'wutimeline.tmLanguage.json'),
};

export const INITIAL = vsctm.INITIAL;

/** Tokenizes lines in order, carrying the rule stack, and returns [{text, scopes}] per line. */
export function tokenizeLines(grammar, lines) {
  let stack = vsctm.INITIAL;
  return lines.map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

// Ad-hoc: print the tokens of the given lines.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [lang, ...lines] = process.argv.slice(2);
  const registry = await createRegistry(ourGrammars);
  const grammar = await registry.loadGrammar(`text.log.${lang}`);
  for (const tokens of tokenizeLines(grammar, lines.map((l) => l.replace(/\\t/g, '\t')))) {
    for (const t of tokens) console.log(JSON.stringify(t.text).padEnd(40), t.scopes.slice(1).join(' '));
    console.log('');
  }
}
