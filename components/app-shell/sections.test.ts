import { describe, expect, it } from 'vitest';
import { sectionOf, switchBrandHref } from './sections';

const CURRENT_BRAND = '0b0c5d1e-8a52-4b1f-9d55-3f7a1c1e0a01';
const OTHER_BRAND = '7e0e3f6a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('switchBrandHref', () => {
  it('keeps the section when switching brand', () => {
    expect(switchBrandHref(`/brands/${CURRENT_BRAND}/insights`, OTHER_BRAND)).toBe(`/brands/${OTHER_BRAND}/insights`);
    expect(switchBrandHref(`/brands/${CURRENT_BRAND}/runs`, OTHER_BRAND)).toBe(`/brands/${OTHER_BRAND}/runs`);
    expect(switchBrandHref(`/brands/${CURRENT_BRAND}/settings`, OTHER_BRAND)).toBe(`/brands/${OTHER_BRAND}/settings`);
    // The strategy setup questions belong to the old brand's flow; the other brand opens on its strategy.
    expect(switchBrandHref(`/brands/${CURRENT_BRAND}/strategy/setup`, OTHER_BRAND)).toBe(`/brands/${OTHER_BRAND}/strategy`);
  });

  it('drops a page of the old brand and lands on Today for a page outside the sections', () => {
    expect(switchBrandHref(`/brands/${CURRENT_BRAND}/runs/${CURRENT_BRAND}`, OTHER_BRAND)).toBe(`/brands/${OTHER_BRAND}/runs`);
    // One package belongs to the old brand; the other brand opens on its package library.
    expect(switchBrandHref(`/brands/${CURRENT_BRAND}/packages/${CURRENT_BRAND}`, OTHER_BRAND)).toBe(`/brands/${OTHER_BRAND}/packages`);
    expect(switchBrandHref(`/brands/${CURRENT_BRAND}`, OTHER_BRAND)).toBe(`/brands/${OTHER_BRAND}/today`);
  });
});

describe('sectionOf', () => {
  it('reads the section segment of a brand path', () => {
    expect(sectionOf(`/brands/${CURRENT_BRAND}/insights`)).toBe('insights');
    expect(sectionOf(`/brands/${CURRENT_BRAND}/runs/${OTHER_BRAND}`)).toBe('runs');
    expect(sectionOf('/')).toBe('today');
  });
});
