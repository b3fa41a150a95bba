import { expect, test } from '@playwright/test';
import { brandIdOf, proposeStrategy, type SetupAnswers } from './new-brand';
import { signInByEmail } from './sign-in';

// People who are not in the demo data: the server's data folder is wiped before every run, so they
// are new each time.
const OWNER_EMAIL = 'lena.lead@fieldnotes.example';
const MEMBER_EMAIL = 'sam.writer@fieldnotes.example';
const WORKSPACE = 'Field Notes Media';
const BRAND = 'Field Notes Analytics';

const ANSWERS: SetupAnswers = {
  'What does the brand do, in one line?': 'Field Notes Analytics helps operations teams see where their week went.',
  'Who is it for?': 'operations managers at mid-size companies, COOs',
  'What should its content achieve?': 'earn trust, explain time tracking without guilt, book demos',
  'How must it never sound?': 'salesy, preachy, full of jargon',
  'Which topics must it never touch?': 'politics, employee surveillance',
};

test('a new user goes from first sign-in to a calibrated brand with a team, a pillar edited and a pattern retired', async ({
  page,
  browser,
}) => {
  // One person's whole first session, step by step on the production build.
  test.setTimeout(180_000);

  await test.step('signed in with no workspace, they type its name while the page still loads, and create it', async () => {
    await page.goto('/sign-in');
    await page.getByRole('textbox', { name: 'Email' }).fill(OWNER_EMAIL);
    // The next page's scripts are held back until the name is typed: the typing meets the server's HTML
    // before React hydrates it, as on a slow connection, and the form must still take the name.
    let releaseScripts!: () => void;
    const scriptsHeld = new Promise<void>((resolve) => {
      releaseScripts = resolve;
    });
    const scripts = /\/_next\/static\/.+\.js(\?|$)/;
    await page.route(scripts, async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Sign in with this email' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create your workspace' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Workspace name' }).fill(WORKSPACE);
    // Rendered on the server for an empty name; only the hydrated form can enable it.
    await expect(page.getByRole('button', { name: 'Create workspace' })).toBeDisabled();
    releaseScripts();
    // Once the held scripts have gone on (unrouting at once would hand them back to the default under the handlers).
    await page.unrouteAll({ behavior: 'wait' });
    await expect(page.getByRole('button', { name: 'Create workspace' })).toBeEnabled();
    await expect(page.getByRole('textbox', { name: 'Workspace name' })).toHaveValue(WORKSPACE);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect(page).toHaveURL(/\/brands\/new\?workspaceId=[0-9a-f-]{36}$/);
  });

  await test.step('they create the brand, which opens its strategy setup', async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'New brand' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Workspace' })).toHaveText(WORKSPACE);
    await page.getByRole('textbox', { name: 'Brand name' }).fill(BRAND);
    await expect(page.getByText('Leave empty to use “field-notes-analytics”, made from the name.')).toBeVisible();
    await page.getByRole('button', { name: 'Create brand' }).click();
    await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/strategy\/setup$/);
  });

  await test.step('they answer the five questions and get a draft to review', async () => {
    await expect(page.getByRole('heading', { name: `Five questions about ${BRAND}` })).toBeVisible();
    await proposeStrategy(page, ANSWERS);
    // No model key in e2e: the draft says it came from the offline model.
    await expect(page.getByText('Offline model', { exact: true })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Pillar 1' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Persona 1' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Taboos' })).toHaveValue(/employee surveillance/);
  });

  await test.step('they edit the draft and accept it; Today shows the calibrated brand and what fills its board', async () => {
    await page.getByRole('group', { name: 'Pillar 1' }).getByRole('textbox', { name: 'Name' }).fill('Where the week went');
    await page.getByRole('button', { name: 'Accept strategy' }).click();
    await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/today$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Brand' }).locator('option:checked')).toHaveText(BRAND);
    await expect(page.getByText(/not calibrated/)).toHaveCount(0);
    // The empty board says how to fill it now that the strategy is in place.
    const emptyHint = page.getByText(/^No opportunities yet\. Add one with Add idea above/);
    await expect(emptyHint).toBeVisible();
    await expect(emptyHint.getByRole('link', { name: 'follow sources' })).toHaveAttribute('href', `/brands/${brandIdOf(page)}/sources`);
    await expect(page.getByRole('button', { name: 'Add idea' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Generate ideas' })).toBeVisible();

    await page.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Strategy' }).click();
    await expect(page.getByText('Calibrated', { exact: true })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Pillar 1' }).getByRole('textbox', { name: 'Name' })).toHaveValue('Where the week went');
  });

  const brandId = brandIdOf(page);

  await test.step('they invite a member by email', async () => {
    await page.getByRole('link', { name: 'Team' }).click();
    await expect(page).toHaveURL(/\/workspaces\/[0-9a-f-]{36}\/team$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Email' }).fill(MEMBER_EMAIL);
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('member');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(page.getByText('Invited: they join when they sign in with that email.')).toBeVisible();
    const pending = page.getByRole('region', { name: /Pending invites/ });
    await expect(pending.getByRole('listitem').filter({ hasText: MEMBER_EMAIL })).toContainText('Member · invited');
  });

  await test.step('the member signs in with that email, in their own browser, and sees the brand read-only', async () => {
    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    await signInByEmail(member, MEMBER_EMAIL);
    // The invite was accepted on sign-in: the member lands straight on the brand.
    await expect(member).toHaveURL(`/brands/${brandId}/today`);
    await expect(member.getByRole('combobox', { name: 'Brand' }).locator('option:checked')).toHaveText(BRAND);

    await member.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Strategy' }).click();
    await expect(member.getByText('you are a member, so you see it read-only')).toBeVisible();
    const pillar = member.getByRole('form', { name: 'Pillar 1' });
    await expect(pillar.getByRole('textbox', { name: 'Name' })).toHaveValue('Where the week went');
    await expect(pillar.getByRole('textbox', { name: 'Name' })).toBeDisabled();
    await expect(member.getByRole('button', { name: 'Save' })).toHaveCount(0);
    await expect(member.getByRole('button', { name: 'Add pillar' })).toHaveCount(0);

    await member.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Patterns' }).click();
    await expect(member.getByRole('heading', { level: 1, name: 'Patterns' })).toBeVisible();
    await expect(member.getByRole('button', { name: 'New pattern' })).toHaveCount(0);

    await member.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Settings' }).click();
    await expect(member.getByText('you are a member, so you see them read-only')).toBeVisible();
    await expect(member.getByRole('textbox', { name: 'Brand name' })).toBeDisabled();
    await expect(member.getByRole('button', { name: /Archive brand/ })).toHaveCount(0);

    await member.getByRole('link', { name: 'Team' }).click();
    await expect(member.getByText('You are a member of this workspace, so you see its team read-only')).toBeVisible();
    await expect(member.getByRole('textbox', { name: 'Email' })).toHaveCount(0);
    await memberContext.close();
  });

  await test.step('the owner edits a pillar; the edit is kept', async () => {
    await page.goto(`/brands/${brandId}/strategy`);
    const pillar = page.getByRole('form', { name: 'Pillar 2' });
    // A fresh load: an edit typed before the form hydrated counts as one.
    await pillar.getByRole('textbox', { name: 'Description' }).fill('How teams spend meeting time, with numbers they can check.');
    await expect(pillar.getByRole('status')).toHaveText('Unsaved changes');
    await pillar.getByRole('button', { name: 'Save' }).click();
    await expect(pillar.getByRole('status')).toHaveText('Saved');
    await page.reload();
    await expect(page.getByRole('form', { name: 'Pillar 2' }).getByRole('textbox', { name: 'Description' })).toHaveValue(
      'How teams spend meeting time, with numbers they can check.',
    );
  });

  await test.step('the owner creates a pattern and retires it', async () => {
    await page.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Patterns' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Patterns' })).toBeVisible();
    const form = page.getByRole('region', { name: 'New pattern' });
    await expect(async () => {
      await page.getByRole('button', { name: 'New pattern' }).click({ timeout: 1_000 });
      await expect(form).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await form.getByRole('textbox', { name: 'Name' }).fill('Week in numbers');
    await form.getByRole('textbox', { name: /^Structure/ }).fill('One surprising number\nWhat it means\nWhat to try\nQuestion');
    await form.getByRole('button', { name: 'Create pattern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Created "Week in numbers".' })).toBeVisible();

    const ownPatterns = page.getByRole('region', { name: /Your brand's patterns/ });
    const pattern = ownPatterns.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Week in numbers' }) });
    await expect(pattern.getByRole('list', { name: 'Structure' }).getByRole('listitem')).toHaveText([
      'One surprising number',
      'What it means',
      'What to try',
      'Question',
    ]);
    await expect(pattern).toContainText('Active');
    await pattern.getByRole('button', { name: 'Retire' }).click();
    await pattern.getByRole('group', { name: 'Retire Week in numbers?' }).getByRole('button', { name: 'Retire pattern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Retired "Week in numbers"' })).toBeVisible();
    await expect(pattern).toContainText('Retired');
    await expect(pattern.getByRole('button', { name: 'Restore' })).toBeVisible();

    // Stored as retired: after a reload the status filter finds it among the retired, not the active.
    await page.reload();
    const statusFilter = page.getByRole('combobox', { name: 'Status' });
    await expect(async () => {
      await statusFilter.selectOption('active');
      await expect(ownPatterns.getByRole('heading', { name: 'Week in numbers' })).toHaveCount(0, { timeout: 1_000 });
    }).toPass();
    await statusFilter.selectOption('retired');
    await expect(ownPatterns.getByRole('heading', { name: 'Week in numbers' })).toBeVisible();
  });
});
