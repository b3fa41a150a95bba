// A brand's slug, in one module the engine (which stores it) and the new-brand form (which previews
// it) both read, so the preview is exactly what will be stored.

/** The same rule as the brands table's check constraint: lowercase words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 60;

// Letters with a diacritic decompose under NFKD into the letter plus combining marks, which are then
// dropped, so "Café Zürich" keeps its letters instead of losing them.
const COMBINING_MARKS = /\p{Mark}/gu;
const NOT_SLUG_CHARACTERS = /[^a-z0-9]+/g;

/**
 * The slug a brand name gives: lower-case a–z and 0–9, every other run of characters one hyphen, no
 * hyphen at either end, at most SLUG_MAX_LENGTH characters (cut at a word boundary when one is near).
 * Null when the name has no letter or digit it can keep (e.g. "日本" or "!!!"): the caller must ask
 * for a slug instead of inventing one.
 */
export function slugFromName(name: string): string | null {
  const words = name.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(NOT_SLUG_CHARACTERS, '-');
  const slug = trimHyphens(words);
  if (slug === '') return null;
  if (slug.length <= SLUG_MAX_LENGTH) return slug;
  const cut = slug.slice(0, SLUG_MAX_LENGTH);
  const lastHyphen = cut.lastIndexOf('-');
  return trimHyphens(lastHyphen >= SLUG_MAX_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut);
}

// Runs were already collapsed to one hyphen, so at most one sits at each end.
const EDGE_HYPHENS = /^-|-$/g;

function trimHyphens(value: string): string {
  return value.replace(EDGE_HYPHENS, '');
}
