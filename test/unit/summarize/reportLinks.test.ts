// The links on a real report: every `file:line` evidence reference the core renders gets a link to
// its file, and quoted log text is left as it was.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles } from '../../../src/core/analysis';
import { renderMarkdown } from '../../../src/core/report';
import { linkEvidence } from '../../../src/summarize/evidenceLinks';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/analysis');

describe('summarize: links on a rendered report', () => {
  for (const lang of ['en', 'zh-cn'] as const) {
    it(`links every evidence line of a WU + CBS report (${lang})`, async () => {
      const a = await analyzeFiles([path.join(fixtures, 'wu10-install-fail.log'), path.join(fixtures, 'cbs-kb-fail.log')]);
      assert.ok(a.failures.length >= 2);
      const md = renderMarkdown(a, { lang });
      const targets = a.files.map((f) => ({ path: f.path, target: `file:///fixtures/${path.basename(f.path)}` }));
      const out = linkEvidence(md, targets);
      const evidence = md.split('\n').filter((l) => /^- (wu10-install-fail|cbs-kb-fail)\.log:\d+/.test(l));
      assert.ok(evidence.length >= 4, 'the report lists evidence lines as `- name:line`');
      const linked = out.split('\n').filter((l) => /^- \[(wu10-install-fail|cbs-kb-fail)\.log:(\d+)\]\(file:\/\/\/fixtures\/\1\.log#L\2\)/.test(l));
      assert.equal(linked.length, evidence.length);
      // Only links were added: removing them gives the original text back.
      assert.equal(out.replace(/\[([^\]]*)\]\(file:\/\/\/fixtures\/[^)]*\)/g, '$1'), md);
    });
  }
});
