// The one taboo matcher: the guard rail, the copy editor and the opportunity generation rules all ask
// it, so a draft and an idea are held to the same notion of "mentions a taboo".

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches `term` as a whole word or phrase, in any case (so "crypto" does not match "cryptography"). */
export function termPattern(term: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term.trim())}(?![\\p{L}\\p{N}])`, 'giu');
}

/** The taboos `text` mentions, in the order given; blank taboos never match. */
export function mentionedTaboos(text: string, taboos: readonly string[]): string[] {
  return taboos.filter((taboo) => taboo.trim() !== '' && termPattern(taboo).test(text));
}
