import {
  AccessDeniedException,
  BatchGrantPermissionsCommand,
  BatchPermissionsRequestEntry,
  BatchRevokePermissionsCommand,
  EntityNotFoundException,
  LakeFormationClient,
  ListPermissionsCommand,
  ListPermissionsCommandInput,
  PrincipalResourcePermissions,
} from '@aws-sdk/client-lakeformation';
import { mockServices } from '@backstage/backend-test-utils';
import type { AccessGrantTarget } from '@cloud-data-hub/data-hub-node';
import { mockClient } from 'aws-sdk-client-mock';
import { LakeFormationClients } from './LakeFormationClients';
import { LakeFormationGranter } from './LakeFormationGranter';

const ROLE = 'arn:aws:iam::222222222222:role/cdh-use-case-fleet-analytics';
const DATASET_ACCOUNT = '444444444444';
const HUB_ACCOUNT = '222222222222';

const lf = mockClient(LakeFormationClient);

function target(
  tables: AccessGrantTarget['tables'],
  overrides: Partial<AccessGrantTarget['useCase']> & {
    accountId?: string | null;
  } = {},
): AccessGrantTarget {
  const { accountId, ...useCase } = overrides;
  return {
    grantId: 'grant-7',
    dataset: {
      entityRef: 'dataset:default/vehicle-trips-prepared',
      hub: 'us',
      glueDatabase: 'vehicle_trips_prepared',
      accountId: accountId === null ? undefined : accountId ?? DATASET_ACCOUNT,
    },
    useCase: {
      entityRef: 'system:default/fleet-analytics',
      hub: 'us',
      consumerRoleArn: ROLE,
      ...useCase,
    },
    tables,
  };
}

function columnsEntry(
  table: string,
  columns: string[],
): PrincipalResourcePermissions {
  return {
    Principal: { DataLakePrincipalIdentifier: ROLE },
    Resource: {
      TableWithColumns: {
        CatalogId: DATASET_ACCOUNT,
        DatabaseName: 'vehicle_trips_prepared',
        Name: table,
        ColumnNames: columns,
      },
    },
    Permissions: ['SELECT'],
    PermissionsWithGrantOption: [],
  };
}

function listedTable(input: ListPermissionsCommandInput): string {
  return input.Resource!.Table!.Name!;
}

/**
 * Lake Formation's column semantics for one principal, as the mocked client's state:
 * grants add columns to a table, a column revoke removes those columns, a revoke of a
 * whole-table resource removes the table. Used where the granter verifies its result.
 */
class ColumnState {
  readonly columns = new Map<string, Set<string>>();
  wildcard = new Set<string>();

  list(input: ListPermissionsCommandInput) {
    const table = listedTable(input);
    const entries: PrincipalResourcePermissions[] = [];
    if (this.wildcard.has(table)) {
      entries.push({
        ...columnsEntry(table, []),
        Resource: {
          TableWithColumns: {
            CatalogId: DATASET_ACCOUNT,
            DatabaseName: 'vehicle_trips_prepared',
            Name: table,
            ColumnWildcard: {},
          },
        },
      });
    }
    const columns = this.columns.get(table);
    if (columns?.size) {
      entries.push(columnsEntry(table, [...columns]));
    }
    return { PrincipalResourcePermissions: entries };
  }

  grant(entries: BatchPermissionsRequestEntry[]) {
    for (const entry of entries) {
      const resource = entry.Resource!.TableWithColumns!;
      const columns = this.columns.get(resource.Name!) ?? new Set<string>();
      resource.ColumnNames!.forEach(c => columns.add(c));
      this.columns.set(resource.Name!, columns);
    }
    return { Failures: [] };
  }

  revoke(entries: BatchPermissionsRequestEntry[]) {
    for (const entry of entries) {
      const resource = entry.Resource!.TableWithColumns!;
      if (resource.ColumnWildcard) {
        this.wildcard.delete(resource.Name!);
      } else {
        resource.ColumnNames!.forEach(c =>
          this.columns.get(resource.Name!)?.delete(c),
        );
      }
    }
    return { Failures: [] };
  }

