import http from 'node:http';
import {
  LakeFormationClient,
  ListPermissionsCommand,
  PrincipalResourcePermissions,
} from '@aws-sdk/client-lakeformation';
import { mockServices } from '@backstage/backend-test-utils';
import type { AccessGrantTarget } from '@cloud-data-hub/data-hub-node';
import type { AwsHubConfig } from '../AwsHubConfig';
import { LakeFormationClients } from './LakeFormationClients';
import { LakeFormationGranter } from './LakeFormationGranter';
import {
  LAKE_FORMATION_PATCH,
  MotoServer,
  hasMotoServer,
} from './testing/MotoServer';

// moto's default account, which a client with plain test credentials acts in.
const ACCOUNT = '123456789012';
const ANALYST_ROLE = `arn:aws:iam::${ACCOUNT}:role/cdh-use-case-fleet-analytics`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/cdh-use-case-warranty`;

function target(
  tables: AccessGrantTarget['tables'],
  overrides: { role?: string; region?: string } = {},
): AccessGrantTarget {
  return {
    grantId: 'grant-1',
    dataset: {
      entityRef: 'dataset:default/vehicle-trips-prepared',
      hub: 'us',
      glueDatabase: 'vehicle_trips_prepared',
      accountId: ACCOUNT,
      region: overrides.region,
    },
    useCase: {
      entityRef: 'system:default/fleet-analytics',
      hub: 'us',
      consumerRoleArn: overrides.role ?? ANALYST_ROLE,
    },
    tables,
  };
}

// Without keep-alive no socket outlives a test, so Jest ends without open handles.
const noKeepAlive = {
  requestHandler: {
    httpAgent: new http.Agent({ keepAlive: false }),
    httpsAgent: new http.Agent({ keepAlive: false }),
  },
};

// moto_server ships with the build machines' image; elsewhere the suite is skipped, and says why.
const skipReason = hasMotoServer()
  ? ''
  : ' (skipped: moto_server is not on PATH)';
const describeWithMoto = skipReason ? describe.skip : describe;
if (skipReason) {
  // Jest's summary only counts skipped tests; this says why they were skipped.
  console.warn(`LakeFormationGranter against moto_server${skipReason}`);
}

describeWithMoto(
  `LakeFormationGranter against moto_server${skipReason}`,
  () => {
    const moto = new MotoServer({ pythonPath: [LAKE_FORMATION_PATCH] });
    let endpoint: string;
    let clients: LakeFormationClients;
    let raw: LakeFormationClient;
    let granter: LakeFormationGranter;
    const savedEnv = { ...process.env };
    jest.setTimeout(60_000);

    function hubs(extra: Partial<AwsHubConfig> = {}): AwsHubConfig[] {
      return [
        {
          hub: 'us',
          region: 'us-east-1',
          accountId: ACCOUNT,
          endpoint,
          maxAttempts: 2,
          ...extra,
        },
      ];
    }

    /** Every table permission of the account, read past the granter with a plain client. */
    async function allTablePermissions(
      catalogId = ACCOUNT,
    ): Promise<PrincipalResourcePermissions[]> {
      const res = await raw.send(
        new ListPermissionsCommand({
          CatalogId: catalogId,
          ResourceType: 'TABLE',
        }),
      );
      return res.PrincipalResourcePermissions ?? [];
    }

    beforeAll(async () => {
      process.env.AWS_ACCESS_KEY_ID = 'test';
      process.env.AWS_SECRET_ACCESS_KEY = 'test';
      endpoint = await moto.start();
      raw = new LakeFormationClient({
        region: 'us-east-1',
        endpoint,
        ...noKeepAlive,
      });
    });

    beforeEach(async () => {
      await moto.reset();
      clients = new LakeFormationClients(hubs(), noKeepAlive);
      granter = new LakeFormationGranter(clients, mockServices.logger.mock());
    });

    afterEach(() => clients.destroy());

    afterAll(async () => {
      raw?.destroy();
      await moto.stop();
      process.env = savedEnv;
    });

    it('grants columns to the consumer role, narrows, widens and revokes them', async () => {
      await granter.grant(
        target([
          { name: 'trips', columns: ['trip_id', 'started_at', 'distance_km'] },
          { name: 'vehicles', columns: ['model'] },
        ]),
      );

      await expect(
        granter.listGranted(
          target([
            {
              name: 'trips',
              columns: ['trip_id', 'started_at', 'distance_km'],
            },
            { name: 'vehicles', columns: ['model'] },
          ]),
        ),
      ).resolves.toEqual([
        { name: 'trips', columns: ['trip_id', 'started_at', 'distance_km'] },
        { name: 'vehicles', columns: ['model'] },
      ]);
      // What Lake Formation holds: SELECT on the named columns, for the use case's role, in
      // the dataset's catalog.
      const held = await allTablePermissions();
      expect(held).toHaveLength(2);
      expect(held).toContainEqual(
        expect.objectContaining({
          Principal: { DataLakePrincipalIdentifier: ANALYST_ROLE },
          Permissions: ['SELECT'],
          Resource: {
            TableWithColumns: {
              CatalogId: ACCOUNT,
              DatabaseName: 'vehicle_trips_prepared',
              Name: 'trips',
              ColumnNames: ['trip_id', 'started_at', 'distance_km'],
            },
          },
        }),
      );

      // narrower: one column fewer on trips, no columns on vehicles
      const narrower = target([
        { name: 'trips', columns: ['trip_id', 'distance_km'] },
        { name: 'vehicles', columns: [] },
      ]);
      await granter.grant(narrower);
      await expect(granter.listGranted(narrower)).resolves.toEqual([
        { name: 'trips', columns: ['trip_id', 'distance_km'] },
      ]);

      // wider again
      const wider = target([
        { name: 'trips', columns: ['trip_id', 'distance_km', 'ended_at'] },
      ]);
      await granter.grant(wider);
      await expect(granter.listGranted(wider)).resolves.toEqual([
        { name: 'trips', columns: ['trip_id', 'distance_km', 'ended_at'] },
      ]);

      await granter.revoke(
        target([
          { name: 'trips', columns: ['trip_id', 'distance_km', 'ended_at'] },
          { name: 'vehicles', columns: ['model'] },
        ]),
      );
      await expect(
        granter.listGranted(
          target([
            { name: 'trips', columns: [] },
            { name: 'vehicles', columns: [] },
          ]),
        ),
      ).resolves.toEqual([]);
      await expect(allTablePermissions()).resolves.toEqual([]);
    });

    it('grants and revokes idempotently', async () => {
      const scope = target([{ name: 'trips', columns: ['trip_id', 'vin'] }]);
      await granter.grant(scope);
      await granter.grant(scope);
      await expect(granter.listGranted(scope)).resolves.toEqual([
        { name: 'trips', columns: ['trip_id', 'vin'] },
      ]);
      expect(await allTablePermissions()).toHaveLength(1);

      await granter.revoke(scope);
      await granter.revoke(scope);
      await expect(granter.listGranted(scope)).resolves.toEqual([]);
      await expect(allTablePermissions()).resolves.toEqual([]);
    });

    it("leaves other use cases' grants on the same tables alone", async () => {
      const analyst = target([{ name: 'trips', columns: ['trip_id'] }]);
      const warranty = target(
        [{ name: 'trips', columns: ['trip_id', 'vin'] }],
        {
          role: OTHER_ROLE,
        },
      );
      await granter.grant(analyst);
      await granter.grant(warranty);

      await granter.revoke(analyst);

      await expect(granter.listGranted(analyst)).resolves.toEqual([]);
      await expect(granter.listGranted(warranty)).resolves.toEqual([
        { name: 'trips', columns: ['trip_id', 'vin'] },
      ]);
    });

    it("grants in the dataset's own region when it differs from the hub's", async () => {
      const inIreland = target([{ name: 'trips', columns: ['trip_id'] }], {
        region: 'eu-west-1',
      });
      await granter.grant(inIreland);

      await expect(granter.listGranted(inIreland)).resolves.toEqual([
        { name: 'trips', columns: ['trip_id'] },
      ]);
      // moto keeps one Lake Formation per region: the hub's region has nothing.
      await expect(
        granter.listGranted(target([{ name: 'trips', columns: ['trip_id'] }])),
      ).resolves.toEqual([]);
    });

    it("acts as the hub's role when one is configured", async () => {
      const hubAccount = '210987654321';
      clients.destroy();
      clients = new LakeFormationClients(
        hubs({
          accountId: hubAccount,
          roleArn: `arn:aws:iam::${hubAccount}:role/cdh-portal-lake-formation`,
          externalId: 'cdh-portal',
        }),
        noKeepAlive,
      );
      granter = new LakeFormationGranter(clients, mockServices.logger.mock());
      const scope: AccessGrantTarget = {
        ...target([{ name: 'trips', columns: ['trip_id'] }]),
        dataset: { ...target([]).dataset, accountId: undefined },
      };

      await granter.grant(scope);

      // moto files the assumed role's calls under the role's account: the grant is there, in
      // the hub's catalog. Made with the plain credentials it would sit in moto's default
      // account, under the same catalog id.
      await expect(granter.listGranted(scope)).resolves.toEqual([
        { name: 'trips', columns: ['trip_id'] },
      ]);
      await expect(allTablePermissions(hubAccount)).resolves.toEqual([]);
    });
  },
);
