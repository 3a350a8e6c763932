import fs from 'node:fs/promises';
import { APIRequestContext, expect, test } from '@playwright/test';
import { signInAs } from './signIn';

/**
 * The query page of issue 4 in one browser: alice-analyst picks her use case us-marketing-360
 * (hub us), completes a table name in the editor, runs the query, pages through the result,
 * downloads it as CSV and finds the query in her history.
 *
 * The use case needs a live grant. It is made through the API, as the access spec covers the
 * screens: alice requests access to us-sales-orders-prepared (default scope: every non-PII
 * column) and bob-owner, a member of the owning team sales-data-us, approves. This dataset is not
 * the one the access spec requests and revokes, so the two specs do not step on each other.
 */
const API = 'http://localhost:7007/api';
const DATASET_REF = 'dataset:default/us-sales-orders-prepared';
const USE_CASE_REF = 'system:default/us-marketing-360';
const ROWS = 12_000;
const SQL = `SELECT * FROM us_sales_orders_prepared.orders ORDER BY order_id LIMIT ${ROWS}`;
/** The non-PII columns of the table: what a default request grants (vin is PII). */
const COLUMNS = [
  'customer_id',
  'dealer_id',
  'dealer_region',
  'model',
  'net_price_usd',
  'order_date',
  'order_id',
];