  mock() {
    lf.on(ListPermissionsCommand).callsFake(input => this.list(input));
    lf.on(BatchGrantPermissionsCommand).callsFake(input =>
      this.grant(input.Entries),
    );
    lf.on(BatchRevokePermissionsCommand).callsFake(input =>
      this.revoke(input.Entries),
    );
  }
}

describe('LakeFormationGranter with a mocked Lake Formation', () => {
  let clients: LakeFormationClients;
  let granter: LakeFormationGranter;

  beforeEach(() => {
    lf.reset();
    clients = new LakeFormationClients([
      {
        hub: 'us',
        region: 'us-east-1',
        accountId: HUB_ACCOUNT,
        maxAttempts: 1,
      },
    ]);
    granter = new LakeFormationGranter(clients, mockServices.logger.mock());
  });

  afterEach(() => clients.destroy());

  it('has the id stored with Lake Formation grants', () => {
    expect(granter.id).toBe('lake-formation');
  });

  it('turns a refused entry of BatchGrantPermissions into an error naming the table', async () => {
    lf.on(ListPermissionsCommand).resolves({
      PrincipalResourcePermissions: [],
    });
    lf.on(BatchGrantPermissionsCommand).resolves({
      Failures: [
        {
          RequestEntry: { Id: '1' },
          Error: {
            ErrorCode: 'EntityNotFoundException',
            ErrorMessage: 'Table vehicles not found',
          },
        },
      ],
    });

    await expect(
      granter.grant(
        target([
          { name: 'trips', columns: ['trip_id'] },
          { name: 'vehicles', columns: ['model'] },
        ]),
      ),
    ).rejects.toThrow(
      `Lake Formation refused to grant SELECT to ${ROLE} on vehicle_trips_prepared.vehicles (EntityNotFoundException: Table vehicles not found)`,
    );
  });

  it('reports access denied by Lake Formation with the operation and the cause', async () => {
    lf.on(ListPermissionsCommand).resolves({});
    lf.on(BatchGrantPermissionsCommand).rejects(
      new AccessDeniedException({
        message: 'Insufficient Lake Formation permission(s) on trips',
        $metadata: {},
      }),
    );

    const error = await granter
      .grant(target([{ name: 'trips', columns: ['trip_id'] }]))
      .catch(e => e);
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toMatch(
      /^Lake Formation could not grant permissions of .*cdh-use-case-fleet-analytics on vehicle_trips_prepared \(tables trips\); caused by AccessDeniedException: Insufficient Lake Formation permission\(s\) on trips$/,
    );
  });

  it('reports access denied while listing, naming the table', async () => {
    lf.on(ListPermissionsCommand).rejects(
      new AccessDeniedException({
        message: 'not a data lake administrator',
        $metadata: {},
      }),
    );

    await expect(
      granter.listGranted(target([{ name: 'trips', columns: ['trip_id'] }])),
    ).rejects.toThrow(
      /could not list permissions of .* on vehicle_trips_prepared\.trips; caused by AccessDeniedException: not a data lake administrator/,
    );
    expect(lf.commandCalls(BatchGrantPermissionsCommand)).toHaveLength(0);
  });

  it('follows NextToken through every page of ListPermissions', async () => {
    const pages: Record<string, { columns: string[]; next?: string }> = {
      first: { columns: ['trip_id'], next: 'page-2' },
      'page-2': { columns: ['started_at'], next: 'page-3' },
      'page-3': { columns: ['vin'] },
    };
    // Recorded at call time: the SDK's paginator reuses one input object across pages.
    const requests: ListPermissionsCommandInput[] = [];
    lf.on(ListPermissionsCommand).callsFake(input => {
      requests.push({ ...input });
      const page = pages[input.NextToken ?? 'first'];
      return {
        PrincipalResourcePermissions: [columnsEntry('trips', page.columns)],
        NextToken: page.next,
      };
    });

    await expect(
      granter.listGranted(
        target([{ name: 'trips', columns: ['vin', 'trip_id'] }]),
      ),
    ).resolves.toEqual([
      { name: 'trips', columns: ['vin', 'trip_id', 'started_at'] },
    ]);

    expect(requests.map(r => r.NextToken)).toEqual([
      undefined,
      'page-2',
      'page-3',
    ]);
    expect(requests[0]).toMatchObject({
      CatalogId: DATASET_ACCOUNT,
      Principal: { DataLakePrincipalIdentifier: ROLE },
      Resource: {
        Table: {
          CatalogId: DATASET_ACCOUNT,
          DatabaseName: 'vehicle_trips_prepared',
          Name: 'trips',
        },
      },
    });
  });

  it('ignores listed permissions of other principals and tables', async () => {
    lf.on(ListPermissionsCommand).resolves({
      PrincipalResourcePermissions: [
        columnsEntry('trips', ['trip_id']),
        {
          ...columnsEntry('trips', ['vin']),
          Principal: {
            DataLakePrincipalIdentifier: 'arn:aws:iam::222222222222:role/other',
          },
        },
        columnsEntry('vehicles', ['model']),
      ],
    });

    await expect(
      granter.listGranted(target([{ name: 'trips', columns: ['trip_id'] }])),
    ).resolves.toEqual([{ name: 'trips', columns: ['trip_id'] }]);
  });

  it('shows a table-level or wildcard SELECT as "*"', async () => {
    lf.on(ListPermissionsCommand, {
      Resource: { Table: { Name: 'trips' } },
    } as any).resolves({
      PrincipalResourcePermissions: [
        {
          Principal: { DataLakePrincipalIdentifier: ROLE },
          Resource: {
            Table: {
              CatalogId: DATASET_ACCOUNT,
              DatabaseName: 'vehicle_trips_prepared',
              Name: 'trips',
            },
          },
          Permissions: ['SELECT', 'DESCRIBE'],
        },
      ],
    });
    lf.on(ListPermissionsCommand, {
      Resource: { Table: { Name: 'vehicles' } },
    } as any).resolves({
      PrincipalResourcePermissions: [
        {
          ...columnsEntry('vehicles', []),
          Resource: {
            TableWithColumns: {
              CatalogId: DATASET_ACCOUNT,
              DatabaseName: 'vehicle_trips_prepared',
              Name: 'vehicles',
              ColumnWildcard: { ExcludedColumnNames: ['vin'] },
            },
          },
        },
      ],
    });

    await expect(
      granter.listGranted(
        target([
          { name: 'trips', columns: ['trip_id'] },
          { name: 'vehicles', columns: ['model'] },
        ]),
      ),
    ).resolves.toEqual([
      { name: 'trips', columns: ['*'] },
      { name: 'vehicles', columns: ['*'] },
    ]);
  });

  it('refuses a use case without a consumer role ARN before calling AWS', async () => {
    const noRole = target([{ name: 'trips', columns: ['trip_id'] }], {
      consumerRoleArn: undefined,
    });
    for (const call of [
      () => granter.grant(noRole),
      () => granter.revoke(noRole),
      () => granter.listGranted(noRole),
    ]) {
      await expect(call()).rejects.toMatchObject({
        name: 'InputError',
        message:
          'Use case system:default/fleet-analytics has no clouddatahub.io/consumer-role-arn annotation; Lake Formation grants access to that IAM role, so it must be set',
      });
    }
    expect(lf.calls()).toHaveLength(0);
  });

  it('refuses a consumer role ARN that is not an IAM role', async () => {
    await expect(
      granter.grant(
        target([{ name: 'trips', columns: ['trip_id'] }], {
          consumerRoleArn: 'arn:aws:iam::222222222222:user/alice',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/is not an IAM role ARN/),
    });
    expect(lf.calls()).toHaveLength(0);
  });

  it('refuses a dataset of a hub without AWS settings', async () => {
    await expect(
      granter.grant({
        ...target([{ name: 'trips', columns: ['trip_id'] }]),
        dataset: { ...target([]).dataset, hub: 'cn' },
      }),
    ).rejects.toThrow(
      'Hub "cn" has no Lake Formation settings: add it to dataHub.aws.hubs (configured: us)',
    );
  });

  it('sends grants in batches of at most 20 entries and verifies them', async () => {
    const state = new ColumnState();
    state.mock();
    const tables = Array.from({ length: 45 }, (_, i) => ({
      name: `table_${i}`,
      columns: ['id', 'value'],
    }));

    await granter.grant(target(tables));

    const batches = lf
      .commandCalls(BatchGrantPermissionsCommand)
      .map(c => c.args[0].input);
    expect(batches.map(b => b.Entries!.length)).toEqual([20, 20, 5]);
    expect(batches.every(b => b.CatalogId === DATASET_ACCOUNT)).toBe(true);
    expect(batches[0].Entries![0]).toEqual({
      Id: '0',
      Principal: { DataLakePrincipalIdentifier: ROLE },
      Resource: {
        TableWithColumns: {
          CatalogId: DATASET_ACCOUNT,
          DatabaseName: 'vehicle_trips_prepared',
          Name: 'table_0',
          ColumnNames: ['id', 'value'],
        },
      },
      Permissions: ['SELECT'],
      PermissionsWithGrantOption: undefined,
    });
    // listed before (45) and after (45) granting
    expect(lf.commandCalls(ListPermissionsCommand)).toHaveLength(90);
    expect(state.columns.size).toBe(45);
  });

  it('names the table of a refused entry in a later batch', async () => {
    lf.on(ListPermissionsCommand).resolves({});
    lf.on(BatchGrantPermissionsCommand)
      .resolvesOnce({ Failures: [] })
      .resolvesOnce({
        Failures: [
          {
            RequestEntry: { Id: '2' },
            Error: {
              ErrorCode: 'InvalidInputException',
              ErrorMessage: 'Column x not found',
            },
          },
        ],
      });
    const tables = Array.from({ length: 25 }, (_, i) => ({
      name: `table_${i}`,
      columns: ['x'],
    }));

    await expect(granter.grant(target(tables))).rejects.toThrow(
      /on vehicle_trips_prepared\.table_22 \(InvalidInputException: Column x not found\)$/,
    );
  });

  it('narrows a grant by revoking only the columns no longer wanted', async () => {
    const state = new ColumnState();
    state.columns.set('trips', new Set(['trip_id', 'vin', 'distance_km']));
    state.mock();

    await granter.grant(
      target([
        { name: 'trips', columns: ['trip_id', 'distance_km', 'ended_at'] },
      ]),
    );

    const revokes = lf
      .commandCalls(BatchRevokePermissionsCommand)
      .map(c => c.args[0].input);
    const grants = lf
      .commandCalls(BatchGrantPermissionsCommand)
      .map(c => c.args[0].input);
    expect(
      revokes.flatMap(r =>
        r.Entries!.map(e => e.Resource!.TableWithColumns!.ColumnNames),
      ),
    ).toEqual([['vin']]);
    expect(
      grants.flatMap(g =>
        g.Entries!.map(e => e.Resource!.TableWithColumns!.ColumnNames),
      ),
    ).toEqual([['ended_at']]);
    expect([...state.columns.get('trips')!]).toEqual([
      'trip_id',
      'distance_km',
      'ended_at',
    ]);
  });

  it('does nothing when the grant is already in place', async () => {
    const state = new ColumnState();
    state.columns.set('trips', new Set(['trip_id', 'vin']));
    state.mock();

    await granter.grant(
      target([{ name: 'trips', columns: ['vin', 'trip_id'] }]),
    );

    expect(lf.commandCalls(BatchGrantPermissionsCommand)).toHaveLength(0);
    expect(lf.commandCalls(BatchRevokePermissionsCommand)).toHaveLength(0);
  });

  it('replaces a wildcard SELECT by the wanted columns', async () => {
    const state = new ColumnState();
    state.wildcard.add('trips');
    state.mock();

    await granter.grant(target([{ name: 'trips', columns: ['trip_id'] }]));

    const revoked = lf.commandCalls(BatchRevokePermissionsCommand)[0].args[0]
      .input.Entries!;
    expect(revoked).toEqual([
      expect.objectContaining({
        Resource: {
          TableWithColumns: expect.objectContaining({
            Name: 'trips',
            ColumnWildcard: {},
          }),
        },
        Permissions: ['SELECT'],
      }),
    ]);
    expect(state.wildcard.size).toBe(0);
    expect([...state.columns.get('trips')!]).toEqual(['trip_id']);
  });

  it('fails when Lake Formation does not show the columns after granting', async () => {
    // A grant that is accepted but never shows up (e.g. another catalog than the one listed).
    lf.on(ListPermissionsCommand).resolves({});
    lf.on(BatchGrantPermissionsCommand).resolves({ Failures: [] });

    await expect(
      granter.grant(target([{ name: 'trips', columns: ['trip_id'] }])),
    ).rejects.toThrow(
      `Lake Formation does not show the granted columns for ${ROLE} on vehicle_trips_prepared.trips after granting`,
    );
  });

  it('revokes every listed permission of the role exactly as listed', async () => {
    const describeEntry = {
      Principal: { DataLakePrincipalIdentifier: ROLE },
      Resource: {
        Table: {
          CatalogId: DATASET_ACCOUNT,
          DatabaseName: 'vehicle_trips_prepared',
          Name: 'trips',
        },
      },
      Permissions: ['DESCRIBE' as const],
      PermissionsWithGrantOption: [],
    };
    lf.on(ListPermissionsCommand)
      .resolvesOnce({
        PrincipalResourcePermissions: [
          columnsEntry('trips', ['trip_id']),
          describeEntry,
        ],
      })
      .resolves({});
    lf.on(BatchRevokePermissionsCommand).resolves({ Failures: [] });

    await granter.revoke(target([{ name: 'trips', columns: ['trip_id'] }]));

    const [revoke] = lf
      .commandCalls(BatchRevokePermissionsCommand)
      .map(c => c.args[0].input);
    expect(revoke.CatalogId).toBe(DATASET_ACCOUNT);
    expect(revoke.Entries).toEqual([
      {
        Id: '0',
        Principal: { DataLakePrincipalIdentifier: ROLE },
        Resource: columnsEntry('trips', ['trip_id']).Resource,
        Permissions: ['SELECT'],
        PermissionsWithGrantOption: [],
      },
      {
        Id: '1',
        Principal: { DataLakePrincipalIdentifier: ROLE },
        Resource: describeEntry.Resource,
        Permissions: ['DESCRIBE'],
        PermissionsWithGrantOption: [],
      },
    ]);
  });

  it('revokes nothing, without error, when nothing is granted or the table is gone', async () => {
    lf.on(ListPermissionsCommand, {
      Resource: { Table: { Name: 'trips' } },
    } as any).resolves({});
    lf.on(ListPermissionsCommand, {
      Resource: { Table: { Name: 'dropped' } },
    } as any).rejects(
      new EntityNotFoundException({
        message: 'Table dropped not found',
        $metadata: {},
      }),
    );

    await expect(
      granter.revoke(
        target([
          { name: 'trips', columns: ['trip_id'] },
          { name: 'dropped', columns: ['x'] },
        ]),
      ),
    ).resolves.toBeUndefined();
    expect(lf.commandCalls(BatchRevokePermissionsCommand)).toHaveLength(0);
  });

  it('fails a revoke that leaves permissions behind, with the refused entries', async () => {
    lf.on(ListPermissionsCommand).resolves({
      PrincipalResourcePermissions: [columnsEntry('trips', ['trip_id'])],
    });
    lf.on(BatchRevokePermissionsCommand).resolves({
      Failures: [
        {
          RequestEntry: { Id: '0' },
          Error: {
            ErrorCode: 'ConcurrentModificationException',
            ErrorMessage: 'try again',
          },
        },
      ],
    });

    await expect(
      granter.revoke(target([{ name: 'trips', columns: ['trip_id'] }])),
    ).rejects.toThrow(
      `Lake Formation still lists permissions of ${ROLE} on vehicle_trips_prepared.trips after revoking: vehicle_trips_prepared.trips (ConcurrentModificationException: try again)`,
    );
  });

  it("uses the hub's account as catalog when the dataset's account is unknown", async () => {
    lf.on(ListPermissionsCommand).resolves({});

    await granter.listGranted(
      target([{ name: 'trips', columns: ['trip_id'] }], { accountId: null }),
    );

    expect(
      lf.commandCalls(ListPermissionsCommand)[0].args[0].input,
    ).toMatchObject({
      CatalogId: HUB_ACCOUNT,
      Resource: { Table: { CatalogId: HUB_ACCOUNT } },
    });
  });
});
