// What to do and what to ask for, for the whole report: each action and each log is named once.
// Per group of failures the steps come most specific first (the fix a DISM cause calls for, an
// upgrade's extend code, the text written for the code, then the phase's), without advice that
// does not apply (no offline install without a KB, no download-cache reset once the download is
// proven complete or outside Windows Update). Requests for logs are gathered over the whole
// report in our own words, one per log, only for logs that matter to a failure and that the
// engineer does not already have. Texts are our own (commands in backticks), not yet Markdown.
import type { Analysis, Failure } from '../analysis/types';
import type { Lang } from '../lang';
import { explainCode } from '../errors';
import { describeExtended } from '../errors/extended';
import { mergeAdvice, shingles, similarity, topicsOf } from './advice';
import { dismCauseAdvice } from './dismAdvice';
import { emailTexts, type LogTopic } from './emailTexts';
import { formatsOf, isWuGroup, type FailureGroup } from './groups';
import { downloadCompleted } from './judgement';
import { reportTexts } from './texts';

/** At most this many steps per update or operation (the verdict's next step included). */
export const MAX_STEPS = 4;
/** At most this many requests in the whole report. */
export const MAX_COLLECT = 8;

/** Actions (not logs to read): once one is advised for an update or operation, it is not advised again for the next. */
const ACTION_TOPICS = new Set(['repairStore', 'resetCache', 'offlineInstall', 'proxy', 'rescan', 'deliveryOptimization', 'bits', 'cleanBoot', 'policy']);

const LOG_TOPICS: readonly LogTopic[] = ['wuLog', 'cbsLog', 'dismLog', 'reportingLog', 'panther', 'deliveryOptimization', 'bitsLog', 'pendingXml', 'systemEventLog'];
const isLogTopic = (t: string): t is LogTopic => (LOG_TOPICS as readonly string[]).includes(t);
/** Setup result codes: 0xC1900000-0xC19FFFFF, 0xC1800000-0xC18FFFFF. */
const isSetupCode = (c: number): boolean => (c >>> 20) === 0xc19 || (c >>> 20) === 0xc18;

export interface GroupSteps {
  /** Most useful first; the first is the verdict's "next step" unless `sameAs` is set. */
  steps: string[];
  /** When the first step was already given for an earlier group: that group's name (the
   *  verdict says "the same steps as for ..."; `steps` then holds only what is new). */
  sameAs?: string;
}

export class AdviceBook {
  private readonly given: { text: string; words: Set<string>; group: string }[] = [];
  /** Action topic → the group whose steps first advised it. */
  private readonly actions = new Map<string, string>();
  private readonly asked: string[] = [];
  private readonly covered = new Set<string>();

  constructor(private readonly a: Analysis, private readonly lang: Lang) {
    // Logs the engineer already has are not asked for again.
    for (const f of a.files) {
      if (f.unreadable) continue;
      if (f.format === 'wu10' || f.format === 'wu7') this.covered.add('wuLog');
      if (f.format === 'cbs') this.covered.add('cbsLog');
      if (f.format === 'dism') this.covered.add('dismLog');
      if (f.format === 'setup') this.covered.add('panther');
      if (f.format === 'reporting') this.covered.add('reportingLog');
    }
  }

  /** The steps of one group; `name` is how the report names it (for "the same steps as for ..."). */
  steps(g: FailureGroup, name: string): GroupSteps {
    const f = g.primary;
    const lists: string[][] = [];
    const run = g.runs?.[g.runs.length - 1];
    if (run) lists.push(dismCauseAdvice(run, run.cause ?? f.cause, this.lang));
    if (f.extended) lists.push(describeExtended(f.extended, this.lang, f.code).nextSteps);
    const ex = explainCode(f.code, this.lang, { loggedName: f.loggedName });
    const phase = isWuGroup(g, this.a) ? reportTexts(this.lang).phaseSteps[f.phase] : [];
    lists.push(...(ex.specific ? [ex.text.steps, phase] : [phase, ex.text.steps]));
    for (const code of this.otherCodes(g)) lists.push(explainCode(code.code, this.lang, { loggedName: code.loggedName }).text.steps);
    const applicable = lists.map((l) => l.filter((s) => this.applies(s, g)));
    // The group's own best steps, then without those an earlier group already got: the same
    // step, or an action already advised (repair the store, reset the cache, install offline ...).
    const own = mergeAdvice(applicable, { cap: MAX_STEPS, dropTriage: true, halfCovered: true });
    const earlier = (text: string): string | undefined => {
      const words = shingles(text);
      const same = this.given.find((x) => x.text === text || similarity(x.words, words) >= 0.7);
      if (same) return same.group;
      const acts = topicsOf(text).filter((t) => ACTION_TOPICS.has(t));
      const by = acts.map((t) => this.actions.get(t));
      return acts.length && by.every((g) => g !== undefined) ? by[0] : undefined;
    };
    const steps = own.filter((s) => !earlier(s));
    const sameAs = own.length ? earlier(own[0]) : undefined;
    for (const text of steps) {
      this.given.push({ text, words: shingles(text), group: name });
      for (const t of topicsOf(text)) if (ACTION_TOPICS.has(t) && !this.actions.has(t)) this.actions.set(t, name);
    }
    return sameAs ? { steps, sameAs } : { steps };
  }

