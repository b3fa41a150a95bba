// The seed's copy of the opportunity dedupe rule (normalised title + source). The
// OpportunitiesEngine owns the rule; this must produce the same keys so an ingested duplicate of a
// demo idea is recognised.

/** Lowercase, punctuation stripped, whitespace collapsed. */
export function normalizeForDedupe(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\p{P}+/gu, '').replace(/\s+/g, ' ').trim();
}

export function opportunityDedupeKey(title: string, source: string): string {
  return `${normalizeForDedupe(title)}|${normalizeForDedupe(source)}`;
}
