// Lines built to make regexes backtrack: long runs of the characters our rules start or
// repeat on. Used by scripts/bench-grammar.mjs (timed) and scripts/grammar-test.mjs (a
// non-timed guard that each one tokenizes to the end).
export const SIZE = 100 * 1024;

function fill(unit, size) {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

const WU10 = '2022/09/26 15:55:37.5603397 4792  12396 Agent           ';
const CBS = '2016-09-28 04:30:30, Info                  CBS    ';

/** label -> line of about `SIZE` characters (or the given size) */
export function adversarialLines(SIZE_ = SIZE) {
  const SIZE = SIZE_;
  const base = {
    digits: fill('0123456789', SIZE),
    hex: fill('0123456789abcdefABCDEF', SIZE),
    spaces: fill(' ', SIZE),
    asterisks: fill('*', SIZE),
    brackets: fill('[', SIZE),
    'brackets-pairs': fill('[]', SIZE),
    braces: fill('{', SIZE),
    '0x': fill('0x', SIZE),
    'hex-8-runs': fill('800706BE', SIZE),
    'guid-like': fill('0000-', SIZE),
    'guid-chain': fill('{12345678-1234-1234-1234-123456789ABC}.', SIZE),
    backslashes: fill('C:\\', SIZE),
    colons: fill('a::', SIZE),
    quotes: fill('"', SIZE),
    'open-quote': '"' + fill('x', SIZE - 1),
    tabs: fill('\t 1', SIZE),
    'failed-markers': fill('*FAILED* [80070005] ', SIZE),
    'start-markers': fill('* START * ', SIZE),
    'cv-chain': 'cV = ' + fill('AbCdEfGhIjKlMnOp.1', SIZE),
    'equals-codes': fill('hr = resultMapped=0', SIZE),
    mixed: fill('{0x*[ 8007 \\C:\\ "a\' KB12345 ::1]} -- ** ## \t', SIZE),
  };
  const lines = { ...base };
  // The same runs after a real header, so they go through the message rules of a record.
  lines['wu10+hex'] = WU10 + base.hex;
  lines['wu10+mixed'] = WU10 + base.mixed;
  lines['cbs+spaces'] = CBS.slice(0, 25) + base.spaces;
  lines['cbs+brackets'] = CBS + base['brackets-pairs'];
  lines['wureport+tabs'] = '{12345678-1234-1234-1234-123456789ABC}\t2023-06-27 01:44:30:939+0300\t1\t' + base.tabs;
  return lines;
}
