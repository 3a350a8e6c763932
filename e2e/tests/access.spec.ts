import { expect, Locator, Page, test } from '@playwright/test';
import { signInAs, signOut } from './signIn';

/**
 * The access loop of issue 3 in one browser: a consumer requests columns of a dataset for a use
 * case, an owner of the dataset approves, the consumer sees the grant, the owner revokes it.
 *
 * alice-analyst is a member of us-marketing-analytics, which owns the use case us-marketing-360
 * (hub us); bob-owner is a member of sales-data-us, which owns us-sales-orders-source.
 */
const DATASET_PATH = '/catalog/default/dataset/us-sales-orders-source';
const DATASET_TITLE = 'US vehicle orders (source)';
const USE_CASE_REF = 'system:default/us-marketing-360';

/** Opens the dataset's page and returns its Access card, once loaded. */
async function openAccessCard(page: Page): Promise<Locator> {
  // On a first start the demo lake may still be registering in the catalog.
  await expect(async () => {
    await page.goto(DATASET_PATH);
    await expect(
      page.getByRole('heading', { name: DATASET_TITLE }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000 });
  const card = page.locator('.MuiCard-root').filter({
    has: page.getByRole('heading', { name: 'Your access', exact: true }),
  });
  await expect(
    card.getByRole('heading', { name: /^Use cases with access/ }),
  ).toBeVisible();
  return card;
}

/** The "Your access" line of the use case on the Access card. */
const myAccess = (card: Locator) =>
  card.getByTestId(`my-access-${USE_CASE_REF}`);

/**
 * The portal's database may outlive a run (a reused dev server, a retry): give the use case a
 * clean slate on the dataset first, by withdrawing its pending request and giving back its live
 * grant through the card, as alice (a member of the use case may do both).
 */
async function resetAccessAsAlice(card: Locator) {
  const page = card.page();
  await expect(async () => {
    const withdraw = myAccess(card).getByRole('button', {
      name: /^Withdraw the request/,
    });
    const revoke = card.getByRole('button', {
      name: `Revoke access of ${USE_CASE_REF}`,
    });
    if (await withdraw.isVisible()) {
      await withdraw.click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Withdraw' })
        .click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
    if (await revoke.isVisible()) {
      await revoke.click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Revoke' })
        .click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
    await expect(myAccess(card)).toContainText('No access', { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
}

test('consumer requests columns, owner approves, consumer sees the grant, owner revokes it', async ({
  page,
}) => {
  test.setTimeout(420_000);

  // --- alice requests access for her use case, with one PII column ---
  await signInAs(page, 'alice-analyst');
  let card = await openAccessCard(page);
  await resetAccessAsAlice(card);

  await card.getByRole('button', { name: 'Request access' }).click();
  const dialog = page.getByRole('dialog', {
    name: `Request access to ${DATASET_TITLE}`,
  });
  await expect(dialog).toBeVisible();

  // Her global use case may not consume from hub us: listed, but disabled with the reason.
  await dialog.getByRole('button', { name: /Use case/ }).click();
  await expect(
    page.getByRole('option', { name: /Global fleet insights/ }),
  ).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('option', { name: /US marketing 360/ }).click();
  await expect(dialog.getByRole('button', { name: /Use case/ })).toContainText(
    'US marketing 360',
  );

  // PII is never ticked by default; tick vin explicitly, drop two prices and the dealers table.
  const column = (name: string) =>
    dialog.getByRole('checkbox', { name, exact: true });
  await expect(column('vin (orders, PII)')).not.toBeChecked();
  await expect(column('order_id (orders)')).toBeChecked();
  await expect(dialog.getByTestId('selected-column-count')).toHaveText(
    '12 of 13 columns selected',
  );
  await column('vin (orders, PII)').check();
  await expect(dialog.getByRole('alert')).toContainText('orders.vin');
  await column('list_price_usd (orders)').uncheck();
  await column('discount_usd (orders)').uncheck();
  await dialog
    .getByRole('checkbox', { name: 'All columns of dealers' })
    .uncheck();
  await expect(dialog.getByTestId('selected-column-count')).toHaveText(
    '7 of 13 columns selected',
  );

  await dialog.getByLabel(/Duration \(days\)/).fill('14');
  await dialog
    .getByLabel(/Justification/)
    .fill(
      'Attribute US campaign revenue to vehicle orders; the VIN joins the fleet data.',
    );
  await dialog.getByRole('button', { name: 'Submit request' }).click();
  await expect(dialog).toHaveCount(0);

  // The card shows the pending request.
  await expect(myAccess(card)).toContainText('Pending');
  await expect(myAccess(card)).toContainText('Requested');

  // --- bob, an owner of the dataset, approves it from "Access requests" → "To decide" ---
  await signOut(page);
  await signInAs(page, 'bob-owner');
  await page.getByRole('link', { name: 'Access requests' }).click();
  await expect(page).toHaveURL(/\/data-hub\/access-requests/);
  await page.getByRole('tab', { name: /To decide/ }).click();
  await expect(page).toHaveURL(/tab=to-decide/);
  const approve = page.getByRole('button', {
    name: `Approve the request of ${USE_CASE_REF} for ${DATASET_TITLE}`,
  });
  await expect(approve).toBeVisible();
  await approve.click();
  const decision = page.getByRole('dialog', {
    name: `Approve access to ${DATASET_TITLE}?`,
  });
  await expect(decision).toContainText('orders (7 columns) for 14 days');
  await decision
    .getByLabel('Comment (optional)')
    .fill('Fine for the campaign; keep the VIN inside the use case.');
  await decision.getByRole('button', { name: 'Approve' }).click();
  await expect(decision).toHaveCount(0);
  // Granted: it no longer waits for a decision.
  await expect(approve).toHaveCount(0);

  // --- alice sees the live grant: her use case, the columns, the expiry ---
  await signOut(page);
  await signInAs(page, 'alice-analyst');
  card = await openAccessCard(page);
  await expect(myAccess(card)).toContainText(/Access until .* \(in 14 days\)/);
  const grantRow = card.getByRole('row').filter({
    has: page.getByRole('link', {
      name: /US marketing 360|us-marketing-360/,
    }),
  });
  await expect(grantRow).toContainText('7 of 9 columns');
  await expect(grantRow).toContainText('1 PII');
  await expect(grantRow).toContainText('in 14 days');
  await grantRow
    .getByRole('button', { name: 'Show columns of orders' })
    .click();
  const granted = grantRow.getByRole('list', { name: 'Columns of orders' });
  await expect(granted.getByRole('listitem')).toHaveText([
    'order_id',
    'customer_id',
    'vin · PII',
    'dealer_id',
    'order_ts',
    'model',
    'status',
  ]);

  // --- bob revokes the grant on the Access card ---
  await signOut(page);
  await signInAs(page, 'bob-owner');
  card = await openAccessCard(page);
  await card
    .getByRole('button', { name: `Revoke access of ${USE_CASE_REF}` })
    .click();
  const revoke = page.getByRole('dialog', {
    name: `Revoke access of ${USE_CASE_REF}?`,
  });
  await revoke.getByLabel('Comment (optional)').fill('Campaign over.');
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(revoke).toHaveCount(0);
  await expect(
    card.getByRole('button', { name: `Revoke access of ${USE_CASE_REF}` }),
  ).toHaveCount(0);
  await expect(
    card.getByRole('row').filter({
      has: page.getByRole('link', {
        name: /US marketing 360|us-marketing-360/,
      }),
    }),
  ).toHaveCount(0);

  // The dataset's history tells the whole story.
  await card.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog', {
    name: `Access history of ${DATASET_TITLE}`,
  });
  await expect(history.getByText('Access revoked').first()).toBeVisible();
  await expect(history.getByText('“Campaign over.”').first()).toBeVisible();
  await history.getByRole('button', { name: 'Close' }).click();

  // --- alice's request shows revoked, on her card and in "My requests" ---
  await signOut(page);
  await signInAs(page, 'alice-analyst');
  card = await openAccessCard(page);
  await expect(myAccess(card)).toContainText('No access');
  await expect(myAccess(card)).toContainText('Revoked');
  await page.getByRole('link', { name: 'Access requests' }).click();
  await expect(page.getByRole('tab', { name: 'My requests' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const mine = page.getByRole('row').filter({ hasText: DATASET_TITLE }).first();
  await expect(mine).toContainText('Revoked');
  await expect(mine).toContainText('7 columns in 1 table');
});
