import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signIn';

/** Picks an option of a Material UI select (hub, classification, …). */
async function select(page: Page, id: string, option: string) {
  await page.locator(`#${id}`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Picks an entity in an EntityPicker / OwnerPicker by typing part of its name; options show titles. */
async function pickEntity(
  page: Page,
  id: string,
  search: string,
  title: string,
) {
  await page.locator(`#${id}`).fill(search);
  await page.getByRole('option', { name: title, exact: true }).click();
}

test('run the JDBC ingest template from the Create page and open the new dataset', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // The local bare repositories and the catalog outlive a run: a name of its own per run.
  const name = `us-dealer-returns-e2e${Date.now().toString(36)}-source`;

  // A data provider of team sales-data-us opens the Create page from the sidebar.
  await signInAs(page, 'sam-provider');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Create' })
    .click();
  // The innermost element holding both the card's title and a Choose button is the card.
  await page
    .locator('div')
    .filter({
      has: page.getByRole('heading', { name: 'JDBC ingest', exact: true }),
    })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .last()
    .getByRole('button', { name: 'Choose' })
    .click();
  await expect(
    page.getByRole('heading', { name: 'JDBC ingest' }),
  ).toBeVisible();

  // 1. Dataset
  await select(page, 'root_hub', 'United States');
  await pickEntity(page, 'root_businessObject', 'sales', 'Sales');
  await pickEntity(page, 'root_owner', 'sales', 'Sales data (US)');
  // A bad name is refused up front, with the rule.
  await page.locator('#root_name').fill('Dealer_Returns');
  await page.locator('#root_title').fill('US dealer returns (source)');
  await page
    .locator('#root_description')
    .fill('Vehicle returns of the US dealer system, one snapshot per day.');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#root_name__error')).toContainText(
    'must match pattern',
  );
  await page.locator('#root_name').fill(name);
  await page.getByRole('button', { name: 'Next' }).click();

  // 2. Source database: one table with two columns, one of them PII
  await page
    .locator('#root_jdbcUrl')
    .fill('jdbc:postgresql://returns-db.corp.example.com:5432/dealer');
  await page
    .locator('#root_credentialsSecretName')
    .fill('cdh/us/dealer-returns-db');
  await page.locator('#root_databaseCidr').fill('10.20.40.0/24');
  await page.locator('#root_tables_0_name').fill('returns');
  await page.locator('#root_tables_0_sourceTable').fill('dealer.returns');
  await page.locator('#root_tables_0_columns_0_name').fill('return_id');
  await page.locator('#root_tables_0_columns_0_type').fill('bigint');
  // The first "Add Item" adds a column to the first table (the last one adds a table).
  await page.getByRole('button', { name: 'Add Item' }).first().click();
  await page.locator('#root_tables_0_columns_1_name').fill('customer_email');
  await page.locator('#root_tables_0_columns_1_pii').check();
  await page.getByRole('button', { name: 'Next' }).click();

  // 3. Schedule (the default, daily) and 4. Repository (the local default)
  await expect(page.locator('#root_schedule')).toHaveValue('cron(0 2 * * ? *)');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();

  // 5. Review and run
  await page.getByRole('button', { name: 'Create' }).click();

  // The task log: the last step finishes, the task cannot be cancelled any more, and its
  // output tells how to clone the new repository.
  await expect(
    page.getByText(/Finished step Register the dataset/),
  ).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await expect(page.getByText(`git clone file://`)).toContainText(
    `${name}.git`,
  );
  // The generated Terraform was checked on the way.
  await page
    .getByRole('textbox', { name: 'Search' })
    .fill('Terraform is valid');
  await expect(
    page.getByText(/Terraform is valid: 5 files, 2 module calls checked/),
  ).toBeVisible();

  // The new Dataset is in the catalog.
  await page.getByRole('link', { name: 'Open the dataset' }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/default/dataset/${name}`));
  // The registered location is processed by the catalog in the background: on a busy machine
  // the page can open before, saying "Entity not found", and it does not look again by itself.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('heading', { name: 'US dealer returns (source)' }),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });
  await expect(
    page.getByRole('cell', { name: 'customer_email' }),
  ).toBeVisible();
});
