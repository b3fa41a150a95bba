import type { BoardCard } from '@/trpc/types';
import { compareBoardOrder } from './board-order';

/**
 * Sort and search run in the browser over the fetched board: the board is bounded (the engine returns at
 * most MAX_BOARD_LIMIT live ideas, 50 by default, in one indexed read), so re-ranking and narrowing it
 * costs nothing and needs no round trip per keystroke.
 */
export const BOARD_SORTS = [
  { id: 'score', label: 'Best score' },
  { id: 'newest', label: 'Newest' },
  { id: 'expiring', label: 'Expiring soonest' },
] as const;
export type BoardSort = (typeof BOARD_SORTS)[number]['id'];

/** Cards shown at first, and added by each "Show more". */
export const BOARD_PAGE_SIZE = 12;

type Viewable = Pick<
  BoardCard,
  | 'id'
  | 'isPinned'
  | 'score'
  | 'lastTouchedAt'
  | 'createdAt'
  | 'expiresAt'
  | 'title'
  | 'angle'
  | 'whyNow'
  | 'source'
  | 'pillarHandle'
  | 'personaHandle'
>;

const byId = (a: Viewable, b: Viewable) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The board as the person asked to see it. Pinned cards stay first in every sort (a pin means "do this
 * first"); "score" is the server's order (re-applied here, so a card pinned a moment ago moves before the
 * refetch lands); an idea without an expiry sorts after those with one.
 */
export function viewBoard<T extends Viewable>(board: readonly T[], sort: BoardSort, search: string): T[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = words.length === 0 ? [...board] : board.filter((card) => words.every((word) => haystack(card).includes(word)));
  if (sort === 'score') return matching.sort(compareBoardOrder);
  const compare =
    sort === 'newest'
      ? (a: T, b: T) => b.createdAt.getTime() - a.createdAt.getTime()
      : (a: T, b: T) => (a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) - (b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
  return matching.sort((a, b) => Number(b.isPinned) - Number(a.isPinned) || compare(a, b) || byId(a, b));
}

function haystack(card: Viewable): string {
  return [card.title, card.angle, card.whyNow, card.source, card.pillarHandle?.name, card.personaHandle?.name]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** "Scored up 6: 3 published variants averaged 78/100 …" — learning's move of the score, apart from the "why now". */
export function learnedLine(card: Pick<BoardCard, 'learnedAdjustment' | 'scoreExplanation'>): string | null {
  if (card.learnedAdjustment === 0) return null;
  const direction = card.learnedAdjustment > 0 ? 'up' : 'down';
  // Learning writes "Learned +6: <evidence>"; the line says the move in words and keeps the evidence.
  const evidence = card.scoreExplanation?.replace(/^Learned [+-]?\d+:\s*/, '').trim();
  const reason = evidence ? `: ${evidence.charAt(0).toLowerCase()}${evidence.slice(1)}` : ' by what your published posts did.';
  return `Scored ${direction} ${Math.abs(card.learnedAdjustment)}${reason}`;
}
