import {
  AthenaClient,
  ColumnInfo,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetQueryResultsCommandInput,
  GetQueryRuntimeStatisticsCommand,
  InvalidRequestException,
  QueryExecution,
  Row,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import {
  DeleteObjectsCommand,
  NoSuchBucket,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  AssumeRoleCommand,
  AssumeRoleCommandInput,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { mockServices } from '@backstage/backend-test-utils';
import type {
  QueryGrant,
  QueryRunHandle,
  QueryStartRequest,
  QueryValue,
} from '@cloud-data-hub/data-hub-node';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsHubConfig } from '../AwsHubConfig';
import { AthenaClients } from './AthenaClients';
import { athenaCostUsd } from './athenaCost';
import { AthenaQueryEngine, resultObjects } from './AthenaQueryEngine';
import { checkAthenaSql } from './athenaSql';

const athena = mockClient(AthenaClient);
const sts = mockClient(STSClient);
const s3 = mockClient(S3Client);

const ROLE = 'arn:aws:iam::222222222222:role/cdh-use-case-fleet-analytics';
const RUN_ID = '0d7c5a52-6f3e-4b7e-9d51-2f4b8c1e9a01';
const QUERY_ID = '5b1f0c7e-1111-4a4a-9c9c-000000000001';
const T0 = Date.parse('2026-11-27T10:00:00Z');

const HUB: AwsHubConfig = {
  hub: 'us',
  region: 'us-east-1',
  accountId: '222222222222',
  roleArn: 'arn:aws:iam::222222222222:role/cdh-portal',
  athenaWorkgroup: 'cdh-us',
  athenaOutputLocation: 's3://cdh-us-athena-results/queries/',
  maxAttempts: 1,
};

const GRANTS: QueryGrant[] = [
  {
    datasetRef: 'dataset:default/vehicle-trips-prepared',
    glueDatabase: 'vehicle_trips_prepared',
    tables: [{ name: 'trips', columns: ['trip_id', 'distance_km'] }],
  },
];

function request(
  overrides: Partial<QueryStartRequest> = {},
): QueryStartRequest {
  return {
    runId: RUN_ID,
    sql: 'SELECT trip_id, distance_km FROM vehicle_trips_prepared.trips',
    useCase: {
      entityRef: 'system:default/fleet-analytics',
      hub: 'us',
      consumerRoleArn: ROLE,
    },
    grants: GRANTS,
    userRef: 'user:default/jane.doe',
    ...overrides,
  };
}

/** The run as the data hub stores it after `start`: all the engine gets to act on it. */
function handle(
  req: QueryStartRequest = request(),
  engineQueryId = QUERY_ID,
): QueryRunHandle {
  return {
    runId: req.runId,
    engineQueryId,
    useCase: req.useCase,
    userRef: req.userRef,
  };
}

function row(...values: Array<string | undefined>): Row {
  return {
    Data: values.map(v => (v === undefined ? {} : { VarCharValue: v })),
  };
}

const COLUMNS: ColumnInfo[] = [
  { Name: 'trip_id', Label: 'trip_id', Type: 'varchar' },
  { Name: 'distance_km', Label: 'distance_km', Type: 'double' },
];
const HEADER = row('trip_id', 'distance_km');

function execution(
  state: string,
  extra: Partial<QueryExecution> & {
    reason?: string;
    errorCategory?: number;
  } = {},
) {
  const { reason, errorCategory, ...rest } = extra;
  return {
    QueryExecution: {
      QueryExecutionId: QUERY_ID,
      Status: {
        State: state,
        SubmissionDateTime: new Date(T0),
        ...(reason ? { StateChangeReason: reason } : {}),
        ...(errorCategory
          ? { AthenaError: { ErrorCategory: errorCategory } }
          : {}),
      },
      Statistics: {
        DataScannedInBytes: 123 * 1024 * 1024,
        TotalExecutionTimeInMillis: 4200,
        EngineExecutionTimeInMillis: 3900,
      },
      ...rest,
    } as QueryExecution,
  };
}

/** GetQueryResults over fixed pages keyed by NextToken ('' = the first page). */
function pages(byToken: Record<string, { rows: Row[]; next?: string }>) {
  athena
    .on(GetQueryResultsCommand)
    .callsFake((input: GetQueryResultsCommandInput) => {
      const page = byToken[input.NextToken ?? ''];
      if (!page) throw new Error(`unexpected NextToken ${input.NextToken}`);
      return {
        ResultSet: {
          Rows: page.rows,
          ResultSetMetadata: { ColumnInfo: COLUMNS },
        },
        NextToken: page.next,
      };
    });
}

/** Like Athena: honours MaxResults over `total` data rows, header first. */
function largeResult(total: number) {
  const all = [HEADER];
  for (let i = 0; i < total; i++) all.push(row(`t${i}`, String(i)));
  athena
    .on(GetQueryResultsCommand)
    .callsFake((input: GetQueryResultsCommandInput) => {
      const from = input.NextToken ? Number(input.NextToken.slice(4)) : 0;
      const to = Math.min(all.length, from + (input.MaxResults ?? 1000));
      return {
        ResultSet: {
          Rows: all.slice(from, to),
          ResultSetMetadata: { ColumnInfo: COLUMNS },
        },
        NextToken: to < all.length ? `pos-${to}` : undefined,
      };
    });
}

function resultTokens(): Array<string | undefined> {
  return athena
    .commandCalls(GetQueryResultsCommand)
    .map(call => call.args[0].input.NextToken);
}

describe('AthenaQueryEngine (aws-sdk-client-mock)', () => {
  let now: number;
  let delays: number[];
  let onSleep: (() => void) | undefined;
  let clients: AthenaClients;
  let engine: AthenaQueryEngine;
  /** Every client set a test made, destroyed after it. */
  let allClients: AthenaClients[] = [];

  /** STS's answer: credentials named for the session, valid for the asked duration. */
  function assumeRole(input: AssumeRoleCommandInput) {
    return {
      Credentials: {
        AccessKeyId: `ASIA-${input.RoleSessionName}`,
        SecretAccessKey: 'secret',
        SessionToken: `token-${input.RoleSessionName}`,
        Expiration: new Date(now + input.DurationSeconds! * 1000),
      },
    };
  }

  /** An engine with its own clients and credentials: what another backend replica has. */
  function newEngine(hubs: AwsHubConfig[] = [HUB], pricePerTbUsd?: number) {
    const replicaClients = new AthenaClients(hubs, {
      credentials: { now: () => now },
    });
    allClients.push(replicaClients);
    return {
      clients: replicaClients,
      engine: new AthenaQueryEngine({
        clients: replicaClients,
        logger: mockServices.logger.mock(),
        pricePerTbUsd,
        now: () => now,
        sleep: async ms => {
          delays.push(ms);
          onSleep?.();
        },
      }),
    };
  }

  function createEngine(hubs: AwsHubConfig[] = [HUB], pricePerTbUsd?: number) {
    ({ clients, engine } = newEngine(hubs, pricePerTbUsd));
  }

  /** Starts the query and answers its handle, as the data hub does. */
  async function startRun(req: QueryStartRequest = request()) {
    const { engineQueryId } = await engine.start(req);
    return handle(req, engineQueryId);
  }

  beforeEach(() => {
    athena.reset();
    sts.reset();
    s3.reset();
    now = T0;
    delays = [];
    onSleep = undefined;
    sts.on(AssumeRoleCommand).callsFake(assumeRole);
    athena
      .on(StartQueryExecutionCommand)
      .resolves({ QueryExecutionId: QUERY_ID });
    athena.on(GetQueryRuntimeStatisticsCommand).resolves({
      QueryRuntimeStatistics: { Rows: { OutputRows: 6, OutputBytes: 4096 } },
    });
    createEngine();
  });

  afterEach(() => {
    allClients.forEach(c => c.destroy());
    allClients = [];
  });

  describe('start', () => {
    it("starts the query in the hub's workgroup as the use case's role", async () => {
      const started = await engine.start(request());
      expect(started).toMatchObject({
        engineQueryId: QUERY_ID,
        glueDatabases: ['vehicle_trips_prepared'],
      });
      // The tables read, as the SQL check found them (where it reports them); Athena runs
      // outside the process, so there is no `finished`.
      const checked = await checkAthenaSql(request().sql, GRANTS);
      expect(started.reads).toEqual((checked as { reads?: unknown }).reads);
      expect(started.finished).toBeUndefined();
      expect(engine.runsIn).toBe('service');

      expect(
        sts.commandCalls(AssumeRoleCommand).map(c => c.args[0].input),
      ).toEqual([
        {
          RoleArn: ROLE,
          RoleSessionName: 'cdh-user-default-jane.doe',
          DurationSeconds: 900,
        },
      ]);
      const [start] = athena.commandCalls(StartQueryExecutionCommand);
      expect(start.args[0].input).toEqual({
        QueryString:
          'SELECT trip_id, distance_km FROM vehicle_trips_prepared.trips',
        QueryExecutionContext: { Catalog: 'AwsDataCatalog' },
        WorkGroup: 'cdh-us',
        ResultConfiguration: {
          OutputLocation: 's3://cdh-us-athena-results/queries/',
        },
        // The run's id: a retried start starts the query once.
        ClientRequestToken: RUN_ID,
      });
      // The client that sent it signs with the assumed role's credentials, nothing else.
      const client = start.thisValue as AthenaClient;
      await expect(client.config.credentials()).resolves.toMatchObject({
        accessKeyId: 'ASIA-cdh-user-default-jane.doe',
        sessionToken: 'token-cdh-user-default-jane.doe',
      });
      await expect(client.config.region()).resolves.toBe('us-east-1');
    });

    it("uses each run's id as its idempotency token and leaves the output location to the workgroup when none is set", async () => {
      createEngine([{ ...HUB, athenaOutputLocation: undefined }]);
      const other = '7e0b4c1d-2a3f-4e5d-8c6b-9a0f1e2d3c4b';
      await engine.start(request());
      await engine.start(request());
      await engine.start(request({ runId: other }));

      const inputs = athena
        .commandCalls(StartQueryExecutionCommand)
        .map(c => c.args[0].input);
      expect(inputs[0].ResultConfiguration).toBeUndefined();
      expect(inputs.map(i => i.ClientRequestToken)).toEqual([
        RUN_ID,
        RUN_ID,
        other,
      ]);
    });

    it('keeps assumed credentials per role session until shortly before they expire', async () => {
      await engine.start(request());
      await engine.start(request());
      expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);

      await engine.start(request({ userRef: 'user:default/omar' }));
      expect(
        sts
          .commandCalls(AssumeRoleCommand)
          .map(c => c.args[0].input.RoleSessionName),
      ).toEqual(['cdh-user-default-jane.doe', 'cdh-user-default-omar']);

      // 15-minute credentials; 10 minutes later they are within the refresh margin.
      now += 10 * 60_000;
      await engine.start(request());
      expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(3);
    });

    it('names the session for long user refs within 64 characters, distinctly', async () => {
      const long = `user:default/${'a'.repeat(80)}`;
      await engine.start(request({ userRef: `${long}1` }));
      await engine.start(request({ userRef: `${long}2` }));

      const names = sts
        .commandCalls(AssumeRoleCommand)
        .map(c => c.args[0].input.RoleSessionName!);
      expect(names.map(n => n.length)).toEqual([64, 64]);
      expect(names[0]).not.toBe(names[1]);
      expect(names[0]).toMatch(/^[\w+=,.@-]+$/);
    });

    it('refuses a use case without a consumer role before any AWS call', async () => {
      const noRole = request({
        useCase: { entityRef: 'system:default/fleet-analytics', hub: 'us' },
      });
      await expect(engine.start(noRole)).rejects.toMatchObject({
        name: 'InputError',
        message:
          "Use case system:default/fleet-analytics has no clouddatahub.io/consumer-role-arn annotation: Athena queries run as the use case's IAM role, so the use case needs one",
      });
      await expect(
        engine.start(
          request({
            useCase: {
              entityRef: 'system:default/x',
              hub: 'us',
              consumerRoleArn: 'fleet',
            },
          }),
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/is not an IAM role ARN/),
      });
      expect(sts.calls()).toHaveLength(0);
      expect(athena.calls()).toHaveLength(0);
    });

    it.each([
      [
        'SELECT 1; DROP TABLE vehicle_trips_prepared.trips',
        'InputError',
        /one statement at a time/,
      ],
      [
        'DROP TABLE vehicle_trips_prepared.trips',
        'InputError',
        /DROP statements are refused/,
      ],
      [
        'INSERT INTO vehicle_trips_prepared.trips VALUES (1)',
        'InputError',
        /INSERT statements are refused/,
      ],
      [
        'SELECT * FROM finance_raw.salaries',
        'NotAllowedError',
        /no grant on database "finance_raw"/,
      ],
      [
        'SELECT * FROM "finance_raw"."salaries"',
        'NotAllowedError',
        /no grant on database "finance_raw"/,
      ],
    ])('refuses %s before any AWS call', async (sql, name, message) => {
      await expect(engine.start(request({ sql }))).rejects.toMatchObject({
        name,
        message: expect.stringMatching(message),
      });
      expect(sts.calls()).toHaveLength(0);
      expect(athena.calls()).toHaveLength(0);
    });

    it('fails clearly when the portal may not assume the role, and tries again next time', async () => {
      sts
        .on(AssumeRoleCommand)
        .rejectsOnce(
          new STSServiceException({
            name: 'AccessDenied',
            $fault: 'client',
            $metadata: { httpStatusCode: 403 },
            message: `User: arn:aws:sts::222222222222:assumed-role/cdh-portal/x is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
          }),
        )
        .callsFake(assumeRole);

      const error = await engine.start(request()).catch(e => e);
      expect(error.name).toBe('AccessDenied');
      expect(error.message).toMatch(
        `The portal could not assume the use case's role ${ROLE} to query hub "us": the role's trust policy must allow sts:AssumeRole by arn:aws:iam::222222222222:role/cdh-portal, and that identity needs sts:AssumeRole on the role`,
      );
      expect(error.message).toMatch(
        /is not authorized to perform: sts:AssumeRole/,
      );
      expect(athena.calls()).toHaveLength(0);

      // A failed assumption is not cached: once the trust policy is fixed, it works.
      await expect(engine.start(request())).resolves.toMatchObject({
        engineQueryId: QUERY_ID,
      });
      expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    });

    it('turns a query Athena refuses as malformed into an InputError', async () => {
      athena.on(StartQueryExecutionCommand).rejects(
        new InvalidRequestException({
          message: "line 1:8: mismatched input 'FORM'. Expecting: ',', 'FROM'",
          $metadata: {},
        }),
      );
      await expect(
        engine.start(
          request({
            sql: 'SELECT nosuchfn(trip_id) FROM vehicle_trips_prepared.trips',
          }),
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          "Athena refused the query: line 1:8: mismatched input 'FORM'. Expecting: ',', 'FROM'",
      });
    });

    it('reports a refused start that is not the query’s fault with workgroup, hub and role', async () => {
      athena.on(StartQueryExecutionCommand).rejects(
        new InvalidRequestException({
          message: 'WorkGroup cdh-us is disabled.',
          $metadata: {},
        }),
      );
      const error = await engine.start(request()).catch(e => e);
      expect(error.name).toBe('InvalidRequestException');
      expect(error.message).toBe(
        `Athena did not start the query in workgroup "cdh-us" of hub "us" as ${ROLE}; caused by InvalidRequestException: WorkGroup cdh-us is disabled.`,
      );
    });

    it('needs AWS settings and a workgroup for the use case’s hub', async () => {
      await expect(
        engine.start(request({ useCase: { ...request().useCase, hub: 'cn' } })),
      ).rejects.toThrow(
        /Hub "cn" has no AWS settings: add it to dataHub.aws.hubs/,
      );
      createEngine([{ ...HUB, athenaWorkgroup: undefined }]);
      await expect(engine.start(request())).rejects.toThrow(
        'Hub "us" has no Athena workgroup: set dataHub.aws.hubs[].athenaWorkgroup for it',
      );
      expect(athena.calls()).toHaveLength(0);
    });
  });

  describe('status', () => {
    it('maps states and reports data scanned, elapsed time and cost', async () => {
      const run = await startRun();
      athena
        .on(GetQueryExecutionCommand)
        .resolvesOnce(execution('QUEUED', { Statistics: {} }))
        .resolvesOnce(execution('RUNNING'))
        .resolves(execution('SUCCEEDED'));
      now = T0 + 1500;
      await expect(engine.status(run)).resolves.toEqual({
        state: 'queued',
        statistics: {
          bytesScanned: undefined,
          elapsedMs: 1500,
          costEstimateUsd: undefined,
        },
      });

      now = T0 + 3000;
      await expect(engine.status(run)).resolves.toMatchObject({
        state: 'running',
        statistics: { bytesScanned: 123 * 1024 * 1024, elapsedMs: 3000 },
      });

      const succeeded = await engine.status(run);
      expect(succeeded).toEqual({
        state: 'succeeded',
        statistics: {
          rows: 6,
          resultBytes: 4096,
          bytesScanned: 123 * 1024 * 1024,
          elapsedMs: 4200,
          // 123 MB at $5 per TB (1024^4 bytes)
          costEstimateUsd: (123 / 1024 / 1024) * 5,
        },
      });
      // A final status does not change: no more calls for it.
      await expect(engine.status(run)).resolves.toEqual(succeeded);
      expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
      expect(
        athena.commandCalls(GetQueryRuntimeStatisticsCommand),
      ).toHaveLength(1);
    });

    it('reports a status without rows when runtime statistics are not allowed', async () => {
      athena.on(GetQueryRuntimeStatisticsCommand).rejects(
        Object.assign(
          new Error(
            'not authorized to perform: athena:GetQueryRuntimeStatistics',
          ),
          {
            name: 'AccessDeniedException',
          },
        ),
      );
      athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED'));
      const run = await startRun();
      const status = await engine.status(run);
      expect(status.state).toBe('succeeded');
      expect(status.statistics.rows).toBeUndefined();
      expect(status.statistics.resultBytes).toBeUndefined();
      expect(status.statistics.bytesScanned).toBe(123 * 1024 * 1024);
    });

    it("uses the hub's own price and the 10 MB minimum", async () => {
      createEngine([{ ...HUB, athenaPricePerTbUsd: 6.75 }], 5);
      athena.on(GetQueryExecutionCommand).resolves(
        execution('SUCCEEDED', {
          Statistics: {
            DataScannedInBytes: 1234,
            TotalExecutionTimeInMillis: 80,
          },
        }),
      );
      const run = await startRun();
      await expect(engine.status(run)).resolves.toMatchObject({
        statistics: {
          bytesScanned: 1234,
          costEstimateUsd: ((10 * 1024 ** 2) / 1024 ** 4) * 6.75,
        },
      });
    });

    it.each([
      [
        "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.vehicle_trips_prepared.trips' does not exist",
        'not-granted',
      ],
      [
        'SCHEMA_NOT_FOUND: line 1:15: Schema vehicle_trips_prepared does not exist',
        'not-granted',
      ],
      [
        "COLUMN_NOT_FOUND: line 1:8: Column 'vin' cannot be resolved",
        'not-granted',
      ],
      [
        'Insufficient Lake Formation permission(s) on trips (Service: AmazonDataCatalog; Status Code: 400)',
        'not-granted',
      ],
      ["SYNTAX_ERROR: line 1:8: Column 'x' cannot be resolved", 'invalid'],
      ["line 1:8: mismatched input 'FORM'. Expecting: <expression>", 'invalid'],
      [
        'TYPE_MISMATCH: line 1:30: Cannot apply operator: varchar = integer',
        'invalid',
      ],
      ['Query exhausted resources at this scale factor', 'limit'],
      ['Query timeout', 'limit'],
      [
        'EXCEEDED_TIME_LIMIT: Query exceeded maximum time limit of 30.00m',
        'limit',
      ],
      [
        'Amazon Athena experienced an internal error while executing this query.',
        'engine',
      ],
      [
        'Access Denied (Service: Amazon S3; Status Code: 403) writing to s3://results/',
        'engine',
      ],
    ])('reports FAILED "%s" as %s', async (reason, kind) => {
      athena
        .on(GetQueryExecutionCommand)
        .resolves(execution('FAILED', { reason }));
      const run = await startRun();
      await expect(engine.status(run)).resolves.toEqual({
        state: 'failed',
        error: { kind, message: reason },
        statistics: expect.objectContaining({ costEstimateUsd: 0 }),
      });
    });

    it("uses Athena's error category when the reason names no known error", async () => {
      athena.on(GetQueryExecutionCommand).resolves(
        execution('FAILED', {
          reason: 'Something about your query',
          errorCategory: 2,
        }),
      );
      const run = await startRun();
      await expect(engine.status(run)).resolves.toMatchObject({
        error: { kind: 'invalid', message: 'Something about your query' },
      });
    });

    it("tells a workgroup's data limit apart from a user's cancel", async () => {
      athena.on(GetQueryExecutionCommand).resolves(
        execution('CANCELLED', {
          reason: 'Query cancelled: Bytes scanned limit was exceeded',
        }),
      );
      const run = await startRun();
      await expect(engine.status(run)).resolves.toMatchObject({
        state: 'cancelled',
        error: {
          kind: 'limit',
          message: 'Query cancelled: Bytes scanned limit was exceeded',
        },
      });
    });
  });

  describe('page', () => {
    beforeEach(() => {
      athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED'));
      pages({
        '': { rows: [HEADER, row('a', '1.5'), row('b', '2')], next: 'tok-2' },
        'tok-2': {
          rows: [row('c', '3'), row('d', undefined), row('e', '5')],
          next: 'tok-3',
        },
        'tok-3': { rows: [row('f', '6')] },
      });
    });

    it('reads pages across NextTokens, the header only on the first, continuing from remembered tokens', async () => {
      const run = await startRun();
      const columns = [
        { name: 'trip_id', type: 'varchar' },
        { name: 'distance_km', type: 'double' },
      ];

      await expect(engine.page(run, 0, 2)).resolves.toEqual({
        columns,
        rows: [
          ['a', 1.5],
          ['b', 2],
        ],
        hasMore: true,
      });
      await expect(engine.page(run, 2, 2)).resolves.toEqual({
        columns,
        rows: [
          ['c', 3],
          ['d', null],
        ],
        hasMore: true,
      });
      await expect(engine.page(run, 4, 10)).resolves.toEqual({
        columns,
        rows: [
          ['e', 5],
          ['f', 6],
        ],
        hasMore: false,
      });
      // Each page started from the token nearest before it, never from the start again.
      expect(resultTokens()).toEqual([undefined, 'tok-2', 'tok-2', 'tok-3']);

      // Random access across pages, and past the end.
      await expect(engine.page(run, 1, 4)).resolves.toMatchObject({
        rows: [
          ['b', 2],
          ['c', 3],
          ['d', null],
          ['e', 5],
        ],
        hasMore: true,
      });
      await expect(engine.page(run, 6, 5)).resolves.toMatchObject({
        rows: [],
        hasMore: false,
      });
      for (const call of athena.commandCalls(GetQueryResultsCommand)) {
        expect(call.args[0].input.QueryExecutionId).toBe(QUERY_ID);
        expect(call.args[0].input.MaxResults).toBeLessThanOrEqual(1000);
      }
    });

    it('asks Athena for just the rows of a page, at most 1000 at a time', async () => {
      largeResult(2500);
      const run = await startRun();

      const first = await engine.page(run, 0, 50);
      expect(first.rows).toHaveLength(50);
      expect(first.rows[0]).toEqual(['t0', 0]);
      const deep = await engine.page(run, 2450, 100);
      expect(deep.rows.map(r => r[1])).toEqual(
        Array.from({ length: 50 }, (_, i) => 2450 + i),
      );
      expect(deep.hasMore).toBe(false);

      expect(
        athena
          .commandCalls(GetQueryResultsCommand)
          .map(c => c.args[0].input.MaxResults),
      ).toEqual([51, 1000, 1000, 500]);
    });

    it('types values by the column types', async () => {
      athena.on(GetQueryResultsCommand).resolves({
        ResultSet: {
          ResultSetMetadata: {
            ColumnInfo: [
              { Name: 'id', Label: 'id', Type: 'bigint' },
              { Name: 'n', Label: 'n', Type: 'integer' },
              { Name: 'ok', Label: 'ok', Type: 'boolean' },
              { Name: 'at', Label: 'at', Type: 'timestamp' },
              { Name: 'day', Label: 'day', Type: 'date' },
              {
                Name: 'price',
                Label: 'price',
                Type: 'decimal',
                Precision: 38,
                Scale: 2,
              },
              { Name: 'note', Label: 'note', Type: 'varchar' },
            ],
          },
          Rows: [
            row('id', 'n', 'ok', 'at', 'day', 'price', 'note'),
            row(
              '9007199254740993',
              '7',
              'true',
              '2024-05-01 12:34:56.789',
              '2024-05-01',
              '12.50',
              'x',
            ),
            row(
              '42',
              undefined,
              'false',
              undefined,
              undefined,
              '123456789012345678.99',
              undefined,
            ),
          ],
        },
      });
      const run = await startRun();
      const page = await engine.page(run, 0, 10);
      expect(page.columns.map(c => c.type)).toEqual([
        'bigint',
        'integer',
        'boolean',
        'timestamp',
        'date',
        'decimal(38,2)',
        'varchar',
      ]);
      expect(page.rows).toEqual<QueryValue[][]>([
        [
          '9007199254740993',
          7,
          true,
          '2024-05-01T12:34:56.789Z',
          '2024-05-01',
          12.5,
          'x',
        ],
        [42, null, false, null, null, '123456789012345678.99', null],
      ]);
    });

    it('refuses pages of a query that has not succeeded, saying why', async () => {
      const run = await startRun();
      athena.on(GetQueryExecutionCommand).resolvesOnce(execution('RUNNING'));
      await expect(engine.page(run, 0, 10)).rejects.toMatchObject({
        name: 'ConflictError',
        message: `Query ${QUERY_ID} is still running: its results can be read once it has succeeded`,
      });

      athena.on(GetQueryExecutionCommand).resolves(
        execution('FAILED', {
          reason: 'Insufficient Lake Formation permission(s) on trips',
        }),
      );
      await expect(engine.page(run, 0, 10)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: `Query ${QUERY_ID} failed: Insufficient Lake Formation permission(s) on trips`,
      });
      expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
    });

    it('refuses a negative offset or an empty page', async () => {
      const run = await startRun();
      await expect(engine.page(run, -1, 10)).rejects.toMatchObject({
        name: 'InputError',
      });
      await expect(engine.page(run, 0, 0)).rejects.toMatchObject({
        name: 'InputError',
      });
      await expect(engine.page(run, 0.5, 10)).rejects.toMatchObject({
        name: 'InputError',
      });
    });

    it('passes on a failing GetQueryResults with the query id', async () => {
      athena.on(GetQueryResultsCommand).rejects(
        Object.assign(new Error('Rate exceeded'), {
          name: 'ThrottlingException',
        }),
      );
      const run = await startRun();
      await expect(engine.page(run, 0, 10)).rejects.toMatchObject({
        name: 'ThrottlingException',
        message: `Athena could not return the results of query ${QUERY_ID}; caused by ThrottlingException: Rate exceeded`,
      });
    });
  });

  describe('stream', () => {
    async function collect(run: QueryRunHandle, signal?: AbortSignal) {
      const batches: Array<{ columns: unknown[]; rows: QueryValue[][] }> = [];
      for await (const batch of engine.stream(run, { signal }))
        batches.push(batch);
      return batches;
    }

    it('waits for the query with backoff, then yields every page as a batch', async () => {
      const run = await startRun();
      athena
        .on(GetQueryExecutionCommand)
        .resolvesOnce(execution('QUEUED'))
        .resolvesOnce(execution('RUNNING'))
        .resolvesOnce(execution('RUNNING'))
        .resolves(execution('SUCCEEDED'));
      pages({
        '': { rows: [HEADER, row('a', '1'), row('b', '2')], next: 'tok-2' },
        'tok-2': {
          rows: [row('c', '3'), row('d', '4'), row('e', '5')],
          next: 'tok-3',
        },
        'tok-3': { rows: [row('f', '6')] },
      });

      const batches = await collect(run);

      expect(delays).toEqual([100, 150, 225]);
      expect(batches.map(b => b.rows.length)).toEqual([2, 3, 1]);
      expect(batches.flatMap(b => b.rows)).toEqual([
        ['a', 1],
        ['b', 2],
        ['c', 3],
        ['d', 4],
        ['e', 5],
        ['f', 6],
      ]);
      for (const batch of batches) {
        expect(batch.columns).toEqual([
          { name: 'trip_id', type: 'varchar' },
          { name: 'distance_km', type: 'double' },
        ]);
      }
      expect(resultTokens()).toEqual([undefined, 'tok-2', 'tok-3']);
      expect(
        athena
          .commandCalls(GetQueryResultsCommand)
          .map(c => c.args[0].input.MaxResults),
      ).toEqual([1000, 1000, 1000]);
    });

    it('yields the columns of an empty result in one empty batch', async () => {
      athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED'));
      pages({ '': { rows: [HEADER] } });
      const run = await startRun();

      await expect(collect(run)).resolves.toEqual([
        {
          columns: [
            { name: 'trip_id', type: 'varchar' },
            { name: 'distance_km', type: 'double' },
          ],
          rows: [],
        },
      ]);
    });

    it('streams a large result in pages of 1000 rows', async () => {
      athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED'));
      largeResult(2500);
      const run = await startRun();

      let count = 0;
      const sizes: number[] = [];
      for await (const batch of engine.stream(run)) {
        sizes.push(batch.rows.length);
        count += batch.rows.length;
      }
      expect(count).toBe(2500);
      expect(sizes).toEqual([999, 1000, 501]);
    });

    it('fails for a query that failed, with the error its reason calls for', async () => {
      athena.on(GetQueryExecutionCommand).resolves(
        execution('FAILED', {
          reason: "SYNTAX_ERROR: line 1:8: Column 'x' cannot be resolved",
        }),
      );
      const run = await startRun();
      await expect(collect(run)).rejects.toMatchObject({
        name: 'InputError',
        message: `Query ${QUERY_ID} failed: SYNTAX_ERROR: line 1:8: Column 'x' cannot be resolved`,
      });
      expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
    });

    it('stops when the caller aborts while it waits', async () => {
      athena.on(GetQueryExecutionCommand).resolves(execution('RUNNING'));
      const run = await startRun();
      const controller = new AbortController();
      onSleep = () => controller.abort(new Error('client went away'));

      await expect(collect(run, controller.signal)).rejects.toThrow(
        'client went away',
      );
      expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(1);
      expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
    });
  });

  it('backs off polling up to 2 seconds', async () => {
    const states = [
      ...Array.from({ length: 10 }, () => execution('RUNNING')),
      execution('SUCCEEDED'),
    ];
    let call = 0;
    athena.on(GetQueryExecutionCommand).callsFake(() => states[call++]);
    const run = await startRun();

    await expect(engine.waitFor(run)).resolves.toMatchObject({
      state: 'succeeded',
    });
    expect(delays).toEqual([
      100, 150, 225, 337.5, 506.25, 759.375, 1139.0625, 1708.59375, 2000, 2000,
    ]);
  });

  it('cancels with StopQueryExecution as the same role', async () => {
    athena.on(StopQueryExecutionCommand).resolves({});
    const run = await startRun();
    await engine.cancel(run);

    const [stop] = athena.commandCalls(StopQueryExecutionCommand);
    expect(stop.args[0].input).toEqual({ QueryExecutionId: QUERY_ID });
    await expect(
      (stop.thisValue as AthenaClient).config.credentials(),
    ).resolves.toMatchObject({ accessKeyId: 'ASIA-cdh-user-default-jane.doe' });

    athena
      .on(GetQueryExecutionCommand)
      .resolves(execution('CANCELLED', { reason: 'Query cancelled by user' }));
    await expect(engine.status(run)).resolves.toMatchObject({
      state: 'cancelled',
    });
    await expect(engine.page(run, 0, 1)).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Query ${QUERY_ID} was cancelled; it has no results`,
    });
  });

  describe('runs from their handles alone (any replica, after any restart)', () => {
    async function credentialsOf(client: AthenaClient | S3Client) {
      return client.config.credentials();
    }

    it('a replica that never saw the start reports on, cancels, pages and streams the run as its consumer role', async () => {
      const run = await startRun();
      const [startCall] = athena.commandCalls(StartQueryExecutionCommand);

      // Another backend replica (its own clients and credentials, no memory of the query)
      // gets nothing but the stored handle.
      const replica = newEngine().engine;
      athena
        .on(GetQueryExecutionCommand)
        .resolvesOnce(execution('RUNNING'))
        .resolves(execution('SUCCEEDED'));
      athena.on(StopQueryExecutionCommand).resolves({});
      pages({
        '': { rows: [HEADER, row('a', '1'), row('b', '2')], next: 'tok-2' },
        'tok-2': {
          rows: [row('c', '3'), row('d', '4'), row('e', '5')],
          next: 'tok-3',
        },
        'tok-3': { rows: [row('f', '6')] },
      });

      await expect(replica.status(run)).resolves.toMatchObject({
        state: 'running',
      });
      await replica.cancel(run);
      // It had already succeeded: the cancel was a no-op.
      await expect(replica.status(run)).resolves.toMatchObject({
        state: 'succeeded',
        statistics: { rows: 6 },
      });
      // No remembered tokens: the replica reads forward from the start, and is right.
      await expect(replica.page(run, 2, 2)).resolves.toMatchObject({
        rows: [
          ['c', 3],
          ['d', 4],
        ],
        hasMore: true,
      });
      const streamed: QueryValue[][] = [];
      for await (const batch of replica.stream(run, {})) {
        streamed.push(...batch.rows);
      }
      expect(streamed.map(r => r[0])).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      // A third replica, straight to the last page.
      await expect(newEngine().engine.page(run, 4, 10)).resolves.toMatchObject({
        rows: [
          ['e', 5],
          ['f', 6],
        ],
        hasMore: false,
      });

      expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(1);
      expect(
        athena
          .calls()
          .map(c => c.args[0].input as { QueryExecutionId?: string })
          .slice(1)
          .every(input => input.QueryExecutionId === QUERY_ID),
      ).toBe(true);
      // Every call after the start was sent by a replica's own client, signed as the
      // consumer role's session for the run's user: one AssumeRole per replica, no other
      // identity.
      for (const call of athena.calls().slice(1)) {
        expect(call.thisValue).not.toBe(startCall.thisValue);
        await expect(
          credentialsOf(call.thisValue as AthenaClient),
        ).resolves.toMatchObject({
          accessKeyId: 'ASIA-cdh-user-default-jane.doe',
          sessionToken: 'token-cdh-user-default-jane.doe',
        });
      }
      expect(
        sts.commandCalls(AssumeRoleCommand).map(c => c.args[0].input),
      ).toEqual(
        Array.from({ length: 3 }, () => ({
          RoleArn: ROLE,
          RoleSessionName: 'cdh-user-default-jane.doe',
          DurationSeconds: 900,
        })),
      );
    });

    it("acts as the session of the run's user", async () => {
      athena.on(GetQueryExecutionCommand).resolves(execution('RUNNING'));
      const omar = handle(request({ userRef: 'user:default/omar' }));
      await newEngine().engine.status(omar);

      const [call] = athena.commandCalls(GetQueryExecutionCommand);
      await expect(
        credentialsOf(call.thisValue as AthenaClient),
      ).resolves.toMatchObject({ accessKeyId: 'ASIA-cdh-user-default-omar' });
      expect(
        sts.commandCalls(AssumeRoleCommand).map(c => c.args[0].input.RoleArn),
      ).toEqual([ROLE]);
    });

    it.each([
      [
        'missing',
        undefined,
        "Use case system:default/fleet-analytics has no clouddatahub.io/consumer-role-arn annotation: Athena queries run as the use case's IAM role, so the use case needs one",
      ],
      [
        'blank',
        '  ',
        "Use case system:default/fleet-analytics has no clouddatahub.io/consumer-role-arn annotation: Athena queries run as the use case's IAM role, so the use case needs one",
      ],
      [
        'not an ARN',
        'fleet',
        'Use case system:default/fleet-analytics: clouddatahub.io/consumer-role-arn "fleet" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
      ],
      [
        "a user's ARN",
        'arn:aws:iam::222222222222:user/jane',
        'Use case system:default/fleet-analytics: clouddatahub.io/consumer-role-arn "arn:aws:iam::222222222222:user/jane" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
      ],
    ])(
      'refuses a handle whose consumer role is %s before any AWS call',
      async (_, consumerRoleArn, message) => {
        const run: QueryRunHandle = {
          ...handle(),
          useCase: {
            entityRef: 'system:default/fleet-analytics',
            hub: 'us',
            consumerRoleArn,
          },
        };
        const refused = { name: 'InputError', message };
        await expect(engine.status(run)).rejects.toMatchObject(refused);
        await expect(engine.page(run, 0, 10)).rejects.toMatchObject(refused);
        await expect(engine.cancel(run)).rejects.toMatchObject(refused);
        await expect(engine.removeResult(run)).rejects.toMatchObject(refused);
        await expect(engine.waitFor(run)).rejects.toMatchObject(refused);
        await expect(
          engine.stream(run, {})[Symbol.asyncIterator]().next(),
        ).rejects.toMatchObject(refused);

        expect(sts.calls()).toHaveLength(0);
        expect(athena.calls()).toHaveLength(0);
        expect(s3.calls()).toHaveLength(0);
      },
    );

    it('refuses a handle of a hub without AWS settings before any AWS call', async () => {
      const run = handle(
        request({ useCase: { ...request().useCase, hub: 'cn' } }),
      );
      await expect(engine.status(run)).rejects.toThrow(
        /Hub "cn" has no AWS settings/,
      );
      expect(sts.calls()).toHaveLength(0);
      expect(athena.calls()).toHaveLength(0);
    });

    it('says so when Athena no longer knows the query', async () => {
      athena.on(GetQueryExecutionCommand).rejects(
        new InvalidRequestException({
          message: `QueryExecution ${QUERY_ID} was not found`,
          $metadata: {},
        }),
      );
      await expect(engine.status(handle())).rejects.toMatchObject({
        name: 'NotFoundError',
        message: `Athena does not know query ${QUERY_ID} (it keeps its query history for 45 days); caused by InvalidRequestException: QueryExecution ${QUERY_ID} was not found`,
      });
    });

    it('keeps final statuses only up to its capacity, and answers the same without them', async () => {
      const small = new AthenaQueryEngine({
        clients,
        logger: mockServices.logger.mock(),
        queryCapacity: 1,
      });
      athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED'));
      const q1 = handle(request(), 'q1');
      const q2 = handle(request(), 'q2');

      const first = await small.status(q1);
      await expect(small.status(q1)).resolves.toEqual(first);
      expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(1);

      await small.status(q2);
      // q1 was forgotten: asked again, with the same answer.
      await expect(small.status(q1)).resolves.toEqual(first);
      expect(
        athena
          .commandCalls(GetQueryExecutionCommand)
          .map(c => c.args[0].input.QueryExecutionId),
      ).toEqual(['q1', 'q2', 'q1']);
    });
  });

  describe('removeResult', () => {
    const RESULT = `queries/${QUERY_ID}.csv`;

    beforeEach(() => {
      athena.on(GetQueryExecutionCommand).resolves(
        execution('SUCCEEDED', {
          ResultConfiguration: {
            // Athena reports the result file itself.
            OutputLocation: `s3://cdh-us-athena-results/${RESULT}`,
            ExpectedBucketOwner: '222222222222',
          },
        }),
      );
      s3.on(DeleteObjectsCommand).resolves({});
    });

    it("deletes the result and its metadata as the run's consumer role, from any replica", async () => {
      const run = await startRun();
      await newEngine().engine.removeResult(run);

      const deletes = s3.commandCalls(DeleteObjectsCommand);
      expect(deletes.map(c => c.args[0].input)).toEqual([
        {
          Bucket: 'cdh-us-athena-results',
          Delete: {
            Objects: [{ Key: RESULT }, { Key: `${RESULT}.metadata` }],
            Quiet: true,
          },
          ExpectedBucketOwner: '222222222222',
        },
      ]);
      const client = deletes[0].thisValue as S3Client;
      await expect(client.config.credentials()).resolves.toMatchObject({
        accessKeyId: 'ASIA-cdh-user-default-jane.doe',
        sessionToken: 'token-cdh-user-default-jane.doe',
      });
      await expect(client.config.region()).resolves.toBe('us-east-1');
      // Where the result lies, Athena said, as the same role.
      const [get] = athena.commandCalls(GetQueryExecutionCommand);
      expect(get.args[0].input).toEqual({ QueryExecutionId: QUERY_ID });
      await expect(
        (get.thisValue as AthenaClient).config.credentials(),
      ).resolves.toMatchObject({
        accessKeyId: 'ASIA-cdh-user-default-jane.doe',
      });
    });

    it('takes objects (or a bucket) already gone for removed', async () => {
      s3.on(DeleteObjectsCommand).resolves({
        Errors: [{ Key: RESULT, Code: 'NoSuchKey', Message: 'gone' }],
      });
      await expect(engine.removeResult(handle())).resolves.toBeUndefined();

      s3.on(DeleteObjectsCommand).rejects(
        new NoSuchBucket({
          message: 'The bucket does not exist',
          $metadata: {},
        }),
      );
      await expect(engine.removeResult(handle())).resolves.toBeUndefined();
    });

    it('fails with what S3 refused, so that removal is tried again', async () => {
      s3.on(DeleteObjectsCommand).resolves({
        Deleted: [{ Key: `${RESULT}.metadata` }],
        Errors: [
          { Key: RESULT, Code: 'AccessDenied', Message: 'Access Denied' },
        ],
      });
      await expect(engine.removeResult(handle())).rejects.toThrow(
        `S3 did not remove the result of Athena query ${QUERY_ID} as ${ROLE}: s3://cdh-us-athena-results/${RESULT}: AccessDenied Access Denied`,
      );

      s3.on(DeleteObjectsCommand).rejects(
        Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }),
      );
      await expect(engine.removeResult(handle())).rejects.toMatchObject({
        name: 'AccessDenied',
        message: `S3 did not remove the result of Athena query ${QUERY_ID} (s3://cdh-us-athena-results/${RESULT}) as ${ROLE}; caused by AccessDenied: Access Denied`,
      });
    });

    it("looks in the hub's output location for a query Athena forgot, and leaves it be without one", async () => {
      athena.on(GetQueryExecutionCommand).rejects(
        new InvalidRequestException({
          message: `QueryExecution ${QUERY_ID} was not found`,
          $metadata: {},
        }),
      );
      await engine.removeResult(handle());
      expect(
        s3.commandCalls(DeleteObjectsCommand)[0].args[0].input,
      ).toMatchObject({
        Bucket: 'cdh-us-athena-results',
        Delete: {
          Objects: [{ Key: RESULT }, { Key: `${RESULT}.metadata` }],
        },
      });

      createEngine([{ ...HUB, athenaOutputLocation: undefined }]);
      await expect(engine.removeResult(handle())).resolves.toBeUndefined();
      expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(1);
    });

    it('fails without deleting anything when Athena cannot say where the result lies', async () => {
      athena.on(GetQueryExecutionCommand).rejects(
        Object.assign(new Error('Rate exceeded'), {
          name: 'ThrottlingException',
        }),
      );
      await expect(engine.removeResult(handle())).rejects.toMatchObject({
        name: 'ThrottlingException',
      });
      expect(s3.calls()).toHaveLength(0);
    });

    it.each([
      [
        `s3://results/queries/${QUERY_ID}.csv`,
        'results',
        `queries/${QUERY_ID}.csv`,
      ],
      [
        `s3://results/queries/${QUERY_ID}.txt`,
        'results',
        `queries/${QUERY_ID}.txt`,
      ],
      ['s3://results/queries/', 'results', `queries/${QUERY_ID}.csv`],
      ['s3://results/queries', 'results', `queries/${QUERY_ID}.csv`],
      ['s3://results/', 'results', `${QUERY_ID}.csv`],
      ['s3://results', 'results', `${QUERY_ID}.csv`],
    ])('finds the objects of %s', (location, bucket, key) => {
      expect(resultObjects(location, QUERY_ID)).toEqual({
        bucket,
        keys: [key, `${key}.metadata`],
      });
    });

    it('refuses a location that is no S3 URI', () => {
      expect(() => resultObjects('https://example.com/x', QUERY_ID)).toThrow(
        'is not an S3 URI',
      );
    });
  });
});

describe('athenaCostUsd', () => {
  const MB = 1024 ** 2;
  it.each([
    ['succeeded', 0, ((10 * MB) / 1024 ** 4) * 5],
    ['succeeded', 10 * MB + 1, ((11 * MB) / 1024 ** 4) * 5],
    ['succeeded', 1024 ** 4, 5],
    ['running', 20 * MB, ((20 * MB) / 1024 ** 4) * 5],
    ['cancelled', 3 * 1024 ** 4, 15],
    ['cancelled', 0, 0],
    ['failed', 1024 ** 4, 0],
  ] as const)('%s after %d bytes costs $%d', (state, bytes, cost) => {
    expect(athenaCostUsd(state, bytes, 5)).toBeCloseTo(cost, 12);
  });

  it('is unknown until Athena reports bytes', () => {
    expect(athenaCostUsd('queued', undefined, 5)).toBeUndefined();
  });
});
