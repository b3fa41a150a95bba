// The eval's arithmetic and its report: pure functions over the scored builds, so the numbers, the
// table and the target checks are unit-tested without a database or a model.
import { percentile } from '../bench/measure';
import type { Channel } from '../engines/enums';

/** The rubric's publish-ready share is counted at this score (the issue's "share scoring ≥ 70"). */
export const GOOD_SCORE = 70;

export interface DraftRecord {
  channel: Channel;
  /** The draft rubric's 0–100 (0 when invalid). */
  score: number;
  valid: boolean;
  /** The rubric's hard rules it breaks, e.g. "taboo", "too_short". */
  failedRules: string[];
  /** Taboos (brand taboos and the opportunity's traps) the text mentions. */
  taboos: string[];
  overChannelLimit: boolean;
  /** The judge's 0–100 when it was heard on this draft (then also `score`); null when not judged. */
  judgeScore: number | null;
}

export interface BuildRecord {
  brandKey: string;
  opportunityKey: string;
  /** Wall time of PackageBuildOrchestrator.createPackageFromOpportunity, in ms. */
  wallMs: number;
  /** Why the build threw; null when it built a package. */
  error: string | null;
  /** The package rubric's 0–100 (0 when invalid); null when the build failed. */
  packageScore: number | null;
  packageFailedRules: string[];
  /** Taboos the package's title, core argument or key points mention, one per field and taboo. */
  packageTaboos: { term: string; field: string }[];
  drafts: DraftRecord[];
  /** Share (0–1) of the hand-written expectations (audience, problem, angle) the package meets. */
  expectationCoverage: number | null;
  /** F2's warnings (a channel without drafts, a draft dropped by the guard rail). */
  warnings: string[];
}

export interface EvalSummary {
  builds: number;
  failedBuilds: number;
  drafts: number;
  invalidDrafts: number;
  /** Drafts scored by the judge (with a real model); the others by the deterministic checks. */
  judgedDrafts: number;
  /** Every taboo found in a package's public text or a draft, one per text and taboo. */
  tabooViolations: number;
  /** Drafts over their channel's character limit. */
  limitViolations: number;
  meanDraftScore: number | null;
  /** Share (0–1) of drafts scoring at least GOOD_SCORE. */
  goodDraftShare: number | null;
  meanPackageScore: number | null;
  meanCoverage: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null);

/** Nearest-rank percentiles of the samples, in any order; null without samples. */
export function percentiles(samples: readonly number[], ps: readonly number[]): (number | null)[] {
  const sorted = [...samples].sort((a, b) => a - b);
  return ps.map((p) => (sorted.length ? percentile(sorted, p) : null));
}

export function summarize(builds: readonly BuildRecord[]): EvalSummary {
  const built = builds.filter((build) => build.error === null);
  const drafts = built.flatMap((build) => build.drafts);
  const scores = drafts.map((draft) => draft.score);
  const [p50Ms, p95Ms] = percentiles(
    builds.map((build) => build.wallMs),
    [0.5, 0.95],
  );
  return {
    builds: builds.length,
    failedBuilds: builds.length - built.length,
    drafts: drafts.length,
    invalidDrafts: drafts.filter((draft) => !draft.valid).length,
    judgedDrafts: drafts.filter((draft) => draft.judgeScore !== null).length,
    tabooViolations:
      built.reduce((sum, build) => sum + build.packageTaboos.length, 0) + drafts.reduce((sum, d) => sum + d.taboos.length, 0),
    limitViolations: drafts.filter((draft) => draft.overChannelLimit).length,
    meanDraftScore: mean(scores),
    goodDraftShare: scores.length ? scores.filter((score) => score >= GOOD_SCORE).length / scores.length : null,
    meanPackageScore: mean(built.map((build) => build.packageScore ?? 0)),
    meanCoverage: mean(built.map((build) => build.expectationCoverage ?? 0)),
    p50Ms: p50Ms ?? null,
    p95Ms: p95Ms ?? null,
  };
}

/**
 * The targets `npm run eval -- --check` holds the run to, each missed one in words; empty when all are
 * met. Scores are reported, not enforced: they measure the model, while a taboo, an over-limit draft
 * or a build that throws is a broken promise of the product whatever the model.
 */
export function missedTargets(summary: EvalSummary): string[] {
  const missed: string[] = [];
  if (summary.builds === 0) missed.push('no build ran');
  if (summary.failedBuilds > 0) missed.push(`${summary.failedBuilds} of ${summary.builds} builds failed (target 0)`);
  if (summary.tabooViolations > 0) missed.push(`${summary.tabooViolations} taboo violations (target 0)`);
  if (summary.limitViolations > 0) missed.push(`${summary.limitViolations} channel-limit violations (target 0)`);
  return missed;
}

