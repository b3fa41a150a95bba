// The brand strategy's invariants (issue 10, point 4), in one module the engines and the pages share:
// a draft must meet them before it is stored, a stored strategy that meets them is "calibrated", and
// the pages show each problem beside its field while the person edits. No zod and no engine code, so
// the browser bundle can read it.

export const STRATEGY_BOUNDS = {
  pillars: { min: 2, max: 5 },
  personas: { min: 1, max: 5 },
  highPriorityPersonas: { max: 3 },
  toneTags: { min: 3, max: 7 },
  taboos: { min: 1, max: 30 },
} as const;

/** The parts of a strategy draft the rules read. */
export interface StrategyDraftShape {
  positioning: string;
  pillars: { name: string; priority: number }[];
  personas: { name: string; priority: 'high' | 'medium' | 'low' }[];
  toneTags: string[];
  taboos: string[];
}

export interface StrategyProblem {
  field: 'positioning' | 'pillars' | 'personas' | 'toneTags' | 'taboos';
  /** Starts with the field's name, e.g. "pillars: a strategy has 2–5 pillars, this draft has 7". */
  message: string;
}

const range = (bounds: { min: number; max: number }) => `${bounds.min}–${bounds.max}`;
const outside = (count: number, bounds: { min: number; max: number }) => count < bounds.min || count > bounds.max;

/** The first name that appears twice, ignoring case and surrounding spaces. */
function repeatedName(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.trim().toLowerCase();
    if (seen.has(key)) return name;
    seen.add(key);
  }
  return undefined;
}

/** The invariants a draft breaks, one sentence each; empty when the draft may be accepted. */
export function strategyDraftProblems(draft: StrategyDraftShape): StrategyProblem[] {
  const { pillars, personas, highPriorityPersonas, toneTags, taboos } = STRATEGY_BOUNDS;
  const problems: StrategyProblem[] = [];
  const add = (field: StrategyProblem['field'], text: string) => problems.push({ field, message: `${field}: ${text}` });
  if (!draft.positioning.trim()) add('positioning', 'a strategy says what the brand does');
  if (outside(draft.pillars.length, pillars))
    add('pillars', `a strategy has ${range(pillars)} pillars, this draft has ${draft.pillars.length}`);
  const pillarName = repeatedName(draft.pillars.map((p) => p.name));
  if (pillarName !== undefined) add('pillars', `each pillar has its own name ("${pillarName}" twice)`);
  const ranks = draft.pillars.map((p) => p.priority);
  if (new Set(ranks).size !== ranks.length) add('pillars', 'each pillar has its own priority');
  if (outside(draft.personas.length, personas)) {
    add('personas', `a strategy has ${range(personas)} personas, this draft has ${draft.personas.length}`);
  }
  const high = draft.personas.filter((p) => p.priority === 'high').length;
  if (high > highPriorityPersonas.max)
    add('personas', `at most ${highPriorityPersonas.max} personas are high priority, this draft has ${high}`);
  const personaName = repeatedName(draft.personas.map((p) => p.name));
  if (personaName !== undefined) add('personas', `each persona has its own name ("${personaName}" twice)`);
  if (outside(draft.toneTags.length, toneTags))
    add('toneTags', `a strategy has ${range(toneTags)} tone tags, this draft has ${draft.toneTags.length}`);
  if (draft.taboos.length < taboos.min) add('taboos', 'a strategy names at least one taboo');
  return problems;
}

/** What a stored strategy holds, counted. */
export interface StrategyCounts {
  positioning: string;
  activePillars: number;
  personas: number;
  highPriorityPersonas: number;
  toneTags: number;
  taboos: number;
}

/** What keeps a stored strategy from being calibrated, in plain words; empty when it is calibrated. */
export function missingForCalibration(counts: StrategyCounts): string[] {
  const { pillars, personas, highPriorityPersonas, toneTags, taboos } = STRATEGY_BOUNDS;
  const missing: string[] = [];
  if (!counts.positioning.trim()) missing.push('A positioning: what the brand does, in a line or two');
  if (outside(counts.activePillars, pillars)) missing.push(`${range(pillars)} active pillars (the brand has ${counts.activePillars})`);
  if (outside(counts.personas, personas)) missing.push(`${range(personas)} personas (the brand has ${counts.personas})`);
  if (counts.highPriorityPersonas > highPriorityPersonas.max) {
    missing.push(`At most ${highPriorityPersonas.max} high-priority personas (the brand has ${counts.highPriorityPersonas})`);
  }
  if (outside(counts.toneTags, toneTags)) missing.push(`${range(toneTags)} tone tags (the brand has ${counts.toneTags})`);
  if (counts.taboos < taboos.min) missing.push('At least one taboo: a topic the brand never touches');
  return missing;
}
