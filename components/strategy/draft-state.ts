import { type StrategyDraftShape, type StrategyProblem, strategyDraftProblems } from '@/lib/strategy-rules';
import type { ProposedStrategyDraft } from '@/trpc/types';
import { joinLines, linesOf } from './lines';

export type PersonaPriority = 'high' | 'medium' | 'low';

/** The priority select's options, in the order a person ranks them. */
export const PERSONA_PRIORITIES: { value: PersonaPriority; label: string }[] = [
  { value: 'high', label: 'High' },
  { value: 'medium', label: 'Medium' },
  { value: 'low', label: 'Low' },
];

/** A persona as its form edits it (the setup's review and the Strategy page alike): lists as one item a line. */
export interface PersonaFields {
  name: string;
  role: string;
  summary: string;
  priorities: string;
  pains: string;
  priority: PersonaPriority;
}

/** A draft as the review form edits it: list fields as one-item-per-line text, rows with a local key. */
export interface EditableDraft {
  positioning: string;
  pillars: { key: number; name: string; description: string }[];
  personas: (PersonaFields & { key: number })[];
  toneTags: string;
  taboos: string;
}

let nextKey = 1;
/** A row key that stays with the row while rows above it are removed. */
export const rowKey = () => nextKey++;

export function editableDraft(draft: ProposedStrategyDraft): EditableDraft {
  return {
    positioning: draft.positioning,
    pillars: [...draft.pillars]
      .sort((a, b) => a.priority - b.priority)
      .map((p) => ({ key: rowKey(), name: p.name, description: p.description })),
    personas: draft.personas.map((p) => ({
      key: rowKey(),
      name: p.name,
      role: p.role,
      summary: p.summary,
      priorities: joinLines(p.priorities),
      pains: joinLines(p.pains),
      priority: p.priority,
    })),
    toneTags: joinLines(draft.toneTags),
    taboos: joinLines(draft.taboos),
  };
}

/** The draft `strategy.acceptDraft` takes: pillars ranked in the order shown, lists split by line. */
export function draftInput(draft: EditableDraft) {
  return {
    positioning: draft.positioning.trim(),
    pillars: draft.pillars.map((p, index) => ({ name: p.name.trim(), description: p.description.trim(), priority: index + 1 })),
    personas: draft.personas.map((p) => ({
      name: p.name.trim(),
      role: p.role.trim(),
      summary: p.summary.trim(),
      priorities: linesOf(p.priorities),
      pains: linesOf(p.pains),
      priority: p.priority,
    })),
    toneTags: linesOf(draft.toneTags),
    taboos: linesOf(draft.taboos),
  } satisfies StrategyDraftShape;
}

/** The strategy rules' problems, grouped by the field they sit beside. */
export function problemsByField(problems: StrategyProblem[]): Partial<Record<StrategyProblem['field'], string[]>> {
  const grouped: Partial<Record<StrategyProblem['field'], string[]>> = {};
  // Shown beside the field, so the "pillars: " the engine's message starts with is left off.
  for (const problem of problems) {
    const text = problem.message.slice(problem.field.length + 2);
    grouped[problem.field] = [...(grouped[problem.field] ?? []), text.charAt(0).toUpperCase() + text.slice(1)];
  }
  return grouped;
}

export const draftProblems = (draft: EditableDraft) => strategyDraftProblems(draftInput(draft));

/**
 * Whether a row still lacks what the server requires of it (a name, a description, a role, a summary,
 * three to seven priorities, at most ten pains). Each is shown beside its input; this only keeps
 * "Accept" off until they are filled.
 */
export function rowsIncomplete(draft: EditableDraft): boolean {
  const blank = (text: string) => !text.trim();
  return (
    draft.pillars.some((p) => blank(p.name) || blank(p.description)) ||
    draft.personas.some((p) => {
      const priorities = linesOf(p.priorities).length;
      return blank(p.name) || blank(p.role) || blank(p.summary) || priorities < 3 || priorities > 7 || linesOf(p.pains).length > 10;
    })
  );
}
