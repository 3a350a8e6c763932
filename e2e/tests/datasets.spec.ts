import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test('find a dataset of hub us, read its schema and follow its upstream', async ({
  page,
}) => {
  // Sign in as guest.
  await signInAs(page);

  // Filter the catalog to Datasets, then to hub "us". The demo lake may still be
  // registering on a first start, so wait for it to appear.
  await expect(async () => {
    // Prepared ones only: a list that fits one page however many datasets earlier tests registered.
    await page.goto('/?filters[kind]=dataset&filters[layer]=prepared');
    await expect(
      page.getByRole('link', { name: 'Vehicle trips (prepared)' }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000 });

  await page.getByRole('textbox', { name: 'Hub', exact: true }).click();
  await page.getByRole('option', { name: /United States/ }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/filters%5Bhub%5D=us|filters\[hub\]=us/);
  await expect(
    page.getByRole('link', { name: 'Vehicle trips (prepared)' }),
  ).toHaveCount(0);

  // Open the 150-column dataset.
  await page
    .getByRole('link', { name: 'US vehicle order configurations (prepared)' })
    .click();
  await expect(
    page.getByRole('heading', {
      name: 'US vehicle order configurations (prepared)',
    }),
  ).toBeVisible();
  await expect(page.getByText('United States').first()).toBeVisible();

  // Filter its schema.
  const filter = page.getByLabel('Filter columns');
  await expect(filter).toBeVisible();
  await expect(page.getByText(/of 159 columns/)).toBeVisible();
  await filter.fill('opt_seat');
  await expect(page.getByText(/^15 of 159 columns/)).toBeVisible();
  await expect(
    page.getByRole('cell', { name: 'opt_seat_massage' }),
  ).toBeVisible();
  await expect(page.getByRole('cell', { name: 'opt_light_laser' })).toHaveCount(
    0,
  );

  // Follow the upstream link to the source dataset.
  await page
    .getByRole('list', { name: 'Upstream datasets', exact: true })
    .getByRole('link', {
      name: /us-sales-orders-source|US vehicle orders \(source\)/,
    })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/dataset\/us-sales-orders-source/,
  );
  await expect(
    page.getByRole('heading', { name: 'US vehicle orders (source)' }),
  ).toBeVisible();
});
