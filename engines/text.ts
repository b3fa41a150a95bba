import { z } from 'zod';

// PostgreSQL stores no U+0000 in text or jsonb and fails the whole statement on one. Every string a
// person or a platform sends is checked here, so a stray NUL (or a lone surrogate, which would be
// stored as something else) is refused as bad input, with its field named, instead of failing at the
// database as an internal error.

const NUL = '\u0000';
export const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(hasNul);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, entry]) => key.includes(NUL) || hasNul(entry));
  }
  return false;
}

/** A UTF-16 half without its other half: not text, and silently replaced by U+FFFD when stored. */
const LONE_SURROGATE = /\p{Surrogate}/u;
export const LONE_SURROGATE_MESSAGE = 'must be well-formed text (a lone UTF-16 surrogate is not a character)';

/** A string from outside that the database can store as it was sent. */
export const storableString = () =>
  z
    .string()
    .refine((s) => !s.includes(NUL), NUL_MESSAGE)
    .refine((s) => !LONE_SURROGATE.test(s), LONE_SURROGATE_MESSAGE);

/** Trimmed, non-empty, at most `max` characters, storable. */
export const Text = (max: number) => storableString().trim().min(1).max(max);

/** A JSON object from outside (metadata, context) whose keys and strings the database can store. */
export const StorableRecord = () => z.record(z.string(), z.unknown()).refine((record) => !hasNul(record), NUL_MESSAGE);
