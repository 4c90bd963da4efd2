// Every regular expression of src/core (regex literals and `new RegExp` of a literal, found with
// the TypeScript parser) and every pattern of the three TextMate grammars, checked with recheck
// (a ReDoS checker) for catastrophic backtracking. Exponential backtracking fails the test. A
// polynomial one is allowed only when it is listed below with why its input is bounded (the list
// is a ratchet: a new polynomial regex fails until it is made linear or justified here).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { checkSync } from 'recheck';
import { ROOT } from './helpers';

interface Pattern {
  where: string;
  source: string;
  flags: string;
}

/** Polynomial (not exponential) by recheck, and bounded by what they are run on. */
const BOUNDED_POLYNOMIAL: Record<string, string> = {
  '^(#{1,6})\\s+(.*?)\\s*#*\\s*$': 'mdParse: one line of our own rendered report',
  '^(\\s*)(?:([-*+])|(\\d{1,9})[.)])\\s+(.*)$': 'mdParse: one line of our own rendered report',
  '^\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$': 'mdParse: one line of our own rendered report (a table rule)',
  ' {2,}$': 'mdParse: one line of our own rendered report',
  '\\s+$': 'mdParse: one line of our own rendered report',
  '(?:error|hr|result)\\s*(?:=|:)?\\s*([89Cc][0-9A-Fa-f]{7})\\b': 'run on head(message): at most MAX_SCAN (2,000) characters',
  'Input parameters?:\\s*(.{0,400}?)\\s*- Dism\\w+Internal': 'DISM lines, message head; the lazy part is bounded to 400 characters',
  'store corrupt|CBS_E_STORE_CORRUPTION|corrupt\\w* (?:component )?store|not repairable': 'run on the cause line head (bounded)',
  ',?\\s*(?:CancelEvent|Progress|UserData):\\s*0x[0-9A-Fa-f]+': 'run on a DISM command line, itself cut to its head',
  '[\\s,]+$': 'run on a DISM command line, itself cut to its head',
  '^\\*\\s?(START|END)\\s?\\*\\s+(.*)$': 'run on head(message)',
  '^(?:\\*\\*|--|##)\\s*(START|END)\\s*(?:\\*\\*|--|##)\\s+(\\w+):\\s*(.*)$': 'run on head(message)',
  '(?:ClientId|CallerId)\\s*=\\s*([^,\\]()]*?)\\s*(?:,|\\]|\\(|\\s\\sId\\s=|$)': 'run on head(message)',
  'Caller=([^,]{1,80}),': 'bounded repetition (80)',
  'Completed (install|uninstall) of CBS update .*?hr=0x([0-9A-Fa-f]{1,8})': 'run on head(message)',
  '^\\s*\\*?\\s*Title = (.{1,300})$': 'run on head(message); bounded repetition (300)',
  '\\[gle=.*$': 'run on a cause line head (bounded)',
  '\\[(?:ml|l):[^\\]]{0,40}\\]': 'bounded repetition (40)',
  'Loaded state.{0,200}pt: \\w*Payload': 'run on head(message); bounded repetition (200)',
  '^([A-Za-z][\\w ]{0,30}?)[ \\t]*[:=][ \\t]*(\\S.*)$': 'run on one line of SetupDiag text (the CLI argument or a short field)',
  '^\\[[ \\t]*(.*?)[ \\t]*\\]$': 'run on a CLI argument or a short field',
  '^\\[\\s*([^\\]]*?)\\s*\\]$': 'run on a CLI argument (an error code as typed)',
  '^[A-Za-z][A-Za-z0-9_]*\\s*[=:]\\s*(.+)$': 'run on a CLI argument (an error code as typed)',
  '\\bExit code\\s*[=:]?\\s*(0x[0-9A-Fa-f]{1,8}|-?\\d{1,10})\\b': 'run on the message head of a DISM line',
  '(?:flags|mask|handle|handler|type|size|offset|address|attributes|version|props|&\\w+=|\\?\\w+=|\\d \\(|\\[\\d+ \\/)\\s*[=:]?\\s*$': 'run on at most LOOKBACK characters before a code (tokens/codes.ts)',
  '\\[([^\\]]*)\\]': 'run on the 4th field of a ReportingEvents line (a short event name); linear per match start',
};