const fixed = (value: number | null, digits = 0) => (value === null ? '–' : value.toFixed(digits));
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/** The headline figures as "name: value" lines, targets beside the ones that have one. */
export function summaryLines(summary: EvalSummary): string[] {
  return [
    `builds: ${summary.builds} (${summary.failedBuilds} failed, target 0)`,
    `drafts: ${summary.drafts} (${summary.invalidDrafts} invalid by the rubric's hard rules)`,
    `taboo violations: ${summary.tabooViolations} (target 0)`,
    `channel-limit violations: ${summary.limitViolations} (target 0)`,
    `mean draft rubric score: ${fixed(summary.meanDraftScore, 1)}; drafts scoring ≥ ${GOOD_SCORE}: ${percent(summary.goodDraftShare)}`,
    `drafts scored by the judge: ${summary.judgedDrafts} of ${summary.drafts} (the others by the deterministic checks)`,
    `mean package rubric score: ${fixed(summary.meanPackageScore, 1)}`,
    `expectations met (audience, problem, angle): ${percent(summary.meanCoverage)}`,
    `build time p50 / p95: ${fixed(summary.p50Ms)} ms / ${fixed(summary.p95Ms)} ms`,
  ];
}

export interface BrandRow {
  brand: string;
  summary: EvalSummary;
}

/** One Markdown table row per brand, and a total row. */
export function brandTable(rows: readonly BrandRow[], total: EvalSummary): string {
  const header = [
    'brand',
    'builds',
    'drafts',
    'taboo',
    'limit',
    'invalid',
    'draft score',
    `≥ ${GOOD_SCORE}`,
    'package score',
    'expectations',
    'p50 ms',
    'p95 ms',
  ];
  const cells = (name: string, s: EvalSummary) => [
    name,
    s.failedBuilds ? `${s.builds - s.failedBuilds}/${s.builds}` : String(s.builds),
    String(s.drafts),
    String(s.tabooViolations),
    String(s.limitViolations),
    String(s.invalidDrafts),
    fixed(s.meanDraftScore, 1),
    percent(s.goodDraftShare),
    fixed(s.meanPackageScore, 1),
    percent(s.meanCoverage),
    fixed(s.p50Ms),
    fixed(s.p95Ms),
  ];
  const body = [...rows.map((row) => cells(row.brand, row.summary)), cells('**all**', total)];
  const line = (values: string[]) => `| ${values.join(' | ')} |`;
  const rule = `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

/** One Markdown row per build: where a brand's figures come from. */
export function buildTable(builds: readonly BuildRecord[]): string {
  const header = ['build', 'channels', 'drafts', 'draft score', 'package score', 'expectations', 'ms'];
  const rows = builds.map((build) => {
    const summary = summarize([build]);
    return [
      `${build.brandKey}/${build.opportunityKey}`,
      build.error === null ? [...new Set(build.drafts.map((draft) => draft.channel))].join(', ') : 'failed',
      String(summary.drafts),
      fixed(summary.meanDraftScore, 1),
      build.packageScore === null ? '–' : String(build.packageScore),
      percent(build.expectationCoverage),
      fixed(build.wallMs),
    ];
  });
  const line = (values: string[]) => `| ${values.join(' | ')} |`;
  const rule = `|${header.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** What went wrong build by build (failures, taboos, over-limit and invalid drafts, warnings); empty when nothing did. */
export function problemLines(builds: readonly BuildRecord[]): string[] {
  const lines: string[] = [];
  for (const build of builds) {
    const name = `${build.brandKey}/${build.opportunityKey}`;
    if (build.error !== null) {
      lines.push(`${name}: build failed: ${build.error}`);
      continue;
    }
    if (build.packageTaboos.length) {
      const found = build.packageTaboos.map((taboo) => `"${taboo.term}" (${taboo.field})`).join(', ');
      lines.push(`${name}: the package mentions ${found}`);
    }
    const packageRules = build.packageFailedRules.filter((rule) => rule !== 'taboo');
    if (packageRules.length) lines.push(`${name}: the package is invalid (${packageRules.join(', ')})`);
    build.drafts.forEach((draft, index) => {
      const what = `${name}: ${draft.channel} draft ${index + 1}`;
      if (draft.taboos.length) lines.push(`${what} mentions ${quoted(draft.taboos)}`);
      if (draft.overChannelLimit) lines.push(`${what} is over the ${draft.channel} limit`);
      const otherRules = draft.failedRules.filter((rule) => rule !== 'taboo' && rule !== 'over_channel_limit');
      if (otherRules.length) lines.push(`${what} is invalid (${otherRules.join(', ')})`);
    });
    for (const warning of build.warnings) lines.push(`${name}: warning: ${warning}`);
  }
  return lines;
}

const quoted = (terms: readonly string[]) => terms.map((term) => `"${term}"`).join(', ');

export interface EvalRunReport {
  startedAt: Date;
  /** The model's label, e.g. "kairo-offline/offline-drafts-v1" or "gpt-4o-mini via https://…". */
  model: string;
  judge: string;
  builds: readonly BuildRecord[];
  brands: readonly BrandRow[];
  total: EvalSummary;
}

/** The dated section `eval/results.md` gains for one run. */
export function resultsSection(report: EvalRunReport): string {
  const missed = missedTargets(report.total);
  const problems = problemLines(report.builds);
  return [
    `## ${report.startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC — ${report.model}`,
    '',
    `Judge: ${report.judge}. Targets: ${missed.length ? `missed — ${missed.join('; ')}` : 'met'}.`,
    '',
    ...summaryLines(report.total).map((line) => `- ${line}`),
    '',
    brandTable(report.brands, report.total),
    '',
    '<details><summary>Per build</summary>',
    '',
    buildTable(report.builds),
    '',
    '</details>',
    '',
    ...(problems.length ? ['Problems:', '', ...problems.map((line) => `- ${line}`), ''] : []),
  ].join('\n');
}
