import * as assert from 'node:assert/strict';
import type { LogFormat } from '../../../src/core/model/types';
import { OUR_LANGUAGES, SWITCHABLE_LANGUAGES, languageForFormat } from '../../../src/languageDetection/languages';

describe('languageForFormat', () => {
  const expected: Record<LogFormat, string | undefined> = {
    wu10: 'wulog',
    wu7: 'wulog',
    undecoded: 'wulog',
    cbs: 'cbslog',
    dism: 'cbslog',
    setup: 'cbslog',
    reporting: 'wureport',
    etl: undefined,
    unknown: undefined,
  };
  for (const [format, language] of Object.entries(expected) as Array<[LogFormat, string | undefined]>) {
    it(`${format} -> ${language ?? 'left alone'}`, () => {
      assert.equal(languageForFormat(format), language);
    });
  }

  it('only ever switches away from plaintext and log, never from our own languages', () => {
    for (const id of OUR_LANGUAGES) assert.equal(SWITCHABLE_LANGUAGES.has(id), false);
    assert.deepEqual([...SWITCHABLE_LANGUAGES].sort(), ['log', 'plaintext']);
  });
});