  /** Adds the requests of one (still failing) group. */
  collect(g: FailureGroup): void {
    const f = g.primary;
    const ex = explainCode(f.code, this.lang, { loggedName: f.loggedName });
    const phase = isWuGroup(g, this.a) ? reportTexts(this.lang).phaseCollect[f.phase] : [];
    const codeItems = [ex.text.collect ?? [], ...this.otherCodes(g).map((c) => explainCode(c.code, this.lang).text.collect ?? [])].flat();
    const items = ex.specific ? [...codeItems, ...phase] : [...phase, ...codeItems];
    const identity = !isWuGroup(g, this.a) || g.failures.some((x) => x.updateId && (x.kb || x.title));
    for (const item of items) {
      if (!this.applies(item, g)) continue;
      const topics = topicsOf(item).filter((t, _, all) => !(t === 'bits' && all.includes('bitsLog')));
      if (topics.includes('updateIdentity') && identity) continue;
      const logs = topics.filter(isLogTopic);
      if (logs.length && logs.length === topics.length) {
        // A request for logs only: in our words, one per log that matters here.
        for (const t of logs) {
          if (this.covered.has(t) || !this.relevant(t, g)) continue;
          this.covered.add(t);
          this.asked.push(emailTexts(this.lang).request[t]);
        }
        continue;
      }
      const kept = mergeAdvice([[item]], { cap: 1, covered: this.covered, seen: this.asked, halfCovered: true });
      if (!kept.length) continue;
      this.asked.push(kept[0]);
      for (const t of topics) this.covered.add(t);
    }
  }

  /** Everything to ask the customer for, in the order first needed. */
  requests(): string[] {
    return this.asked.slice(0, MAX_COLLECT);
  }

  /** Codes of the group other than the primary's (each once). */
  private otherCodes(g: FailureGroup): Failure[] {
    const seen = new Set([g.primary.code]);
    return g.failures.filter((f) => !seen.has(f.code) && seen.add(f.code));
  }

  /** Advice that does not apply to this group is left out. */
  private applies(text: string, g: FailureGroup): boolean {
    const topics = topicsOf(text);
    const wu = isWuGroup(g, this.a);
    // "Install the KB offline" needs a KB (a step that names its own KB is fine).
    if (topics.includes('offlineInstall') && !g.kb && !/KB\d{6,}/.test(text)) return false;
    if (topics.includes('resetCache') && (!wu || g.failures.some((f) => downloadCompleted(f, this.a)))) return false;
    if (!wu && (topics.includes('policy') || topics.includes('rescan'))) return false;
    if (topics.includes('deliveryOptimization') && (!wu || formatsOf(g, this.a).has('wu7'))) return false;
    // Upgrade advice (Panther logs, SetupDiag) only for a Windows Setup failure.
    if (topics.includes('panther') && !this.isSetup(g)) return false;
    return true;
  }

  /** Does this log matter to the group? */
  private relevant(t: LogTopic, g: FailureGroup): boolean {
    const fmts = formatsOf(g, this.a);
    const wu = isWuGroup(g, this.a);
    const phases = new Set(g.failures.map((f) => f.phase));
    switch (t) {
      case 'wuLog':
      case 'reportingLog':
        return wu;
      case 'cbsLog':
        // Offline image servicing (/Image:) writes no CBS.log of the host; an upgrade has its Panther logs.
        if (g.runs) return g.runs.some((r) => r.online !== false);
        if (this.isSetup(g) && !fmts.has('cbs')) return false;
        return phases.has('install') || phases.has('commit') || fmts.has('cbs');
      case 'dismLog':
        return fmts.has('dism') || !!g.runs || this.cbsClients(g).some((c) => /dism/i.test(c));
      case 'panther':
        return this.isSetup(g);
      case 'deliveryOptimization':
        return wu && phases.has('download') && !fmts.has('wu7');
      case 'bitsLog':
        return wu && phases.has('download');
      case 'pendingXml':
        return phases.has('commit') || g.failures.some((f) => f.cause?.kind === 'pendingReboot');
      case 'systemEventLog':
        return true;
    }
  }

  private isSetup(g: FailureGroup): boolean {
    return g.kind === 'setup' || formatsOf(g, this.a).has('setup') || g.failures.some((f) => f.extended || isSetupCode(f.code));
  }

  private cbsClients(g: FailureGroup): string[] {
    const keys = new Set(g.failures.flatMap((f) => f.cbsSessionKeys));
    return this.a.cbsSessions.filter((s) => keys.has(s.key) && s.client).map((s) => s.client as string);
  }
}
