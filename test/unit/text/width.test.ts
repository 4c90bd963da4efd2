import * as assert from 'node:assert/strict';
import { displayWidth, padToWidth, truncateToWidth } from '../../../src/core/text/width';
import { markdownTable } from '../../../src/core/report/table';
import { lineMessage, MESSAGE_MAX } from '../../../src/treeView/treeLabels';

describe('display width of CJK text', () => {
  it('counts hanzi, kana, Hangul and full-width punctuation as two columns', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('补丁（KB5034441）'), 4 + 2 + 9 + 2);
    assert.equal(displayWidth('更新プログラム'), 14);
    assert.equal(displayWidth('업데이트'), 8);
    assert.equal(displayWidth('e\u0301'), 1);
    assert.equal(displayWidth('\ufffd'), 1);
    assert.equal(padToWidth('组件', 6), '组件  ');
  });

  it('cuts by columns between whole characters, never inside a surrogate pair', () => {
    assert.equal(truncateToWidth('短', 10), '短');
    const long = '的累积更新'.repeat(40);
    const cut = truncateToWidth(long, 21);
    assert.ok(cut.endsWith('…'));
    assert.equal(displayWidth(cut), 21);
    assert.equal(truncateToWidth('𠀀'.repeat(20), 9), '𠀀𠀀𠀀𠀀…');
  });

  it('lines up a Markdown table in plain text, with Chinese cells', () => {
    const lines = markdownTable(['文件', '格式', '行数', '说明'], [['CBS.log', 'CBS.log', '10', ''], ['WindowsUpdate.log', 'WindowsUpdate.log（Windows 10/11）', '14184', '乱码已修复']], ['left', 'left', 'right', 'left']);
    const bars = lines.map((l) => [...l].reduce<number[]>((acc, ch, i, all) => (ch === '|' ? [...acc, displayWidth(all.slice(0, i).join(''))] : acc), []));
    // Every column separator but the last is at the same column on every line.
    for (const b of bars) assert.deepEqual(b.slice(0, 4), bars[0].slice(0, 4));
    assert.match(lines[1], /^\| -+ \| -+ \| -+: \| --- \|$/);
  });

  it('bounds tree labels of Chinese log lines by what they take on screen', () => {
    const label = lineMessage(`2025/01/05 15:53:44.7024315 6052  8284  Agent  Title = ${'安全智能更新'.repeat(40)}`);
    assert.ok(displayWidth(label) <= MESSAGE_MAX, String(displayWidth(label)));
    assert.ok(label.endsWith('…'));
  });
});
