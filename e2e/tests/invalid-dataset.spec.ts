import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

const BACKEND = 'http://localhost:7007';

test('an invalid Dataset registered in the catalog shows an error naming the bad field', async ({
  page,
  request,
}) => {
  // A Dataset with an unknown layer, owned by a group unique to this run.
  const owner = `group:default/e2e-${Date.now()}`;
  const file = path.join(
    await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-e2e-')),
    'catalog-info.yaml',
  );
  await fs.writeFile(
    file,
    `apiVersion: clouddatahub.io/v1alpha1
kind: Dataset
metadata: { name: broken-${Date.now()} }
spec:
  layer: gold
  hub: us
  businessObject: domain:default/sales
  owner: ${owner}
  lifecycle: experimental
  classification: internal
  storage: { location: 's3://bucket/broken/', glueDatabase: broken }
  tables: [{ name: t, columns: [{ name: a, type: string }] }]
`,
  );

  const { backstageIdentity } = await (
    await request.get(`${BACKEND}/api/auth/guest/refresh`)
  ).json();
  const headers = { Authorization: `Bearer ${backstageIdentity.token}` };

  // A dry run answers 400 with the reason, and registers nothing.
  const dryRun = await request.post(
    `${BACKEND}/api/catalog/locations?dryRun=true`,
    {
      headers,
      data: { type: 'file', target: file },
    },
  );
  expect(dryRun.status()).toBe(400);
  expect((await dryRun.json()).error.message).toContain(
    '/spec/layer must be equal to one of the allowed values',
  );

  // Registered for real, it never becomes an entity; the Unprocessed Entities page shows why.
  const created = await request.post(`${BACKEND}/api/catalog/locations`, {
    headers,
    data: { type: 'file', target: file },
  });
  expect(created.status()).toBe(201);

  await signInAs(page);
  await expect(async () => {
    await page.goto('/catalog-unprocessed-entities');
    await page.getByRole('tab', { name: 'Pending' }).click();
    await expect(
      page.getByRole('row', { name: new RegExp(owner) }),
    ).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await page
    .getByRole('row', { name: new RegExp(owner) })
    .getByRole('button')
    .click();
  await expect(page.getByRole('dialog')).toContainText(
    '/spec/layer must be equal to one of the allowed values',
  );
});
