import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLUG_MAX_LENGTH, SLUG_PATTERN, slugFromName } from './slug';

describe('slugFromName', () => {
  it('lower-cases, joins words with single hyphens and drops what is neither letter nor digit', () => {
    expect(slugFromName('Northwind Studio')).toBe('northwind-studio');
    expect(slugFromName('  Acme -- Growth & Co.  ')).toBe('acme-growth-co');
    expect(slugFromName('B2B: SaaS/Ops 2026')).toBe('b2b-saas-ops-2026');
  });

  it('keeps the letters of accented names', () => {
    expect(slugFromName('Café Zürich')).toBe('cafe-zurich');
    expect(slugFromName('Ångström Ltd')).toBe('angstrom-ltd');
  });

  it('is null when nothing a slug may hold is left', () => {
    for (const name of ['', '   ', '!!!', '日本語', '🚀🚀', '---']) expect(slugFromName(name), name).toBeNull();
  });

  it('cuts a long name at a word boundary within the length limit', () => {
    const slug = slugFromName('Quarterly '.repeat(12));
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug!.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug!.endsWith('quarterly')).toBe(true);
  });

  it('gives any name a slug the database accepts, or null', () => {
    const names = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(names, (name) => {
        const slug = slugFromName(name);
        if (slug === null) return !/[a-z0-9]/i.test(name.normalize('NFKD'));
        return SLUG_PATTERN.test(slug) && slug.length <= SLUG_MAX_LENGTH;
      }),
      { numRuns: 2_000 },
    );
  });
});
