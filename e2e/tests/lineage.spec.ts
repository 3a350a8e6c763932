import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

// The demo backend replays OpenLineage runs for the demo lake at start-up
// (dataHub.lineage.demoReplay): daily ingests, Spark preparations and Airflow
// semantic builds; the telemetry ingest stopped two days ago and the latest
// US sales semantic build failed.

test('a prepared dataset shows its source upstream and its semantic dataset downstream', async ({
  page,
}) => {
  await signInAs(page);

  // The catalog may still be reading the demo lake, and the replay may still be posting.
  // The Lineage card's lists, named apart from the Dataset card's own upstream list.
  const upstream = page.getByRole('list', {
    name: 'Upstream datasets in the lineage graph',
  });
  await expect(async () => {
    await page.goto('/catalog/default/dataset/vehicle-trips-prepared');
    await expect(
      upstream.getByRole('link', {
        name: /Vehicle telemetry signals \(source\)/,
      }),
    ).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 180_000 });

  const downstream = page.getByRole('list', {
    name: 'Downstream datasets in the lineage graph',
  });
  await expect(
    downstream.getByRole('link', {
      name: /Fleet usage per model and day \(semantic\)/,
    }),
  ).toBeVisible();

  // The graph itself draws the datasets and the jobs between them.
  await expect(
    page.locator('svg').getByText('Vehicle telemetry signals (source)').first(),
  ).toBeVisible();

  // Follow the downstream link to the semantic dataset; it lists this one upstream.
  await downstream
    .getByRole('link', { name: /Fleet usage per model and day \(semantic\)/ })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/dataset\/vehicle-usage-semantic/,
  );
  await expect(
    upstream.getByRole('link', { name: /Vehicle trips \(prepared\)/ }),
  ).toBeVisible();
});

test('the Data Hub overview lists the stale dataset and the failing one', async ({
  page,
}) => {
  await signInAs(page);
  await page.getByRole('link', { name: 'Data Hub', exact: true }).click();
  await expect(page).toHaveURL(/\/data-hub$/);

  const unhealthy = page.getByRole('region', {
    name: 'Stale or failing datasets',
  });
  const staleRow = unhealthy
    .getByRole('row')
    .filter({ hasText: 'Vehicle telemetry signals (source)' });
  await expect(async () => {
    await page.reload();
    await expect(staleRow).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
  await expect(staleRow).toContainText(/stale/i);
  const failingRow = unhealthy
    .getByRole('row')
    .filter({ hasText: /US sales performance/i });
  await expect(failingRow).toContainText(/failing/i);

  // The stale dataset's page says the same, with the reason.
  await staleRow
    .getByRole('link', { name: 'Vehicle telemetry signals (source)' })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/dataset\/vehicle-telemetry-source/,
  );
  await expect(page.locator('[data-health-status]')).toHaveText(/stale/i);
});
