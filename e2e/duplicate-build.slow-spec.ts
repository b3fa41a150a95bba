import { expect, test } from '@playwright/test';
import { signInAsDemoUser } from './sign-in';

// Each model call takes 10 s here (slow-model.config.ts), so a build takes about 20 s: the thesis,
// then the drafts.

test('a retry while the build is still running is answered with its progress, and the page opens the finished workspace', async ({
  page,
}) => {
  await signInAsDemoUser(page);
  const card = page.locator('article.opportunity').first();
  await card.getByRole('button', { name: 'Create package' }).click();
  const picker = card.getByRole('group', { name: /Create a package from/ });
  for (const channel of ['LinkedIn', 'X', 'Newsletter'])
    await picker.getByRole('checkbox', { name: channel, exact: true }).setChecked(channel === 'LinkedIn');

  // The first request reaches the server and its build runs, but the browser loses the answer (a
  // dropped connection), as when a function or a network gives out.
  let dropped = false;
  await page.route('**/api/trpc/packages.createFromOpportunity**', async (route) => {
    if (dropped) return route.continue();
    dropped = true;
    void route.fetch().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.abort('connectionreset');
  });
  await picker.getByRole('button', { name: 'Build for 1 channel' }).click();
  const retry = picker.getByRole('button', { name: 'Try again' });
  await expect(retry).toBeVisible();
  const progress = picker.getByRole('list', { name: 'Build progress' });
  await expect(progress.getByText('LinkedIn')).toBeVisible();

  // "Try again" sends the same key while the build is running: a duplicate, answered with the
  // build's progress rather than the workspace it would wait for (and not an error).
  const answered = page.waitForResponse(
    (response) => response.url().includes('packages.createFromOpportunity') && response.request().method() === 'POST',
  );
  await retry.click();
  const answer = await answered;
  expect(answer.status()).toBe(200);
  const [batch] = (await answer.json()) as { result: { data: { json: { building?: { status: string }; package?: unknown } } } }[];
  expect(batch!.result.data.json.building).toMatchObject({ status: 'running' });
  expect(batch!.result.data.json.package).toBeUndefined();
  await expect(picker.getByRole('button', { name: 'Building…' })).toBeDisabled();

  // The page keeps polling the progress and opens the workspace once the build has ended.
  await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/packages\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const linkedin = page.getByRole('region', { name: 'LinkedIn' });
  await expect(linkedin.getByRole('textbox', { name: 'LinkedIn draft 1' })).toBeVisible();
  await expect(page.getByText('Some drafts could not be written.')).toHaveCount(0);
});