function corePatterns(): { patterns: Pattern[]; dynamic: string[] } {
  const patterns: Pattern[] = [];
  const dynamic: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts')) scan(full);
    }
  };
  const scan = (file: string): void => {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const where = (n: ts.Node): string => `${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText();
        const end = text.lastIndexOf('/');
        patterns.push({ where: where(n), source: text.slice(1, end), flags: text.slice(end + 1) });
      } else if (ts.isNewExpression(n) && n.expression.getText() === 'RegExp' && n.arguments?.length) {
        const arg = n.arguments[0];
        if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) patterns.push({ where: where(n), source: arg.text, flags: '' });
        else dynamic.push(where(n));
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  };
  walk(path.join(ROOT, 'src', 'core'));
  return { patterns, dynamic };
}

/** Grammar patterns (Oniguruma); an atomic group `(?>X)` is checked as its JS equivalent `(?=(X))\N`. */
function grammarPatterns(): Pattern[] {
  const out: Pattern[] = [];
  for (const name of ['wulog', 'cbslog', 'wureport']) {
    const g: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', `${name}.tmLanguage.json`), 'utf8'));
    const visit = (o: unknown, at: string): void => {
      if (Array.isArray(o)) return o.forEach((x, i) => visit(x, `${at}[${i}]`));
      if (!o || typeof o !== 'object') return;
      for (const [k, v] of Object.entries(o)) {
        if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof v === 'string') out.push({ where: `${name}${at}.${k}`, source: v, flags: '' });
        else visit(v, `${at}.${k}`);
      }
    };
    visit(g, '');
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { languages: { id: string; firstLine?: string }[] } };
  for (const l of pkg.contributes.languages) if (l.firstLine) out.push({ where: `package.json firstLine ${l.id}`, source: l.firstLine, flags: '' });
  return out;
}

/** Oniguruma atomic groups as JS: `(?>X)` matches what `(?=(X))\k` matches, without backtracking into X. */
function toJs(source: string): string {
  let n = 0;
  let out = source;
  while (out.includes('(?>')) {
    const i = out.indexOf('(?>');
    let depth = 0;
    let j = i;
    for (; j < out.length; j++) {
      if (out[j] === '\\') { j++; continue; }
      if (out[j] === '(') depth++;
      else if (out[j] === ')' && --depth === 0) break;
    }
    const body = out.slice(i + 3, j);
    const before = (out.slice(0, i).match(/\((?!\?)/g) ?? []).length + n;
    n++;
    out = `${out.slice(0, i)}(?=(${body}))\\${before + 1}${out.slice(j + 1)}`;
  }
  return out;
}

describe('robustness: no regular expression backtracks catastrophically (recheck)', function () {
  this.timeout(240000);
  const { patterns: core, dynamic } = corePatterns();
  const grammar = grammarPatterns();

  it('finds the regular expressions', () => {
    assert.ok(core.length > 150, `${core.length} core patterns`);
    assert.ok(grammar.length > 60, `${grammar.length} grammar patterns`);
  });

  it('none is exponential; the polynomial ones are the listed bounded ones', () => {
    const verdicts = { safe: 0, polynomial: 0, unknown: 0 };
    const exponential: string[] = [];
    const unlisted: string[] = [];
    const unknown: Pattern[] = [];
    const seen = new Set<string>();
    for (const p of core.concat(grammar)) {
      const key = `${p.source}/${p.flags}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const source = toJs(p.source);
      assert.doesNotThrow(() => new RegExp(source, p.flags), `${p.where}: not a valid regular expression`);
      const r = checkSync(source, p.flags.replace(/[gy]/g, ''), { checker: 'automaton', timeout: 400 });
      if (r.status === 'safe') verdicts.safe++;
      else if (r.status === 'vulnerable' && r.complexity.type === 'exponential') exponential.push(`${p.where}: ${p.source}`);
      else if (r.status === 'vulnerable') {
        verdicts.polynomial++;
        if (!(p.source in BOUNDED_POLYNOMIAL)) unlisted.push(`${p.where}: ${p.source}`);
      } else {
        verdicts.unknown++;
        unknown.push(p);
      }
    }
    // What the automaton checker could not decide in time: the fuzz checker looks for an attack string.
    const stillUnknown: string[] = [];
    for (const p of unknown) {
      const r = checkSync(toJs(p.source), p.flags.replace(/[gy]/g, ''), { checker: 'fuzz', timeout: 1500 });
      if (r.status === 'vulnerable' && r.complexity.type === 'exponential') exponential.push(`${p.where}: ${p.source}`);
      else if (r.status === 'vulnerable' && !(p.source in BOUNDED_POLYNOMIAL)) unlisted.push(`${p.where}: ${p.source}`);
      else if (r.status !== 'safe' && r.status !== 'vulnerable') stillUnknown.push(p.where);
    }
    console.log(`      regex check: ${seen.size} distinct patterns (${core.length} in src/core, ${grammar.length} in the grammars and package.json; ${dynamic.length} built at run time from escaped literals), ${verdicts.safe} safe, ${verdicts.polynomial} polynomial (all bounded, listed), ${exponential.length} exponential, ${stillUnknown.length} undecided by recheck in time`);
    assert.deepEqual(exponential, [], 'exponential backtracking');
    assert.deepEqual(unlisted, [], 'polynomial backtracking on unbounded input: make it linear, or list why its input is bounded');
  });
});