async function tokenOf(
  request: APIRequestContext,
  user: string,
): Promise<string> {
  const response = await request.get(`${API}/auth/demo/refresh`, {
    headers: { 'x-demo-user': user, 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.ok(), `sign in as ${user}`).toBeTruthy();
  return (await response.json()).backstageIdentity.token;
}

/**
 * Gives the use case a live grant on the dataset's orders table, unless it holds one. The demo
 * database outlives runs: an earlier run's grant is reused, and an earlier run's request that is
 * still pending is approved rather than asked for again.
 */
async function ensureGrant(request: APIRequestContext) {
  const alice = {
    Authorization: `Bearer ${await tokenOf(request, 'alice-analyst')}`,
  };
  const bob = {
    Authorization: `Bearer ${await tokenOf(request, 'bob-owner')}`,
  };
  const pair = `datasetRef=${encodeURIComponent(
    DATASET_REF,
  )}&useCaseRef=${encodeURIComponent(USE_CASE_REF)}`;

  const grants = await (
    await request.get(`${API}/data-hub/grants?${pair}&state=live`, {
      headers: alice,
    })
  ).json();
  const live = grants.items[0];
  if (live?.tables.some((t: { name: string }) => t.name === 'orders')) return;

  let requestId: string;
  // On a first start the catalog may still be registering the demo lake's datasets.
  await expect(async () => {
    const created = await request.post(`${API}/data-hub/access-requests`, {
      headers: alice,
      data: {
        datasetRef: DATASET_REF,
        useCaseRef: USE_CASE_REF,
        justification:
          'End-to-end test of the query page: orders for campaign attribution.',
        durationDays: 30,
        ...(live ? { extendsGrantId: live.id } : {}),
      },
    });
    if (created.status() === 409) {
      const open = await (
        await request.get(
          `${API}/data-hub/access-requests?view=mine&state=pending&${pair}`,
          { headers: alice },
        )
      ).json();
      expect(open.items.length, 'a pending request to approve').toBeGreaterThan(
        0,
      );
      requestId = open.items[0].id;
      return;
    }
    expect(created.status(), await created.text()).toBe(201);
    requestId = (await created.json()).id;
  }).toPass({ timeout: 180_000 });

  const approved = await request.post(
    `${API}/data-hub/access-requests/${requestId!}/approve`,
    {
      headers: bob,
      data: { comment: 'Approved by the query page end-to-end test.' },
    },
  );
  expect(approved.status(), await approved.text()).toBe(200);
  expect((await approved.json()).state).toBe('granted');
}

test('pick a use case, complete a table, run, page through, download the CSV, find it in history', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await ensureGrant(page.request);

  await signInAs(page, 'alice-analyst');
  await page.getByRole('link', { name: 'Query', exact: true }).click();
  await expect(page).toHaveURL(/\/data-hub\/query/);

  // Pick the use case; its grants fill the side panel.
  await page.getByRole('button', { name: /Use case/ }).click();
  await page.getByRole('option', { name: /US marketing 360/ }).click();
  await expect(page).toHaveURL(/useCase=us-marketing-360/);
  const tables = page.getByRole('list', { name: 'Queryable datasets' });
  await expect(
    tables.getByText('us_sales_orders_prepared', { exact: true }),
  ).toBeVisible();

  // Type the start of the Glue database's name and take the completions: database, then table.
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('SELECT * FROM us_sales_');
  const completions = page.getByRole('listbox');
  await completions
    .getByRole('option', { name: /^us_sales_orders_prepared/ })
    .click();
  await page.keyboard.type('.');
  await completions.getByRole('option', { name: /^orders/ }).click();
  await expect(editor).toHaveText(
    'SELECT * FROM us_sales_orders_prepared.orders',
  );
  await page.keyboard.type(` ORDER BY order_id LIMIT ${ROWS}`);
  await expect(editor).toHaveText(SQL);

  // Run with the keyboard.
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(
    page.getByText(`Succeeded · ${ROWS.toLocaleString('en-US')} rows`),
  ).toBeVisible({ timeout: 60_000 });
  const grid = page.getByRole('grid', { name: 'Query results' });
  // The engine's column order (the partition column may come first): row numbers, then the columns.
  await expect(grid.getByRole('columnheader')).toHaveCount(COLUMNS.length + 1);
  const headers = await grid.getByRole('columnheader').allTextContents();
  expect(headers[0]).toBe('#');
  expect(headers.slice(1).sort()).toEqual(COLUMNS);
  const columns = headers.slice(1);
  const orderId = columns.indexOf('order_id');
  const firstRow = grid.getByRole('row').nth(1);
  await expect(firstRow.getByRole('rowheader')).toHaveText('1');
  await expect(firstRow.getByRole('gridcell').nth(orderId)).toHaveText(
    'O000000000',
  );
  // Numbers are JSON numbers, right-aligned.
  const price = firstRow
    .getByRole('gridcell')
    .nth(columns.indexOf('net_price_usd'));
  await expect(price).toHaveText(/^\d+(\.\d+)?$/);
  await expect(price).toHaveCSS('justify-content', 'flex-end');

  // Page through: the next page of rows is fetched from the backend and shown.
  const nextPage = page.waitForResponse(r =>
    /\/queries\/[^/]+\/results\?offset=5000&limit=5000/.test(r.url()),
  );
  await page.getByRole('button', { name: 'Next page of rows' }).click();
  expect((await nextPage).ok()).toBeTruthy();
  await expect(page.getByText('Page 2 of 3')).toBeVisible();
  const row5001 = grid.getByRole('row').filter({
    has: page.getByRole('rowheader', { name: '5001', exact: true }),
  });
  await expect(row5001.getByRole('gridcell').nth(orderId)).toHaveText(
    /^O\d{9}$/,
  );
  // And by scrolling to the end.
  const lastPage = page.waitForResponse(r =>
    /\/results\?offset=10000&limit=5000/.test(r.url()),
  );
  await grid.evaluate(element =>
    element.scrollTo({ top: element.scrollHeight }),
  );
  await lastPage;
  const lastRow = grid.getByRole('row').filter({
    has: page.getByRole('rowheader', { name: String(ROWS), exact: true }),
  });
  await expect(lastRow.getByRole('gridcell').nth(orderId)).toHaveText(
    /^O\d{9}$/,
  );

  // Download the whole result as CSV.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^query-.+\.csv$/);
  const csv = await fs.readFile(await download.path(), 'utf8');
  const lines = csv.trimEnd().split('\n');
  expect(lines[0]).toBe(columns.join(','));
  expect(lines).toHaveLength(ROWS + 1);
  expect(lines[1].split(',')[orderId]).toBe('O000000000');

  // The query is in the history, newest first; opening it puts it back into the editor.
  await page.getByRole('tab', { name: 'History' }).click();
  await page
    .getByRole('searchbox', { name: 'Search history' })
    .fill(`LIMIT ${ROWS}`);
  const history = page.getByRole('list', { name: 'Query history' });
  const entry = history.getByRole('button').first();
  await expect(entry).toContainText(SQL);
  await expect(entry).toContainText(
    `Succeeded · US marketing 360 · ${ROWS.toLocaleString('en-US')} rows`,
  );
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  // Empty but for its placeholder.
  await expect(editor).not.toContainText('ORDER BY');
  await entry.click();
  await expect(editor).toHaveText(SQL);

  // A column the grant leaves out (vin is PII): the refusal names the column and the dataset,
  // and links to the dataset's page, where the grant is extended.
  const ungranted = 'SELECT vin FROM us_sales_orders_prepared.orders LIMIT 1';
  await page.goto(
    `/data-hub/query?useCase=us-marketing-360&sql=${encodeURIComponent(
      ungranted,
    )}`,
  );
  await expect(editor).toHaveText(ungranted);
  await page.getByRole('button', { name: 'Run' }).click();
  const refusal = page
    .getByRole('alert')
    .filter({ hasText: 'The query failed' });
  await expect(refusal).toContainText(
    /Column vin of .* \(dataset:default\/us-sales-orders-prepared, table orders\) is not granted/,
  );
  await expect(refusal).not.toContainText('Candidate');
  await refusal.getByRole('link').click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/dataset\/us-sales-orders-prepared/,
  );
});
