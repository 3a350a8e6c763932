import type { PrincipalResourcePermissions } from '@aws-sdk/client-lakeformation';
import { normaliseScope, orderColumns, planColumnGrants } from './columnGrants';

const location = { catalogId: '222222222222', databaseName: 'sales' };
/** The same place as Lake Formation spells it in a resource. */
const table = { CatalogId: '222222222222', DatabaseName: 'sales' };

function columns(
  tableName: string,
  names: string[],
): PrincipalResourcePermissions {
  return {
    Resource: {
      TableWithColumns: {
        ...table,
        Name: tableName,
        ColumnNames: names,
      },
    },
    Permissions: ['SELECT'],
    PermissionsWithGrantOption: [],
  };
}

describe('normaliseScope', () => {
  it('merges repeated tables and columns and drops tables without columns', () => {
    expect(
      normaliseScope([
        { name: 'orders', columns: ['id', 'price'] },
        { name: 'customers', columns: [] },
        { name: 'orders', columns: ['price', 'date'] },
      ]),
    ).toEqual([{ name: 'orders', columns: ['id', 'price', 'date'] }]);
  });
});

describe('orderColumns', () => {
  it("keeps the caller's order and puts unknown columns last", () => {
    expect(orderColumns(['b', '*', 'a', 'z'], ['z', 'a'])).toEqual([
      'z',
      'a',
      '*',
      'b',
    ]);
  });
});

describe('planColumnGrants', () => {
  it('revokes every SELECT of a table no longer wanted', () => {
    const plan = planColumnGrants(
      location,
      [],
      [{ table: 'orders', entries: [columns('orders', ['id'])] }],
    );
    expect(plan.grants).toEqual([]);
    expect(plan.revokes).toEqual([
      {
        table: 'orders',
        resource: {
          TableWithColumns: {
            ...table,
            Name: 'orders',
            ColumnNames: ['id'],
          },
        },
        permissions: ['SELECT'],
      },
    ]);
  });

  it('replaces a SELECT held with grant option instead of narrowing it', () => {
    const withGrantOption = {
      ...columns('orders', ['id', 'price']),
      PermissionsWithGrantOption: ['SELECT' as const],
    };
    const plan = planColumnGrants(
      location,
      [{ name: 'orders', columns: ['id'] }],
      [{ table: 'orders', entries: [withGrantOption] }],
    );
    expect(plan.revokes).toEqual([
      {
        table: 'orders',
        resource: withGrantOption.Resource,
        permissions: ['SELECT'],
        permissionsWithGrantOption: ['SELECT'],
      },
    ]);
    expect(plan.grants).toEqual([
      {
        table: 'orders',
        resource: {
          TableWithColumns: {
            ...table,
            Name: 'orders',
            ColumnNames: ['id'],
          },
        },
        permissions: ['SELECT'],
      },
    ]);
  });

  it('leaves permissions without SELECT to revoke', () => {
    const describeOnly: PrincipalResourcePermissions = {
      Resource: { Table: { ...table, Name: 'orders' } },
      Permissions: ['DESCRIBE'],
    };
    const plan = planColumnGrants(
      location,
      [{ name: 'orders', columns: ['id'] }],
      [{ table: 'orders', entries: [describeOnly] }],
    );
    expect(plan.revokes).toEqual([]);
    expect(
      plan.grants.map(g => g.resource.TableWithColumns?.ColumnNames),
    ).toEqual([['id']]);
  });
});
