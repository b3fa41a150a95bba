import { describe, expect, it } from 'vitest';
import { likePattern } from './library';
import { spreadsheetSafe } from './library-csv';
import { LibraryCursor } from './library-dto';
import { markdownFilename } from './package-markdown';

describe('spreadsheetSafe', () => {
  it('prefixes a cell a spreadsheet would run as a formula with an apostrophe', () => {
    for (const cell of ['=1+1', '+1 for close', '-5 days', '@SUM(A1)', '\t=1', '\r=1']) expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
  });

  it('leaves every other cell as it is', () => {
    for (const cell of ['Close the books', '', "'quoted", '1+1=2', 'a=b', ' =1']) expect(spreadsheetSafe(cell)).toBe(cell);
  });
});

describe('likePattern', () => {
  it("escapes LIKE's wildcards and its escape character, and matches anywhere in the title", () => {
    expect(likePattern('100%')).toBe('%100\\%%');
    expect(likePattern('snake_case')).toBe('%snake\\_case%');
    expect(likePattern('back\\slash')).toBe('%back\\\\slash%');
  });
});

describe('LibraryCursor', () => {
  it('takes a cursor the list gives, refuses a forged or impossible one', () => {
    const id = '0b0c5d1e-8a52-4b1f-9d55-3f7a1c1e0a01';
    expect(LibraryCursor.safeParse(`2026-03-15T12:00:00.123456Z~${id}`).success).toBe(true);
    for (const cursor of [
      `2026-02-30T12:00:00.123456Z~${id}`,
      `2026-13-01T12:00:00.123456Z~${id}`,
      `2026-03-15T12:00:00Z~${id}`,
      'abc',
      '',
    ])
      expect(LibraryCursor.safeParse(cursor).success).toBe(false);
  });
});

describe('markdownFilename', () => {
  it('names the file after the title in lowercase words joined by dashes', () => {
    expect(markdownFilename('Reconciliation: a habit, not a project')).toBe('reconciliation-a-habit-not-a-project.md');
    expect(markdownFilename('Café crème — 100%')).toBe('cafe-creme-100.md');
    expect(markdownFilename('!!!')).toBe('package.md');
    expect(markdownFilename('x'.repeat(200))).toBe(`${'x'.repeat(60)}.md`);
  });
});
