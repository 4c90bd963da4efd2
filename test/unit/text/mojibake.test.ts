import * as assert from 'node:assert/strict';
import { hasMojibake, repairMojibake } from '../../../src/core/text/mojibake';

/** Makes mojibake the way the broken tools do: UTF-8 bytes read as GBK. */
const garble = (s: string): string => new TextDecoder('gbk').decode(Buffer.from(s, 'utf8'));

describe('mojibake', () => {
  it('recognises the known example and repairs it', () => {
    const bad = '鐨勫畨鍏ㄦ櫤鑳芥洿鏂';
    assert.ok(hasMojibake(bad));
    const fixed = repairMojibake(bad);
    assert.ok(fixed?.startsWith('的安全智能更'), fixed);
  });

  it('round-trips text whose UTF-8 length is even', () => {
    const original = 'Title = 安装更新失败。请稍后重试 (KB5034441)';
    const bad = garble(original);
    assert.notEqual(bad, original);
    assert.equal(repairMojibake(bad), original);
  });

  it('marks a lost trailing byte with one U+FFFD, also when the writer put "?"', () => {
    const bad = garble('的安全智能更新 x');
    assert.equal(repairMojibake(bad), '的安全智能更\ufffd x');
    assert.equal(repairMojibake(bad.replace('\ufffd', '?')), '的安全智能更\ufffd x');
  });

  it('leaves genuine Chinese, Korean, accented and ASCII text alone', () => {
    for (const s of ['适用于 Windows 10 的累积更新', '安装失败', 'Windows용 업데이트(KB974405)', 'Café déjà ±5°', 'plain ascii?', '']) {
      assert.equal(hasMojibake(s), false, s);
      assert.equal(repairMojibake(s), undefined, s);
    }
  });
});
