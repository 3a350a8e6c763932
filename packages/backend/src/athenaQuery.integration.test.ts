import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import dataHubPlugin from '@cloud-data-hub/data-hub-backend';
import dataHubModuleAws from '@cloud-data-hub/data-hub-backend-module-aws';
import catalogModuleDataHub from '@cloud-data-hub/catalog-backend-module-data-hub';
import { TEST_HUBS } from './testing/dataHubTestConfig';
import {
  pluginDatabaseConfigs,
  postgresAvailableOrNotCi,
} from './testing/pluginDatabases';

jest.setTimeout(300_000);

/*
 * The accounts as moto files them. The US hub's account, where its Glue catalog and Lake
 * Formation live, is moto's default account: the one the backend's own (test) credentials act
 * in, as the Glue provider reads the catalog with them. The AWS module assumes the portal's
 * role there, and from it the use case's consumer role: queries run in the use case's account
 * (its Athena workgroup).
 */
const REGION = 'us-east-1';
const HUB_ACCOUNT = '123456789012';
const HUBS = TEST_HUBS.map(hub =>
  hub.name === 'us' ? { ...hub, accountId: HUB_ACCOUNT } : hub,
);
const PORTAL_ROLE = `arn:aws:iam::${HUB_ACCOUNT}:role/cdh-portal`;
const USE_CASE_ACCOUNT = '210987654321';
const CONSUMER_ROLE = `arn:aws:iam::${USE_CASE_ACCOUNT}:role/cdh-use-case-us-marketing-360`;
const WORKGROUP = 'cdh-us';
const RESULT_BUCKET = 'cdh-us-athena-results';

const DATASET = 'dataset:default/us-sales-orders-source';
const USE_CASE = 'system:default/us-marketing-360';
const TEAM = 'group:default/us-marketing-analytics';
const SQL =
  'SELECT order_id, list_price_usd FROM us_sales_orders_source.orders ORDER BY order_id';

/** Group memberships as the users' tokens carry them; a test edits them to remove a member. */
const MEMBERS: Record<string, string[]> = {
  'user:default/alice-analyst': [TEAM, 'group:default/fleet-insights'],
  'user:default/bob-owner': ['group:default/sales-data-us'],
};
const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);

/** The use case and the teams, as the catalog reads them from a file. */
const ENTITIES = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: us-marketing-analytics }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: sales-data-us }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: us-marketing-360
  title: US marketing 360
  annotations:
    clouddatahub.io/use-case-hub: us
    clouddatahub.io/consumer-role-arn: ${CONSUMER_ROLE}
spec:
  owner: ${TEAM}
