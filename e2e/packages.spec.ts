import { expect, test } from '@playwright/test';
import { firstCardWithoutPackage } from './today-cards';

test('from Today, a package for two channels is built, edited, saved and regenerated', async ({ page }) => {
  const card = await firstCardWithoutPackage(page);
  await card.getByRole('button', { name: 'Create package' }).click();
  const picker = card.getByRole('group', { name: /Create a package from/ });
  await picker.getByRole('checkbox', { name: 'LinkedIn' }).setChecked(true);
  await picker.getByRole('checkbox', { name: 'X' }).setChecked(true);
  await picker.getByRole('checkbox', { name: 'Newsletter' }).setChecked(false);
  await picker.getByRole('button', { name: 'Build for 2 channels' }).click();

  await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/packages\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Thesis' })).toBeVisible();
  const linkedin = page.getByRole('region', { name: 'LinkedIn' });
  const x = page.getByRole('region', { name: 'X', exact: true });
  await expect(x.getByRole('textbox').first()).toBeVisible();
  await expect(linkedin.getByText('Offline model (no AI configured)').first()).toBeVisible();

  const draft = linkedin.getByRole('textbox', { name: 'LinkedIn draft 1' });
  // Long enough for LinkedIn's floor (25 words), so sending it to review needs no override.
  const edit = `Edited in the browser ${Date.now()}: close the books in days, not weeks. The checklist our finance team runs every month, what each step saves, and where the time used to go.`;
  await draft.fill(edit);
  await expect(linkedin.getByText(`${edit.length} / 3,000 characters`)).toBeVisible();
  // The draft saves itself once typing pauses.
  await expect(linkedin.getByText('Saved', { exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('region', { name: 'LinkedIn' }).getByRole('textbox', { name: 'LinkedIn draft 1' })).toHaveValue(edit);

  const xRegion = page.getByRole('region', { name: 'X', exact: true });
  const xTexts = () =>
    xRegion.getByRole('textbox').evaluateAll((boxes) => boxes.map((box) => (box as HTMLTextAreaElement).value).join('|'));
  const before = await xTexts();
  await xRegion.getByRole('button', { name: 'Regenerate X drafts' }).click();
  await expect(xRegion.getByRole('button', { name: 'Regenerate X drafts' })).toBeEnabled({ timeout: 30_000 });
  await expect(xRegion.getByRole('alert')).toHaveCount(0);
  await expect.poll(xTexts).not.toBe(before);
  // Regenerating X leaves the person's LinkedIn edit alone.
  await expect(page.getByRole('region', { name: 'LinkedIn' }).getByRole('textbox', { name: 'LinkedIn draft 1' })).toHaveValue(edit);

  await page.getByRole('group', { name: 'Package lifecycle' }).getByRole('button', { name: 'Send to review' }).click();
  await expect(page.getByText('In review', { exact: true })).toBeVisible();
});
