import { expect, Page } from '@playwright/test';

/**
 * Signs in on the demo portal's sign-in page (packages/app/src/modules/signIn): as the demo user
 * of that name (`app.demoUsers`, signed in by the backend's `demo` auth provider), or as a
 * guest when no user is given. Expects the picker, i.e. a fresh browser context or a signed-out
 * one; ends on the catalog, the landing page.
 */
export async function signInAs(page: Page, user?: string) {
  await page.goto('/');
  const choice = user
    ? page
        .getByRole('listitem')
        .filter({ has: page.getByText(user, { exact: true }) })
        .getByRole('button', { name: /^Sign in as / })
    : page.getByRole('button', { name: 'Enter as guest' });
  await choice.click();

  // On a first start the catalog may not have read the demo users yet: the page then says so
  // and offers to try again.
  const catalog = page.getByRole('heading', { name: 'Cloud Data Hub Catalog' });
  const tryAgain = page.getByRole('button', { name: 'Try again' });
  await expect(async () => {
    if (await tryAgain.isVisible()) {
      await tryAgain.click();
    }
    await expect(catalog).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
}

/**
 * Signs out through Settings → ⋮ → Sign Out, as a person switching demo users would, and waits
 * for the sign-in picker.
 */
export async function signOut(page: Page) {
  await page.goto('/settings');
  await page.getByRole('button', { name: 'more' }).click();
  await page.getByRole('menuitem', { name: 'Sign Out' }).click();
  await expect(
    page.getByRole('button', { name: 'Enter as guest' }),
  ).toBeVisible();
}
