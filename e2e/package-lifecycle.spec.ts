import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { screenshotsForReview } from './screenshots';
import { firstCardWithoutPackage } from './today-cards';

/** The wall date `days` from now on `timeZone`'s calendar, YYYY-MM-DD (what a datetime-local input takes). */
function dayOnClock(days: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** Brings a channel's drafts into view where the workspace shows one channel at a time (tabs). */
async function showChannel(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name: new RegExp(`^${name}\\b`) });
  if ((await tab.count()) > 0) await tab.first().click();
}

/** The package's state as the workspace's lifecycle bar names it ("Package lifecycle: In review"). */
const packageStatus = (page: Page, label: string) => page.getByRole('group', { name: `Package lifecycle: ${label}`, exact: true });

/** Answers the override dialog a refused step opens: it lists the taboo, takes a reason, and retries. */
async function overrideWith(page: Page, action: string, taboo: string, reason: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: new RegExp(`${action} anyway\\?`) });
  await expect(dialog).toBeVisible();
  await expect(
    dialog
      .getByRole('listitem')
      .filter({ hasText: `taboo "${taboo}"` })
      .first(),
  ).toBeVisible();
  await dialog.getByRole('textbox', { name: /Reason for the override/ }).fill(reason);
  await dialog.getByRole('button', { name: `${action} with override` }).click();
  await expect(dialog).toBeHidden();
}

