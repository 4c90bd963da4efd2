import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasMojibake, mojibakeRuns, repairField, repairMojibake } from '../../../src/core/text/mojibake';
import { garbleWhatwg, garbleWindows, type Codepage } from './garble';

// Our own titles, written the way Windows Update names updates on Chinese and Japanese Windows.
const ZH = [
  '2024-01 适用于 Windows 11 Version 23H2 的累积更新，适合基于 x64 的系统 (KB5034123)',
  'Microsoft Defender Antivirus 的安全智能更新 - KB2267602 (版本 1.403.3038.0)',
  'Windows 恶意软件删除工具 x64 - v5.120 (KB890830)',
  '2024-02 适用于 Windows 10 Version 22H2 的 .NET Framework 3.5 和 4.8.1 的累积更新预览 (KB5034685)',
  'Microsoft Defender Antivirus 反恶意软件平台更新 - KB4052623（版本 4.18.24010.12） - 当前频道（广泛）',
];
const JA = [
  '2024-01 x64 ベース システム用 Windows 11 Version 23H2 の累積更新プログラム (KB5034123)',
  'Microsoft Defender ウイルス対策のセキュリティ インテリジェンス更新プログラム - KB2267602 (バージョン 1.403.3038.0)',
  'Windows 悪意のあるソフトウェアの削除ツール x64 - v5.120 (KB890830)',
  '更新プログラムのインストールに失敗しました。後でもう一度お試しください。',
];
const CLEAN = [
  ...ZH,
  ...JA,
  '適用於 Windows 10 Version 22H2 的累積更新 (KB5034441)',
  'Windows용 업데이트(KB974405)',
  'x64 기반 시스템용 Windows 10 Version 22H2 누적 업데이트 (KB5034441)',
  'C:\\Users\\张伟\\Desktop\\日志\\WindowsUpdate.log',
  'D:\\ログ\\CBS.log',
  'Update for Windows (KB5034123) – Café déjà ±5° ™',
  'Sicherheitsupdate für Windows 10 Version 22H2 für x64-basierte Systeme',
  'Обновление для Windows 10',
  '需要重启', '安装失败', '成功', '组件存储已损坏', '更新プログラム', '再起動が必要です',
  'plain ascii?', 'what?? really?', '',
];

