// The dedupe rule for opportunities: one live opportunity per brand for a title from a source, however
// the title is cased, spaced or punctuated. The key is stored in `dedupe_key`, and the partial unique
// index opportunities_dedupe_uq enforces it, so concurrent ingests of the same idea cannot both land.
// The seed keys its demo rows with it too, so an ingested duplicate of a demo idea is recognised.

/** NFKC, lowercase, punctuation stripped, whitespace collapsed and trimmed. */
export function normalizeForDedupe(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{P}+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function opportunityDedupeKey(title: string, source: string): string {
  return `${normalizeForDedupe(title)}|${normalizeForDedupe(source)}`;
}