test('a package walks every state in the browser: draft, in review (with an override), approved, scheduled, published, archived and restored', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // A package of its own, built from a Today card, so nothing depends on another spec's leftovers.
  const card = await firstCardWithoutPackage(page);
  await card.getByRole('button', { name: 'Create package' }).click();
  const picker = card.getByRole('group', { name: /Create a package from/ });
  await picker.getByRole('checkbox', { name: 'LinkedIn' }).setChecked(true);
  await picker.getByRole('checkbox', { name: 'X' }).setChecked(true);
  await picker.getByRole('checkbox', { name: 'Newsletter' }).setChecked(false);
  await picker.getByRole('button', { name: 'Build for 2 channels' }).click();
  await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/packages\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const packageUrl = page.url();
  const title = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
  expect(title.length).toBeGreaterThan(0);
  await expect(packageStatus(page, 'Draft')).toBeVisible();

  // From the library (the brand menu's "Packages"): the new package is listed first, as a draft.
  await page.getByRole('link', { name: 'Packages', exact: true }).first().click();
  await expect(page).toHaveURL(/\/packages$/);
  const libraryRow = () =>
    page
      .getByRole('article')
      .filter({ has: page.getByRole('link', { name: title, exact: true }) })
      .first();
  await expect(libraryRow().getByText('Draft', { exact: true })).toBeVisible();
  await screenshotsForReview(page, 'library');
  await libraryRow().getByRole('heading', { name: title }).getByRole('link').click();
  await expect(page).toHaveURL(packageUrl);

  // Edit the thesis: the core argument is saved and shown.
  await page.getByRole('button', { name: 'Edit thesis' }).click();
  const core = `The people we write for feel this change first; three small, concrete steps protect what matters to them, and we show which to take first (${Date.now()}).`;
  await page.getByRole('textbox', { name: /^Core argument/ }).fill(core);
  await page.getByRole('button', { name: 'Save thesis' }).click();
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(page.getByText(core)).toBeVisible();

  // A second LinkedIn draft is set aside with a note.
  const linkedin = page.getByRole('region', { name: 'LinkedIn' });
  const x = page.getByRole('region', { name: 'X', exact: true });
  await showChannel(page, 'LinkedIn');
  const secondDraft = linkedin.getByRole('textbox', { name: 'LinkedIn draft 2' });
  await expect(secondDraft).toBeVisible();
  const rejectButtons = linkedin.getByRole('button', { name: 'Reject', exact: true });
  const before = await rejectButtons.count();
  await rejectButtons.nth(1).click();
  const rejectForm = linkedin.getByRole('form', { name: 'Reject this draft' });
  await rejectForm.getByRole('textbox', { name: /Why reject it\?/ }).fill('Too close to the first draft.');
  await rejectForm.getByRole('button', { name: 'Reject draft' }).click();
  await expect(linkedin.getByText('Rejected.')).toBeVisible();
  await expect(rejectButtons).toHaveCount(before - 1);

  // A live taboo warning on a person's edit, with the taboo highlighted.
  const taboos = ((await page.getByText(/^Taboos: /).textContent()) ?? '').replace(/^Taboos: /, '').split(', ');
  const taboo = taboos[0]!;
  expect(taboo.length).toBeGreaterThan(0);
  const firstDraft = linkedin.getByRole('textbox', { name: 'LinkedIn draft 1' });
  // Long enough for a LinkedIn post (25 words at least), so the taboo is its only problem.
  const edit = `Month-end close in days, not weeks. Here is the checklist our finance team runs every month, what each step saves, where the time used to go, and why ${taboo} has no place in it.`;
  await firstDraft.fill(edit);
  const problems = linkedin.getByRole('list', { name: 'Problems in this draft' });
  await expect(problems.getByText(`taboo "${taboo}"`).first()).toBeVisible();
  // The offending words are highlighted in an excerpt (<mark> has no role Playwright can query).
  await expect(problems.locator('mark', { hasText: taboo })).toBeVisible();
  // The draft saves itself once typing pauses.
  await expect(linkedin.getByText('Saved', { exact: true })).toBeVisible();

  // In review needs an override with a reason: the taboo is still in the draft.
  const lifecycle = page.getByRole('group', { name: /^Package lifecycle: / });
  await lifecycle.getByRole('button', { name: 'Send to review' }).click();
  await screenshotsForReview(page, 'workspace-override', page.getByRole('dialog'));
  await overrideWith(page, 'Send to review', taboo, 'The line names the taboo to rule it out.');
  await expect(packageStatus(page, 'In review')).toBeVisible();

  // Back to draft needs a note; then to review again (the taboo still needs its override).
  await lifecycle.getByRole('button', { name: 'Back to draft' }).click();
  await lifecycle.getByRole('textbox', { name: /What needs to change\?/ }).fill('Check the hook once more.');
  await lifecycle.getByRole('button', { name: 'Send back to draft' }).click();
  await expect(packageStatus(page, 'Draft')).toBeVisible();
  await lifecycle.getByRole('button', { name: 'Send to review' }).click();
  await overrideWith(page, 'Send to review', taboo, 'The hook was checked; the taboo is named to refuse it.');
  await expect(packageStatus(page, 'In review')).toBeVisible();

  await lifecycle.getByRole('button', { name: 'Approve', exact: true }).click();
  await overrideWith(page, 'Approve', taboo, 'Legal read it: the taboo is named to refuse it.');
  await expect(packageStatus(page, 'Approved')).toBeVisible();

  // Schedule an X draft on the brand's clock, whose zone is shown beside the control.
  await showChannel(page, 'X');
  const when = x.getByLabel('Schedule for').first();
  const zone = await when.evaluate((input) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
  expect(zone).toMatch(/^(UTC|[A-Za-z_]+\/[A-Za-z_/-]+)$/);
  await expect(when).toHaveAccessibleDescription(zone);
  const day = dayOnClock(2, zone);
  await when.fill(`${day}T09:30`);
  await screenshotsForReview(page, 'workspace-schedule', x);
  await x.getByRole('button', { name: 'Schedule', exact: true }).first().click();
  const scheduledLine = x.getByText(/^Scheduled for /);
  await expect(scheduledLine).toContainText('09:30');
  await expect(scheduledLine).toContainText(`(${zone})`);
  await expect(packageStatus(page, 'Scheduled')).toBeVisible();

  // Mark the scheduled draft published with its post link.
  const postUrl = `https://x.com/ledgerline/status/${Date.now()}`;
  await x.getByRole('textbox', { name: 'Post link' }).first().fill(postUrl);
  await x.getByRole('button', { name: 'Mark published' }).first().click();
  await expect(x.getByRole('link', { name: 'View the post' })).toHaveAttribute('href', postUrl);
  await expect(packageStatus(page, 'Published')).toBeVisible();

  // The same post link on the other X draft is refused beside its own button, in the engine's words, and
  // focus goes to the reason.
  await x.getByRole('textbox', { name: 'Post link' }).first().fill(postUrl);
  await x.getByRole('button', { name: 'Mark published' }).first().click();
  const refusal = x.getByRole('alert').filter({ hasText: 'is already recorded for another variant of this channel' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toBeFocused();
  await expect(refusal.locator('xpath=..').getByRole('button', { name: 'Mark published' })).toBeVisible();
  await expect(page.getByText('Internal server error')).toHaveCount(0);
  await x.getByRole('textbox', { name: 'Post link' }).first().fill('');
  await screenshotsForReview(page, 'workspace-published', lifecycle);

  // The library shows it as published, with its published draft counted.
  await page.getByRole('link', { name: 'Packages', exact: true }).first().click();
  await expect(libraryRow().getByText('Published', { exact: true })).toBeVisible();
  await expect(libraryRow().getByRole('list', { name: 'Channels and their drafts' })).toContainText('1 published');
  // Another spec may have built a package from the same idea (same title) on this server.
  const sameTitle = await page.getByRole('heading', { name: title, exact: true }).count();
  await libraryRow().getByRole('heading', { name: title }).getByRole('link').click();
  await expect(page).toHaveURL(packageUrl);

  // Export as Markdown: a .md file named after the title, holding the title and the post link.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as Markdown' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+\.md$/);
  const markdown = readFileSync((await download.path())!, 'utf8');
  expect(markdown).toContain(title);
  expect(markdown).toContain(postUrl);

  // Archive it: it leaves the default library list, the Archived filter finds it; restore returns it to published.
  await lifecycle.getByRole('button', { name: 'Archive' }).click();
  await expect(packageStatus(page, 'Archived')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit thesis' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Packages', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: title, exact: true })).toHaveCount(sameTitle - 1);
  await page.getByRole('combobox', { name: /^Status/ }).selectOption('archived');
  await expect(page).toHaveURL(/status=archived/);
  await expect(libraryRow().getByText('Archived', { exact: true })).toBeVisible();
  await libraryRow().getByRole('heading', { name: title }).getByRole('link').click();
  await lifecycle.getByRole('button', { name: 'Restore' }).click();
  await expect(packageStatus(page, 'Published')).toBeVisible();

  // Every step is in the history, the overrides with their reasons.
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByText('Override: Legal read it: the taboo is named to refuse it.')).toBeVisible();
  for (const step of [
    'Sent to review',
    'Approved the package',
    'Scheduled a draft',
    'Marked a draft published',
    'Archived',
    'Restored',
    'Rejected a draft',
  ]) {
    await expect(history.getByText(step, { exact: true }).first()).toBeVisible();
  }
});
