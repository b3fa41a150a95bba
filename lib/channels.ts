// Channel facts that client components share with the engines, in a module the browser bundle can read:
// only a type import, so the zod schemas of engines/enums.ts stay out of the pages that parse nothing.
import type { Channel } from '../engines/enums';

/** Channels whose drafting is fully wired; the others are accepted and stored. */
export const WIRED_CHANNELS = ['linkedin', 'x', 'newsletter'] as const satisfies readonly Channel[];
