import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

// Datasets of the demo lake that hold a `vin` column, and one that does not.
const WITH_VIN = [
  'Vehicle trips (prepared)',
  'US vehicle order configurations (prepared)',
];
const WITHOUT_VIN = 'Spare parts catalog (source)';

test('find datasets by column name, filter them by hub and open one', async ({
  page,
}) => {
  // The dataset index is built on a schedule (first run 30 s after start, then every
  // 2 minutes) from the catalog, which itself needs a while to hold the demo lake.
  test.setTimeout(420_000);

  await signInAs(page);

  const results = page.getByTestId('dataset-search-result');
  const result = (title: string) =>
    results.filter({
      has: page.getByRole('link', { name: title, exact: true }),
    });

  await expect(async () => {
    await page.goto('/search?query=vin');
    await expect(result(WITH_VIN[0])).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 360_000, intervals: [5_000] });

  // Only datasets: the result type the data hub plugin adds.
  await page.getByRole('button', { name: 'Datasets' }).click();
  await expect(page).toHaveURL(/types(%5B%5D|\[\])=dataset/);

  // Each dataset holding the column shows it as a matching column.
  for (const title of WITH_VIN) {
    const matching = result(title).getByRole('list', {
      name: 'Matching columns',
    });
    await expect(matching.getByText('vin', { exact: true })).toBeVisible();
  }
  // A dataset without the column shows none. (Lunr, the demo's search engine, also
  // returns it, far below, because it matches terms fuzzily; PostgreSQL does not.)
  await expect(
    result(WITHOUT_VIN).getByRole('list', { name: 'Matching columns' }),
  ).toHaveCount(0);

  // Datasets with a matching column rank above all others.
  const hasMatchingColumns = await results.evaluateAll(items =>
    items.map(
      item => !!item.querySelector('ul[aria-label="Matching columns"]'),
    ),
  );
  expect(hasMatchingColumns.length).toBeGreaterThanOrEqual(WITH_VIN.length);
  const firstWithout = hasMatchingColumns.indexOf(false);
  if (firstWithout !== -1) {
    expect(hasMatchingColumns.slice(firstWithout)).not.toContain(true);
  }

  // Filter by hub: only the US datasets stay.
  await page.getByLabel('Hub', { exact: true }).getByRole('button').click();
  await page.getByRole('option', { name: 'United States (us)' }).click();
  await expect(page).toHaveURL(
    /filters%5BhubKey%5D=hubus|filters\[hubKey\]=hubus/,
  );
  await expect(result('Vehicle trips (prepared)')).toHaveCount(0);
  await expect(
    result('US vehicle order configurations (prepared)'),
  ).toBeVisible();
  await expect(results.getByText(/^Hub: (?!United States)/)).toHaveCount(0);

  // A result leads to the dataset's entity page.
  const wide = 'US vehicle order configurations (prepared)';
  await result(wide).getByRole('link', { name: wide }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/dataset\/us-vehicle-order-configurations-prepared/,
  );
  await expect(page.getByRole('heading', { name: wide })).toBeVisible();
});
