import { describe, expect, it } from 'vitest';
import { CHANNEL_LIMITS } from '../../enums';
import { draftHardFailures, type PackageThesisShape, packageHardFailures, scoreDraft, scorePackage, thesisTextFailures } from '.';

const linkedin = { channel: 'linkedin' as const, taboos: ['crypto', 'guaranteed returns'], otherBrandNames: ['Ledgerline'] };
const x = { channel: 'x' as const, taboos: ['crypto'] };

// A LinkedIn draft that passes every hard rule and every check.
const GOOD_LINKEDIN = [
  'Most finance teams close the month two days late, and nobody notices until the audit.',
  `The delay hides in handoffs: invoices waiting on approvals, approvals waiting on context. ${'Each handoff adds a day of waiting that no dashboard shows. '.repeat(1)}`,
  `We mapped forty closes across small teams and found the same three stalls. ${Array.from({ length: 12 }, (_, i) => `Step ${i + 1} names an owner, a deadline and the document it needs before anyone starts work.`).join(' ')}`,
  'Fix the handoffs first, then the tools. The tools only speed up a process that already flows.',
  'Where does your close stall: approvals, context or tools?',
].join('\n\n');

const rulesOf = (text: string, context: Parameters<typeof draftHardFailures>[1]) => draftHardFailures(text, context).map((f) => f.rule);

describe('draft hard rules', () => {
  it('passes a good draft', () => {
    expect(draftHardFailures(GOOD_LINKEDIN, linkedin)).toEqual([]);
  });

  it('empty: under 10 non-space characters', () => {
    expect(rulesOf('   a b c   ', x)).toEqual(['empty']);
    expect(rulesOf('Ten chars!! and then a few more words here.', x)).not.toContain('empty');
  });

  it('taboo: whole word, any case, with its span', () => {
    const text = 'Why Crypto is not a treasury strategy for small teams, and what is.';
    const [failure] = draftHardFailures(text, x);
    expect(failure).toMatchObject({ rule: 'taboo', term: 'crypto', span: { start: 4, end: 10 } });
    expect(text.slice(failure!.span!.start, failure!.span!.end)).toBe('Crypto');
    expect(rulesOf('Cryptography keeps the ledger honest for small finance teams.', x)).toEqual([]);
  });

  it('channel minimums: X under 20 characters, LinkedIn under 25 words, newsletter under 50 words', () => {
    expect(rulesOf('Close faster today.', x)).toEqual(['too_short']);
    expect(rulesOf('Close the month faster: fix the handoffs first.', x)).toEqual([]);
    expect(rulesOf('Fix the handoffs first. Then the tools.', linkedin)).toEqual(['too_short']);
    expect(rulesOf(GOOD_LINKEDIN, { channel: 'newsletter', taboos: [] })).toEqual([]);
    expect(rulesOf('Fix the handoffs first, then the tools, then the reports.', { channel: 'newsletter', taboos: [] })).toEqual([
      'too_short',
    ]);
  });

  it('over the channel limit: the platform limit, with the overflow as the span', () => {
    const text = `${'Close the month faster by fixing handoffs. '.repeat(8)}`;
    const failure = draftHardFailures(text, x).find((f) => f.rule === 'over_channel_limit');
    expect(failure?.span).toEqual({ start: CHANNEL_LIMITS.x, end: text.length });
    expect(rulesOf('word '.repeat(56), x)).not.toContain('over_channel_limit');
  });

  it('template residue: [insert …], {brand}, TODO, lorem ipsum', () => {
    for (const residue of ['[insert CTA]', '{brand}', '{{ first_name }}', 'TODO', 'Lorem ipsum']) {
      const text = `Close the month faster with fewer handoffs. ${residue} and more.`;
      const failure = draftHardFailures(text, x).find((f) => f.rule === 'template_residue');
      expect(failure, residue).toBeDefined();
      expect(text.slice(failure!.span!.start, failure!.span!.end).toLowerCase()).toContain(
        residue.toLowerCase().replace(/[{} ]/g, '').slice(0, 4),
      );
    }
    expect(rulesOf('Close the month faster with fewer handoffs [2 days saved].', x)).toEqual([]);
  });

  it('model text: disclaimers and instructions', () => {
    expect(rulesOf('As an AI, I think closing faster matters for teams.', x)).toEqual(['model_text']);
    expect(rulesOf('Write a post about closing the month faster for teams.', x)).toEqual(['model_text']);
    expect(rulesOf("Here's a draft: close the month faster for teams.", x)).toEqual(['model_text']);
    expect(rulesOf('We write about closing the month faster for teams.', x)).toEqual([]);
  });

  it('another brand named', () => {
    expect(rulesOf(GOOD_LINKEDIN.replace('We mapped', 'Ledgerline mapped'), linkedin)).toEqual(['other_brand']);
  });

  it('repeated sentence: the second copy is the span; short interjections do not count', () => {
    const text = 'Close the month faster. Fix the handoffs first. Close the month faster.';
    const [failure] = draftHardFailures(text, x);
    expect(failure?.rule).toBe('repeated_sentence');
    expect(failure?.span).toEqual({ start: text.lastIndexOf('Close'), end: text.length });
    expect(rulesOf('Yes. Close the month faster by fixing the handoffs. Yes.', x)).toEqual([]);
  });
});

