import type { BoardCard } from '@/trpc/types';

type Ranked = Pick<BoardCard, 'id' | 'isPinned' | 'score' | 'lastTouchedAt'>;

/**
 * The board's order as the server ranks it (pinned, score, most recently touched, id), so an
 * optimistic pin puts the card where the next fetch will.
 */
export function compareBoardOrder(a: Ranked, b: Ranked): number {
  return (
    Number(b.isPinned) - Number(a.isPinned) ||
    b.score - a.score ||
    b.lastTouchedAt.getTime() - a.lastTouchedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
