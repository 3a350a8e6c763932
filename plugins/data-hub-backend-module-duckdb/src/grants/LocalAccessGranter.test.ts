import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { AccessGrantTarget } from '@cloud-data-hub/data-hub-node';
import { LocalAccessGranter } from './LocalAccessGranter';
import { LocalGrantStore } from './LocalGrantStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const target = (
  useCase: string,
  tables: AccessGrantTarget['tables'],
): AccessGrantTarget => ({
  grantId: `g-${useCase}`,
  dataset: {
    entityRef: 'dataset:default/us-sales-orders-source',
    hub: 'us',
    glueDatabase: 'us_sales_orders_source',
  },
  useCase: { entityRef: `system:default/${useCase}`, hub: 'us' },
  tables,
});

describe.each(databases.eachSupportedId())(
  'LocalAccessGranter on %s',
  databaseId => {
    it('grants exactly the columns asked for, replaces on re-grant and revokes idempotently', async () => {
      const knex = await databases.init(databaseId);
      const store = await LocalGrantStore.create(
        knex,
        resolvePackagePath(
          '@cloud-data-hub/data-hub-backend-module-duckdb',
          'migrations',
        ),
      );
      const granter = new LocalAccessGranter(store);
      const wide = target('us-marketing-360', [
        { name: 'orders', columns: ['order_id', 'amount', 'vin'] },
        { name: 'dealers', columns: ['dealer_id'] },
      ]);
      await granter.grant(wide);
      await granter.grant(wide);
      await granter.grant(
        target('other', [{ name: 'orders', columns: ['order_id'] }]),
      );
      expect(await granter.listGranted(wide)).toEqual([
        { name: 'dealers', columns: ['dealer_id'] },
        { name: 'orders', columns: ['order_id', 'amount', 'vin'] },
      ]);

      // Narrowing (an extension dropping a table names it with no columns) replaces the grant.
      await granter.grant(
        target('us-marketing-360', [
          { name: 'orders', columns: ['order_id'] },
          { name: 'dealers', columns: [] },
        ]),
      );
      expect(await granter.listGranted(wide)).toEqual([
        { name: 'orders', columns: ['order_id'] },
      ]);
      expect(await store.list('system:default/us-marketing-360')).toEqual([
        {
          useCaseRef: 'system:default/us-marketing-360',
          glueDatabase: 'us_sales_orders_source',
          table: 'orders',
          columns: ['order_id'],
        },
      ]);

      await granter.revoke(wide);
      await granter.revoke(wide);
      expect(await granter.listGranted(wide)).toEqual([]);
      // Another use case's grant is untouched.
      expect(await store.list('system:default/other')).toHaveLength(1);
    });
  },
);