describe('scoreDraft', () => {
  it('an invalid draft scores 0 and says why', () => {
    const scored = scoreDraft('As an AI, I think closing faster matters for teams.', x);
    expect(scored).toMatchObject({ valid: false, score: 0 });
    expect(scored.notes[0]).toMatch(/^Invalid: it carries words/);
  });

  it('a good draft passes every check', () => {
    const scored = scoreDraft(GOOD_LINKEDIN, linkedin);
    expect(scored.checks.filter((c) => !c.passed)).toEqual([]);
    expect(scored.score).toBe(100);
  });

  const check = (text: string, id: string, context = linkedin as Parameters<typeof scoreDraft>[1]) =>
    scoreDraft(text, context).checks.find((c) => c.id === id)!;

  it('length band per channel', () => {
    expect(check('Close the month faster: fix the handoffs first, then the tools. Where does yours stall?', 'length_band', x).passed).toBe(
      false,
    );
    expect(
      check(
        `Close the month faster: fix the handoffs first, then the tools, then the reports. ${'Owners and deadlines beat dashboards. '.repeat(2)}Where does yours stall?`,
        'length_band',
        x,
      ).passed,
    ).toBe(true);
    expect(check(GOOD_LINKEDIN, 'length_band').passed).toBe(true);
  });

  it('a hook in the first line: no greeting, no filler, not a wall', () => {
    expect(check(`Hi everyone,\n\n${GOOD_LINKEDIN}`, 'hook').passed).toBe(false);
    expect(check(`I'm excited to share our close study.\n\n${GOOD_LINKEDIN}`, 'hook').passed).toBe(false);
    expect(check(GOOD_LINKEDIN.replace('\n\n', ' '), 'hook').passed).toBe(false);
    expect(check(GOOD_LINKEDIN, 'hook').passed).toBe(true);
    expect(
      check(`Subject: Your close stalls in handoffs\n\nHi there,\n\n${GOOD_LINKEDIN}`, 'hook', { channel: 'newsletter', taboos: [] })
        .passed,
    ).toBe(true);
  });

  it("the brand's call-to-action policy", () => {
    const noAsk = GOOD_LINKEDIN.replace('Where does your close stall: approvals, context or tools?', 'That is the whole lesson.');
    expect(check(noAsk, 'call_to_action').passed).toBe(false);
    expect(check(GOOD_LINKEDIN, 'call_to_action').passed).toBe(true);
    const sell = `${noAsk}\n\nBook a demo today.`;
    expect(check(sell, 'call_to_action', { ...linkedin, ctaPolicy: 'none' }).passed).toBe(false);
    expect(check(noAsk, 'call_to_action', { ...linkedin, ctaPolicy: 'none' }).passed).toBe(true);
  });

  it('no repeated sentence', () => {
    expect(check(`${GOOD_LINKEDIN}\n\nFix the handoffs first, then the tools.`, 'no_repeated_sentence').passed).toBe(false);
    expect(check(GOOD_LINKEDIN, 'no_repeated_sentence').passed).toBe(true);
  });

  it('channel form: no hashtag walls, emoji runs or all caps; paragraphs on LinkedIn; no sign-off on X', () => {
    expect(check(`${GOOD_LINKEDIN}\n\n#a #b #c #d #e #f`, 'channel_form').passed).toBe(false);
    expect(check(`${GOOD_LINKEDIN}\n\n🔥🔥🔥`, 'channel_form').passed).toBe(false);
    expect(check(`READ THIS NOW\n\n${GOOD_LINKEDIN}`, 'channel_form').passed).toBe(false);
    expect(check(GOOD_LINKEDIN.replace(/\n\n/g, ' '), 'channel_form').passed).toBe(false);
    expect(check('Close the month faster: fix the handoffs first.\nCheers', 'channel_form', x).passed).toBe(false);
    expect(check(GOOD_LINKEDIN, 'channel_form').passed).toBe(true);
  });
});

