import { describe, expect, it } from 'vitest';
import type { PatternDTO } from '@/trpc/types';
import { beatsFromText, beatsProblem, groupPatterns, NO_FILTER } from './pattern-filter';

const pattern = (name: string, values: Partial<PatternDTO>): PatternDTO =>
  ({ id: name, name, scope: 'brand', status: 'active', supportedChannels: ['linkedin'], ...values }) as PatternDTO;

describe('groupPatterns', () => {
  const library = [
    pattern('own active', {}),
    pattern('own retired x', { status: 'retired', supportedChannels: ['x'] }),
    pattern('shared', { scope: 'shared', supportedChannels: ['linkedin', 'x'] }),
  ];

  it("splits the brand's own patterns from the shared ones, keeping the order", () => {
    const { own, shared } = groupPatterns(library, NO_FILTER);
    expect(own.map((p) => p.name)).toEqual(['own active', 'own retired x']);
    expect(shared.map((p) => p.name)).toEqual(['shared']);
  });

  it('narrows by status and by channel together', () => {
    expect(groupPatterns(library, { status: 'all', channel: 'x' }).own.map((p) => p.name)).toEqual(['own retired x']);
    expect(groupPatterns(library, { status: 'active', channel: 'x' })).toEqual({ own: [], shared: [library[2]] });
  });
});

describe('beats typed one per line', () => {
  it('drops blank lines and trims each beat', () => {
    expect(beatsFromText(' Hook \n\n  Context\nCTA\n')).toEqual(['Hook', 'Context', 'CTA']);
  });

  it('names what is wrong: none, more than eight, or one too long', () => {
    expect(beatsProblem([])).toMatch(/at least one beat/);
    expect(beatsProblem(Array.from({ length: 9 }, () => 'Beat'))).toMatch(/At most 8 beats; this has 9/);
    expect(beatsProblem(['Hook', 'x'.repeat(81)])).toMatch(/at most 80 characters/);
    expect(beatsProblem(['Hook', 'CTA'])).toBeNull();
  });
});
