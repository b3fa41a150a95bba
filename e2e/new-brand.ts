import { expect, type Page } from '@playwright/test';
import { signInByEmail } from './sign-in';

/** The strategy setup's five questions, by their labels on the page. */
export interface SetupAnswers {
  'What does the brand do, in one line?': string;
  'Who is it for?': string;
  'What should its content achieve?': string;
  'How must it never sound?': string;
  'Which topics must it never touch?': string;
}

export interface NewBrand {
  /** Someone in no workspace yet (the server's data folder is wiped before every run). */
  email: string;
  workspace: string;
  brand: string;
  answers: SetupAnswers;
}

export const brandIdOf = (page: Page) => /\/brands\/([0-9a-f-]{36})\//.exec(page.url())![1]!;

/** Answers the strategy setup's five questions and asks for a strategy; ends on the draft to review. */
export async function proposeStrategy(page: Page, answers: SetupAnswers): Promise<void> {
  for (const [question, answer] of Object.entries(answers)) {
    await page.getByRole('textbox', { name: question }).fill(answer);
  }
  await page.getByRole('button', { name: 'Propose a strategy' }).click();
  await expect(page.getByRole('heading', { name: 'Review the proposed strategy' })).toBeVisible();
}

/**
 * A new person's way to a calibrated brand with no seed data, through the pages only: sign in by email,
 * create the workspace, create the brand, answer the five questions, accept the offline model's draft
 * as proposed. Ends on the brand's Today page; returns the brand's id.
 */
export async function createCalibratedBrand(page: Page, brand: NewBrand): Promise<string> {
  await signInByEmail(page, brand.email);
  await expect(page.getByRole('heading', { level: 1, name: 'Create your workspace' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Workspace name' }).fill(brand.workspace);
  await page.getByRole('button', { name: 'Create workspace' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'New brand' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Brand name' }).fill(brand.brand);
  await page.getByRole('button', { name: 'Create brand' }).click();
  await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/strategy\/setup$/);

  await proposeStrategy(page, brand.answers);
  await page.getByRole('button', { name: 'Accept strategy' }).click();
  await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/today$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  return brandIdOf(page);
}