describe('package rules', () => {
  const context = {
    opportunityTitle: 'Faster month-end close',
    channels: ['linkedin' as const],
    primaryChannel: 'linkedin' as const,
    taboos: ['crypto'],
  };
  const good: PackageThesisShape = {
    title: 'Faster month-end close',
    coreArgument:
      'Finance leads at small teams lose two days each close to handoffs; fixing owners and deadlines first beats buying tools.',
    keyPoints: ['Handoffs, not tools, cause the delay', 'Name an owner per step', 'Measure days to close'],
    risksToAvoid: ['Steer clear of "crypto"'],
  };

  it('a thesis with audience, problem and angle passes; a taboo named in the risks is fine', () => {
    expect(packageHardFailures(good, context)).toEqual([]);
  });

  it('vacuous or title-only thesis is invalid', () => {
    expect(thesisTextFailures({ ...good, coreArgument: 'Write a post about this.' }, context).map((f) => f.rule)).toEqual([
      'vacuous_thesis',
    ]);
    expect(thesisTextFailures({ ...good, coreArgument: '' }, context).map((f) => f.rule)).toEqual(['vacuous_thesis']);
    expect(
      thesisTextFailures({ ...good, coreArgument: 'Faster month-end close. A faster close for everyone.' }, context).map((f) => f.rule),
    ).toEqual(['repeats_title']);
  });

  it('taboo in the title or thesis, named by field', () => {
    const failures = packageHardFailures({ ...good, title: 'Crypto close', keyPoints: ['ok point', 'Pay in crypto'] }, context);
    expect(failures.map((f) => [f.field, f.rule, f.index])).toEqual([
      ['title', 'taboo', undefined],
      ['keyPoints', 'taboo', 1],
    ]);
  });

  it('channel set empty or lacking the primary channel', () => {
    expect(packageHardFailures(good, { ...context, channels: [] }).map((f) => f.rule)).toEqual(['no_channels']);
    expect(packageHardFailures(good, { ...context, channels: ['x'] }).map((f) => f.rule)).toEqual(['lacks_primary_channel']);
  });

  it('scorePackage: 0 when invalid, else the five dimensions over 15', () => {
    const drafts = [{ channel: 'linkedin' as const, patternId: 'p1', score: scoreDraft(GOOD_LINKEDIN, linkedin) }];
    const scored = scorePackage(good, {
      ...context,
      drafts,
      personaName: 'Finance lead',
      opportunityAngle: 'Small teams lose days to handoffs at close',
    });
    expect(scored.valid).toBe(true);
    expect(scored.dimensions).toHaveLength(5);
    expect(scored.score).toBe(Math.round((100 * scored.dimensions.reduce((s, d) => s + d.score, 0)) / 15));
    expect(scored.band).toBe('board_ready');
    expect(scorePackage({ ...good, coreArgument: '' }, { ...context, drafts }).score).toBe(0);
  });
});
