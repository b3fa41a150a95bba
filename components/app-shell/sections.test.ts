import { describe, expect, it } from 'vitest';
import { sectionOf, switchBrandHref } from './sections';

const A = '0b0c5d1e-8a52-4b1f-9d55-3f7a1c1e0a01';
const B = '7e0e3f6a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('switchBrandHref', () => {
  it('keeps the section when switching brand', () => {
    expect(switchBrandHref(`/brands/${A}/insights`, B)).toBe(`/brands/${B}/insights`);
    expect(switchBrandHref(`/brands/${A}/runs`, B)).toBe(`/brands/${B}/runs`);
  });

  it('drops a page of the old brand and lands on Today for a page outside the sections', () => {
    expect(switchBrandHref(`/brands/${A}/runs/${A}`, B)).toBe(`/brands/${B}/runs`);
    expect(switchBrandHref(`/brands/${A}/packages/${A}`, B)).toBe(`/brands/${B}/today`);
    expect(switchBrandHref(`/brands/${A}`, B)).toBe(`/brands/${B}/today`);
  });
});

describe('sectionOf', () => {
  it('reads the section segment of a brand path', () => {
    expect(sectionOf(`/brands/${A}/insights`)).toBe('insights');
    expect(sectionOf(`/brands/${A}/runs/${B}`)).toBe('runs');
    expect(sectionOf('/')).toBe('today');
  });
});
