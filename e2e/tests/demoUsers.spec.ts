import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signIn';

/** The Settings page, where the profile and the Backstage identity of the signed-in user show. */
async function openSettings(page: Page) {
  await page.goto('/settings');
  await expect(
    page.getByRole('heading', { name: 'Settings' }).first(),
  ).toBeVisible();
}

// The Backstage Identity card's list of the token's ownership refs (shown by their titles).
const ownership = (page: Page) => page.getByText(/^Ownership Entities:/);

test('sign in as a dataset owner, sign out, sign in as a consumer', async ({
  page,
}) => {
  await signInAs(page, 'bob-owner');

  // The profile is Bob's, and his token carries his provider teams (from the catalog).
  await openSettings(page);
  await expect(page.getByText('Bob Owner').first()).toBeVisible();
  await expect(page.getByText('bob@example.com')).toBeVisible();
  await expect(ownership(page)).toContainText(
    /connected-vehicle-data|Connected vehicle data/,
  );
  await expect(ownership(page)).toContainText(
    /sales-data-us|Sales data \(US\)/,
  );

  // A reload keeps Bob signed in.
  await page.reload();
  await expect(page.getByText('bob@example.com')).toBeVisible();

  // Signing out brings back the picker.
  await page.getByRole('button', { name: 'more' }).click();
  await page.getByRole('menuitem', { name: 'Sign Out' }).click();
  await expect(
    page.getByRole('button', { name: 'Sign in as Alice Analyst' }),
  ).toBeVisible();

  await signInAs(page, 'alice-analyst');
  await openSettings(page);
  await expect(page.getByText('Alice Analyst').first()).toBeVisible();
  await expect(page.getByText('alice@example.com')).toBeVisible();
  await expect(page.getByText('Bob Owner')).toHaveCount(0);
  await expect(ownership(page)).toContainText(
    /us-marketing-analytics|US marketing analytics/,
  );
  await expect(ownership(page)).not.toContainText(
    /connected-vehicle-data|Connected vehicle data/,
  );
});
