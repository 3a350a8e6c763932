import { expect, Page, test } from '@playwright/test';

/**
 * Sign-in through a real OpenID Connect provider (issue 18): the test IdP of e2e/oidc/server.mjs,
 * wired to the portal by app-config.e2e.yaml. alice's IdP e-mail is alice-analyst's
 * spec.profile.email in the catalog, so she signs in as alice-analyst, with her teams from the
 * catalog and so her use cases.
 */

/** The IdP's login and consent pages (oidc-provider's development interactions). */
async function signInAtIdp(popup: Page, login: string, password: string) {
  await popup.waitForLoadState('domcontentloaded');
  await popup.locator('input[name="login"]').fill(login);
  await popup.locator('input[name="password"]').fill(password);
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  // Consent to the portal reading the profile and e-mail.
  await popup.getByRole('button', { name: 'Continue' }).click();
}

test('alice signs in through the company IdP and is alice-analyst, with her teams and use cases', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');

  // The OIDC button opens the IdP's login page in a popup, like Backstage's own sign-in page.
  const popupOpened = page.waitForEvent('popup');
  await page
    .getByRole('button', { name: 'Sign in with company account' })
    .click();
  const popup = await popupOpened;
  await expect(popup).toHaveURL(/^http:\/\/127\.0\.0\.1:5556\//);
  await signInAtIdp(popup, 'alice', 'any-password');
  // Back from the IdP through the backend's callback, the popup closes and the portal opens.
  await popup.waitForEvent('close', { timeout: 30_000 });
  await expect(
    page.getByRole('heading', { name: 'Cloud Data Hub Catalog' }),
  ).toBeVisible();

  // She is the catalog's alice-analyst, with her teams (the token's ownership refs).
  await page.goto('/settings');
  await expect(page.getByText('Alice Analyst').first()).toBeVisible();
  await expect(page.getByText('alice@example.com')).toBeVisible();
  const ownership = page.getByText(/^Ownership Entities:/);
  await expect(ownership).toContainText(/alice-analyst|Alice Analyst/);
  await expect(ownership).toContainText(
    /us-marketing-analytics|US marketing analytics/,
  );
  await expect(ownership).toContainText(/fleet-insights|Fleet insights/);
  await expect(ownership).not.toContainText(
    /connected-vehicle-data|Connected vehicle data/,
  );

  // Her teams' use cases are hers to query with.
  await page.goto('/data-hub/query');
  await page.getByRole('button', { name: /Use case/ }).click();
  await expect(
    page.getByRole('option', { name: /US marketing 360/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('option', { name: /Global fleet insights/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('option', { name: /China quality analytics/ }),
  ).toHaveCount(0);
  await page.keyboard.press('Escape');

  // A reload keeps her signed in (the portal refreshes the session with the IdP's refresh token).
  await page.reload();
  await page.goto('/settings');
  await expect(page.getByText('alice@example.com')).toBeVisible();

  // Signing out brings the sign-in page back.
  await page.getByRole('button', { name: 'more' }).click();
  await page.getByRole('menuitem', { name: 'Sign Out' }).click();
  await expect(
    page.getByRole('button', { name: 'Sign in with company account' }),
  ).toBeVisible();
});
