import { describe, expect, it } from 'vitest';
import { draftInput, draftProblems, editableDraft, problemsByField, rowsIncomplete } from './draft-state';

const proposed = {
  positioning: 'Ledgerly closes the books in three days.',
  pillars: [
    { name: 'Second', description: 'b', priority: 2 },
    { name: 'First', description: 'a', priority: 1 },
  ],
  personas: [{ name: 'Cara', role: 'Controller', summary: 's', priorities: ['x', 'y', 'z'], pains: [], priority: 'high' as const }],
  toneTags: ['plain', 'calm', 'exact'],
  taboos: ['politics'],
  model: 'kairo-offline/offline-drafts-v1',
  offline: true,
};

describe('the draft review state', () => {
  it('edits pillars in priority order and gives them back ranked as shown, lists split by line', () => {
    const draft = editableDraft(proposed);
    expect(draft.pillars.map((p) => p.name)).toEqual(['First', 'Second']);
    const input = draftInput({ ...draft, toneTags: 'plain\n\n  calm  \nexact\n', pillars: [...draft.pillars].reverse() });
    expect(input.pillars).toEqual([
      { name: 'Second', description: 'b', priority: 1 },
      { name: 'First', description: 'a', priority: 2 },
    ]);
    expect(input.toneTags).toEqual(['plain', 'calm', 'exact']);
    expect(draftProblems(draft)).toEqual([]);
  });

  it('groups the rule problems by field, without the field prefix', () => {
    const draft = { ...editableDraft(proposed), toneTags: 'plain', taboos: '' };
    expect(problemsByField(draftProblems(draft))).toEqual({
      toneTags: ['A strategy has 3–7 tone tags, this draft has 1'],
      taboos: ['A strategy names at least one taboo'],
    });
  });

  it('keeps Accept off while a row lacks what the server requires', () => {
    const draft = editableDraft(proposed);
    expect(rowsIncomplete(draft)).toBe(false);
    expect(rowsIncomplete({ ...draft, pillars: [...draft.pillars, { key: 99, name: 'New', description: ' ' }] })).toBe(true);
    expect(rowsIncomplete({ ...draft, personas: [{ ...draft.personas[0]!, priorities: 'only one' }] })).toBe(true);
  });
});