`;

/** What moto's Athena answers for the next query: Athena's header row first, values as text. */
const RESULTS = {
  rows: [
    ['order_id', 'list_price_usd'],
    ['o-1', '31999.5'],
    ['o-2', '45000.0'],
    ['o-3', undefined],
  ].map(values => ({
    Data: values.map(v => (v === undefined ? {} : { VarCharValue: v })),
  })),
  column_info: [
    ['order_id', 'varchar'],
    ['list_price_usd', 'double'],
  ].map(([name, type]) => ({
    CatalogName: 'hive',
    SchemaName: 'us_sales_orders_source',
    TableName: 'orders',
    Name: name,
    Label: name,
    Type: type,
    Nullable: 'UNKNOWN',
    CaseSensitive: type === 'varchar',
  })),
};
const CSV = 'order_id,list_price_usd\no-1,31999.5\no-2,45000\no-3,\n';

const tmp = path.join(
  os.tmpdir(),
  `cdh-athena-int-${process.pid}-${Date.now()}`,
);

/**
 * SQLite in files (not in memory), so that the plugins' databases outlive a backend: the test
 * restarts it between a run and its reads. PostgreSQL keeps them by their prefix.
 */
const databases: Array<
  [string, Record<string, string | { directory: string }>]
> = [
  [
    'SQLite',
    {
      client: 'better-sqlite3',
      connection: { directory: path.join(tmp, 'sqlite') },
    },
  ],
  ...pluginDatabaseConfigs('athena').filter(([id]) => id !== 'SQLite'),
];

/** Whether `moto_server` (the AWS emulator of the build machines' image) is installed. */
function hasMotoServer(): boolean {
  try {
    execFileSync('moto_server', ['--help'], {
      stdio: 'ignore',
      timeout: 20_000,
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * `moto_server` on a free port of 127.0.0.1, as the AWS module's moto tests run it: with its
 * Lake Formation patch on PYTHONPATH (ListPermissions on a table also lists the table's
 * column permissions, as AWS documents), which the Lake Formation granter relies on.
 */
class MotoServer {
  private process?: ChildProcess;
  endpoint = '';

  async start(): Promise<string> {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
    const patch = resolvePackagePath(
      '@cloud-data-hub/data-hub-backend-module-aws',
      'src/lakeformation/testing/moto-lakeformation-patch',
    );
    this.process = spawn(
      'moto_server',
      ['-H', '127.0.0.1', '-p', String(port)],
      {
        stdio: 'ignore',
        env: {
          ...process.env,
          PYTHONPATH: [patch, process.env.PYTHONPATH]
            .filter(Boolean)
            .join(path.delimiter),
        },
      },
    );
    const endpoint = `http://127.0.0.1:${port}`;
    this.endpoint = endpoint;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${endpoint}/moto-api/`)).ok) return endpoint;
      } catch {
        // not listening yet
      }
      if (this.process.exitCode !== null) {
        throw new Error(
          `moto_server exited with code ${this.process.exitCode}`,
        );
      }
      if (Date.now() > deadline) throw new Error('moto_server did not start');
      await new Promise(r => setTimeout(r, 200));
    }
  }

  /** Forgets every resource and permission: each database's round starts from empty accounts. */
  async reset(): Promise<void> {
    const response = await fetch(`${this.endpoint}/moto-api/reset`, {
      method: 'POST',
    });
    if (!response.ok)
      throw new Error(`moto_server reset failed: ${response.status}`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise(resolve => {
      child.once('exit', resolve);
      child.kill();
    });
  }
}

// moto_server ships with the build machines' image; elsewhere the suite is skipped, and says why.
const skipReason = hasMotoServer()
  ? ''
  : ' (skipped: moto_server is not on PATH)';
const describeWithMoto = skipReason ? describe.skip : describe;
if (skipReason) {
  // Jest's summary only counts skipped tests; this says why they were skipped.
  console.warn(`Query API over Athena on moto_server${skipReason}`);
}

// The query page's API over the real Athena engine, Lake Formation granter and access
// workflow, against moto: the output of a run is served only while the run's user is a
// member of the use case and the grant it read under is live — a revoke, an expiry or leaving
// the team turns the old run's pages and CSV into 403, also on a backend that never saw it.
describeWithMoto(`Query API over Athena on moto_server${skipReason}`, () => {
  const moto = new MotoServer();
  let endpoint = '';
  const savedEnv = { ...process.env };

  /** A call of a JSON protocol of AWS, straight to moto, filed under `account`. */
  async function aws(
    service: string,
    account: string,
    init: { target?: string; path?: string; method?: string; body?: object },
  ) {
    const response = await fetch(`${endpoint}${init.path ?? '/'}`, {
      method: init.method ?? 'POST',
      headers: {
        'content-type': init.target
          ? 'application/x-amz-json-1.1'
          : 'application/json',
        ...(init.target ? { 'x-amz-target': init.target } : {}),
        // moto routes by the credential scope's service and files the call in this account.
        authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
        'x-moto-account-id': account,
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `moto ${service} ${init.target ?? init.path}: ${
          response.status
        } ${text}`,
      );
    }
    // JSON protocols answer JSON; S3's CreateBucket answers XML, of no interest here.
    return text.startsWith('{') ? JSON.parse(text) : undefined;
  }

  /** The Glue database of the dataset in the hub's catalog, the workgroup and result bucket. */
  async function createAwsResources() {
    const glue = (action: string, body: object) =>
      aws('glue', HUB_ACCOUNT, { target: `AWSGlue.${action}`, body });
    await glue('CreateDatabase', {
      DatabaseInput: {
        Name: 'us_sales_orders_source',
        Description: 'US vehicle orders as the dealer system sends them',
        LocationUri: 's3://cdh-us-source/us_sales_orders_source/',
        Parameters: {
          'clouddatahub:layer': 'source',
          'clouddatahub:owner': 'group:default/sales-data-us',
          'clouddatahub:business-object': 'domain:default/sales',
          'clouddatahub:classification': 'confidential',
          'clouddatahub:title': 'US sales orders (source)',
        },
      },
    });
    await glue('CreateTable', {
      DatabaseName: 'us_sales_orders_source',
      TableInput: {
        Name: 'orders',
        StorageDescriptor: {
          Location: 's3://cdh-us-source/us_sales_orders_source/orders/',
          Columns: [
            { Name: 'order_id', Type: 'string' },
            { Name: 'order_ts', Type: 'timestamp' },
            { Name: 'list_price_usd', Type: 'double' },
            {
              Name: 'vin',
              Type: 'string',
              Parameters: { 'clouddatahub:pii': 'true' },
            },
          ],
        },
      },
    });
    await aws('s3', USE_CASE_ACCOUNT, {
      method: 'PUT',
      path: `/${RESULT_BUCKET}`,
    });
    await aws('athena', USE_CASE_ACCOUNT, {
      target: 'AmazonAthena.CreateWorkGroup',
      body: {
        Name: WORKGROUP,
        Configuration: {
          ResultConfiguration: {
            OutputLocation: `s3://${RESULT_BUCKET}/queries/`,
          },
        },
      },
    });
  }

  /** Queues the result of the next query started in the use case's account. */
  async function queueResults() {
    const response = await fetch(
      `${endpoint}/moto-api/static/athena/query-results`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          account_id: USE_CASE_ACCOUNT,
          region: REGION,
          results: [RESULTS],
        }),
      },
    );
    expect(response.ok).toBe(true);
  }

  /** Lake Formation's table permissions in the hub's catalog, read past the product. */
  async function lakeFormationPermissions(): Promise<any[]> {
    const output = await aws('lakeformation', HUB_ACCOUNT, {
      path: '/ListPermissions',
      body: { CatalogId: HUB_ACCOUNT, ResourceType: 'TABLE' },
    });
    return output.PrincipalResourcePermissions ?? [];
  }

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    await fs.mkdir(tmp, { recursive: true });
    await fs.writeFile(path.join(tmp, 'use-cases.yaml'), ENTITIES);
    endpoint = await moto.start();
  });

  afterAll(async () => {
    await moto.stop();
    await fs.rm(tmp, { recursive: true, force: true });
    process.env = savedEnv;
  });

  it('runs against PostgreSQL in CI', () => {
    expect(postgresAvailableOrNotCi()).toBe(true);
  });

  it.each(databases)(
    "serves an old run's pages and CSV only while its grant and membership last, on %s",
    async (_databaseId, database) => {
      await moto.reset();
      await createAwsResources();

      /** The data-hub plugin's own database, to let a grant's time pass. */
      let dataHubDb: any;
      const dataHubDatabase = createBackendModule({
        pluginId: 'data-hub',
        moduleId: 'test-database',
        register(env) {
          env.registerInit({
            deps: { database: coreServices.database },
            async init({ database: db }) {
              dataHubDb = await db.getClient();
            },
          });
        },
      });
      const start = () =>
        startTestBackend({
          features: [
            databaseServiceFactory,
            schedulerServiceFactory,
            mockServices.rootConfig.factory({
              data: {
                backend: { database },
                dataHub: {
                  hubs: HUBS,
                  access: { expiryIntervalSeconds: 1 },
                  query: { engine: 'athena' },
                  aws: {
                    hubs: [
                      {
                        hub: 'us',
                        roleArn: PORTAL_ROLE,
                        athenaWorkgroup: WORKGROUP,
                        athenaOutputLocation: `s3://${RESULT_BUCKET}/queries/`,
                        endpoint,
                        maxAttempts: 2,
                      },
                    ],
                  },
                },
                catalog: {
                  rules: [
                    { allow: ['Dataset', 'Location', 'System', 'Group'] },
                  ],
                  processingInterval: { seconds: 1 },
                  locations: [
                    { type: 'file', target: path.join(tmp, 'use-cases.yaml') },
                  ],
                  providers: {
                    // No dataset source in the backend: the datasets come from Glue.
                    dataHub: { enabled: false },
                    dataHubGlue: [
                      {
                        hub: 'us',
                        endpoint,
                        schedule: {
                          frequency: { seconds: 2 },
                          timeout: { minutes: 1 },
                          initialDelay: { seconds: 0 },
                        },
                      },
                    ],
                  },
                },
              },
            }),
            createServiceFactory({
              service: coreServices.userInfo,
              deps: {},
              factory: () => ({
                async getUserInfo(credentials: any) {
                  const ref = credentials.principal.userEntityRef as string;
                  return {
                    userEntityRef: ref,
                    ownershipEntityRefs: [ref, ...(MEMBERS[ref] ?? [])],
                  };
                },
              }),
            }),
            createServiceFactory({
              service: notificationService,
              deps: {},
              factory: () => ({ send: async () => {} }),
            }),
            catalogPlugin,
            catalogModuleDataHub,
            dataHubPlugin,
            dataHubModuleAws,
            dataHubDatabase,
          ],
        });

      const api = '/api/data-hub';
      let backend = await start();
      try {
        let server = backend.server;
        const get = (url: string, user = 'alice-analyst') =>
          request(server).get(`${api}${url}`).set('Authorization', as(user));
        const post = (url: string, user: string, body: object = {}) =>
          request(server)
            .post(`${api}${url}`)
            .set('Authorization', as(user))
            .send(body);
        const query = () =>
          post('/queries', 'alice-analyst', { sql: SQL, useCaseRef: USE_CASE });
        /** Request → approve: a live grant, in Lake Formation on moto. */
        const grantAccess = async () => {
          const created = await post('/access-requests', 'alice-analyst', {
            datasetRef: DATASET,
            useCaseRef: USE_CASE,
            tables: [
              {
                name: 'orders',
                columns: ['order_id', 'order_ts', 'list_price_usd'],
              },
            ],
            justification: 'Campaign attribution',
            durationDays: 30,
          });
          expect(created.status).toBe(201);
          const approved = await post(
            `/access-requests/${created.body.id}/approve`,
            'bob-owner',
          );
          expect(approved.body.state).toBe('granted');
          expect(await lakeFormationPermissions()).toEqual([
            expect.objectContaining({
              Principal: { DataLakePrincipalIdentifier: CONSUMER_ROLE },
              Permissions: ['SELECT'],
              Resource: {
                TableWithColumns: expect.objectContaining({
                  CatalogId: HUB_ACCOUNT,
                  DatabaseName: 'us_sales_orders_source',
                  Name: 'orders',
                  ColumnNames: ['order_id', 'order_ts', 'list_price_usd'],
                }),
              },
            }),
          ]);
          return approved.body.grantId as string;
        };
        /** The run's first page and its CSV, as Athena returned them, typed. */
        const expectReadable = async (id: string) => {
          const page = await get(`/queries/${id}/results?limit=2`);
          expect(page.status).toBe(200);
          expect(page.body).toEqual({
            columns: [
              { name: 'order_id', type: 'varchar' },
              { name: 'list_price_usd', type: 'double' },
            ],
            rows: [
              ['o-1', 31999.5],
              ['o-2', 45000],
            ],
            offset: 0,
            hasMore: true,
          });
          const csv = await get(`/queries/${id}/results.csv`);
          expect(csv.status).toBe(200);
          expect(csv.headers['content-type']).toMatch(/text\/csv/);
          expect(csv.text).toBe(CSV);
        };
        /** A query that succeeds in Athena, and whose page and CSV are read. */
        const readableRun = async () => {
          await queueResults();
          const run = await query();
          expect(run.status).toBe(201);
          expect(run.body).toMatchObject({
            state: 'succeeded',
            engine: 'athena',
            datasets: [DATASET],
            result: 'available',
          });
          await expectReadable(run.body.id);
          return run.body.id as string;
        };
        /** The run's state, page and CSV: 403, each saying why. */
        const expectRefused = async (id: string, why: RegExp) => {
          for (const url of [
            `/queries/${id}`,
            `/queries/${id}/results`,
            `/queries/${id}/results?offset=2&limit=1`,
            `/queries/${id}/results.csv`,
          ]) {
            const res = await get(url);
            expect({ url, status: res.status }).toEqual({ url, status: 403 });
            expect(res.body.error.message).toMatch(why);
            expect(res.text).not.toContain('o-1');
          }
        };
        const ended = (why: string) =>
          new RegExp(
            `^The output of query .+ is no longer yours to read: the grant on ${DATASET} has ended \\(revoked or expired\\): ${why}\\. Request access`,
          );

        // The catalog registers the Glue database as a Dataset, and the use case.
        let useCases: any;
        for (let i = 0; i < 120; i++) {
          useCases = await get(`/access/use-cases?datasetRef=${DATASET}`);
          if (useCases.status === 200 && useCases.body.items.length) break;
          await new Promise(r => setTimeout(r, 500));
        }
        expect(useCases.body.items).toEqual([
          expect.objectContaining({ useCaseRef: USE_CASE, allowed: true }),
        ]);

        // Nothing before a grant (refused before Athena is asked); then a query of the granted
        // table runs in Athena as the consumer role.
        expect((await query()).status).toBe(403);
        const firstGrant = await grantAccess();
        const revokedRun = await readableRun();

        // The backend that started the run stops; another one (same databases) serves it from
        // what was stored, reading Athena as the run's role session.
        await backend.stop();
        backend = await start();
        server = backend.server;
        await expectReadable(revokedRun);

        // (a) The owner revokes: Lake Formation forgets the role, and the old run's output
        // is no longer served.
        const revoked = await post(
          `/grants/${firstGrant}/revoke`,
          'bob-owner',
          {
            comment: 'campaign over',
          },
        );
        expect(revoked.body.state).toBe('revoked');
        expect(await lakeFormationPermissions()).toEqual([]);
        await expectRefused(
          revokedRun,
          ended('it was revoked by user:default/bob-owner at [^ ]+'),
        );
        expect((await query()).status).toBe(403);

        // (b) A new grant and run; then the grant's time is up. Reads are refused from then on
        // (a read compares the grant's end with the clock, whether or not the expiry job has
        // ended the grant yet), and the job ends the grant, also in Lake Formation.
        const secondGrant = await grantAccess();
        const expiredRun = await readableRun();
        // The shortest grant the API takes is a day, and the plugin takes no clock: the grant's
        // end moves into the past in its database instead, as if its time had passed.
        await dataHubDb('access_grants')
          .where({ id: secondGrant })
          .update({ expires_at: new Date(Date.now() - 1000) });
        await expectRefused(expiredRun, ended('it expired at [^ ]+'));
        let grant: any;
        for (let i = 0; i < 60; i++) {
          grant = (await get(`/grants?datasetRef=${DATASET}`)).body.items.find(
            (g: any) => g.id === secondGrant,
          );
          if (grant?.state === 'expired') break;
          await new Promise(r => setTimeout(r, 250));
        }
        expect(grant).toMatchObject({
          state: 'expired',
          endedBy: 'system:data-hub/expiry',
        });
        expect(await lakeFormationPermissions()).toEqual([]);
        await expectRefused(expiredRun, ended('it expired at [^ ]+'));

        // (c) A new grant and run; then alice leaves the use case's team. Back in the team,
        // the same run reads again: nothing else changed.
        await grantAccess();
        const leftRun = await readableRun();
        const teams = MEMBERS['user:default/alice-analyst'];
        MEMBERS['user:default/alice-analyst'] = teams.filter(t => t !== TEAM);
        try {
          await expectRefused(
            leftRun,
            new RegExp(
              `^Only members of ${TEAM} may query as use case ${USE_CASE}`,
            ),
          );
          expect(
            (await post(`/queries/${leftRun}/cancel`, 'alice-analyst')).status,
          ).toBe(403);
        } finally {
          MEMBERS['user:default/alice-analyst'] = teams;
        }
        await expectReadable(leftRun);
        // Others never read someone else's run.
        expect(
          (await get(`/queries/${leftRun}/results`, 'bob-owner')).status,
        ).toBe(404);
      } finally {
        await backend.stop();
      }
    },
  );
});