describe('mojibake repair', () => {
  for (const [name, list, cp] of [['Chinese', ZH, 'gbk'], ['Japanese', JA, 'shift_jis']] as [string, string[], Codepage][]) {
    it(`repairs ${name} titles read as ${cp} (Windows, lost bytes as "?"), marking each lost character`, () => {
      for (const t of list) {
        const g = garbleWindows(t, cp);
        assert.notEqual(g.garbled, t);
        const r = repairField(g.garbled);
        assert.ok(r, g.garbled);
        assert.equal(r.text, g.expected, g.garbled);
        assert.equal(r.encoding, cp);
        assert.equal(r.lost, [...g.expected].filter((c) => c === '\ufffd').length);
      }
    });

    it(`repairs ${name} titles read as ${cp} by a WHATWG decoder (U+FFFD, ASCII kept)`, () => {
      for (const t of list) {
        const bad = garbleWhatwg(t, cp);
        const fixed = repairMojibake(bad);
        assert.ok(fixed, bad);
        // Every character is the original one or a marked loss; nothing garbled is left.
        const original = new Set([...t]);
        for (const c of fixed) assert.ok(original.has(c) || c === '\ufffd', `${c} in ${fixed}`);
        assert.ok([...fixed].filter((c) => c !== '\ufffd').length >= [...t].length * 0.7, fixed);
      }
    });
  }

  it('repairs a Japanese title whose Windows writer put "・" for lost bytes', () => {
    for (const t of JA) {
      const g = garbleWindows(t, 'shift_jis', '・');
      assert.equal(repairMojibake(g.garbled), g.expected, g.garbled);
    }
  });

  it('repairs everything when no byte was lost (even UTF-8 length)', () => {
    const original = 'Title = 安装更新失败。请稍后重试 (KB5034441)';
    const g = garbleWindows(original, 'gbk');
    assert.equal(g.expected, original);
    assert.deepEqual(repairField(g.garbled), { text: original, encoding: 'gbk', lost: 0, runs: 1 });
  });

  it('keeps the byte swallowed with a lost one as a space before Latin text, and loses nothing else', () => {
    // 于 + space: the pair (last byte of 于, space) did not decode and became one "?".
    const bad = garbleWindows('适用于 Windows 11 的累积更新', 'gbk').garbled;
    assert.match(bad, /\?Windows/);
    assert.equal(repairMojibake(bad), '适用\ufffd Windows 11 的累积更\ufffd');
  });

  it('marks a run cut at the end of the field (the writer dropped the last byte)', () => {
    assert.equal(repairMojibake('鐨勫畨鍏ㄦ櫤鑳芥洿鏂'), '的安全智能更\ufffd');
    assert.ok(hasMojibake('鐨勫畨鍏ㄦ櫤鑳芥洿鏂'));
  });

  it('leaves real Chinese, Japanese, Korean titles, paths, accented and mixed English alone', () => {
    for (const s of CLEAN) {
      assert.equal(repairField(s), undefined, s);
      assert.equal(hasMojibake(s), false, s);
    }
  });

  it('leaves every Chinese sentence of our own bundles and explanations alone', function () {
    this.timeout(30_000);
    const root = path.join(__dirname, '..', '..', '..', '..');
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    for (const f of ['l10n/bundle.l10n.zh-cn.json', 'package.nls.zh-cn.json', 'src/core/errors/data/explanations-wu.json', 'src/core/errors/data/explanations-system.json']) {
      walk(JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')));
    }
    const zh = texts.filter((t) => /[\u4e00-\u9fff]/.test(t));
    assert.ok(zh.length > 1000, String(zh.length));
    for (const t of zh) assert.equal(repairField(t), undefined, t);
    // And garbled, they come back (short ones may hold too little to be sure of).
    let repaired = 0;
    for (const t of zh) {
      const g = garbleWindows(t, 'gbk');
      if (repairMojibake(g.garbled) === g.expected) repaired++;
    }
    assert.ok(repaired >= zh.length * 0.99, `${repaired} of ${zh.length}`);
  });

  it('never repairs short runs of random common hanzi or kana', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pool = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严'];
    const kana = [...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー'];
    for (const list of [pool, kana, pool.concat(kana)]) {
      for (let i = 0; i < 3000; i++) {
        let s = '';
        for (let k = 1 + rnd(5); k > 0; k--) s += list[rnd(list.length)];
        assert.equal(repairField(`Title = ${s} (KB5034441)`), undefined, s);
      }
    }
  });

  it('counts runs for the file-level flag', () => {
    assert.deepEqual(mojibakeRuns(garbleWindows(ZH[0], 'gbk').garbled), { yes: 3, no: 0 });
    assert.deepEqual(mojibakeRuns(ZH[0]), { yes: 0, no: 3 });
    assert.deepEqual(mojibakeRuns('ascii only'), { yes: 0, no: 0 });
  });
});

describe('repairText (the repaired copy of a document)', () => {
  it('repairs garbled lines only, keeps line breaks and real CJK lines', async () => {
    const { repairText } = await import('../../../src/core/text/repairText');
    const bad = garbleWindows(ZH[1], 'gbk');
    const text = `a\r\nTitle = ${bad.garbled}\r\n${ZH[0]}\nlast`;
    const r = repairText(text);
    assert.equal(r.text, `a\r\nTitle = ${bad.expected}\r\n${ZH[0]}\nlast`);
    assert.deepEqual(r.lines, [1]);
    assert.equal(r.lost, 1);
    assert.deepEqual(repairText('plain\n'), { text: 'plain\n', lines: [], lost: 0 });
  });
});
