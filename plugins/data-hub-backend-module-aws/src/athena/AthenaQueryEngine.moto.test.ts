import { randomUUID } from 'node:crypto';
import http from 'node:http';
import {
  AthenaClient,
  CreateWorkGroupCommand,
  GetQueryExecutionCommand,
  ListQueryExecutionsCommand,
} from '@aws-sdk/client-athena';
import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { mockServices } from '@backstage/backend-test-utils';
import type {
  QueryRunHandle,
  QueryStartRequest,
  QueryValue,
} from '@cloud-data-hub/data-hub-node';
import type { AwsHubConfig } from '../AwsHubConfig';
import { MotoServer, hasMotoServer } from '../lakeformation/testing/MotoServer';
import { AthenaClients } from './AthenaClients';
import { AthenaQueryEngine } from './AthenaQueryEngine';

// moto files calls under the account of the credentials: plain test keys act in its default
// account (the portal's), an assumed role's in the role's account (the use case's).
const PORTAL_ACCOUNT = '123456789012';
const USE_CASE_ACCOUNT = '210987654321';
const CONSUMER_ROLE = `arn:aws:iam::${USE_CASE_ACCOUNT}:role/cdh-use-case-fleet-analytics`;
const REGION = 'us-east-1';
const WORKGROUP = 'cdh-us';
const RESULT_BUCKET = 'cdh-us-athena-results';
const OUTPUT = `s3://${RESULT_BUCKET}/queries/`;
const SQL =
  'SELECT trip_id, vehicle_count, distance_km, electric, started_at, day FROM vehicle_trips_prepared.trips';

// Without keep-alive no socket outlives a test, so Jest ends without open handles.
const noKeepAlive = {
  requestHandler: {
    httpAgent: new http.Agent({ keepAlive: false }),
    httpsAgent: new http.Agent({ keepAlive: false }),
  },
};

function datum(value: string | undefined) {
  return value === undefined ? {} : { VarCharValue: value };
}

/** Results as Athena returns them for a SELECT: the header row first, every value as text. */
const RESULTS = {
  rows: [
    [
      'trip_id',
      'vehicle_count',
      'distance_km',
      'electric',
      'started_at',
      'day',
    ],
    [
      't-1',
      '9007199254740993',
      '12.5',
      'true',
      '2026-11-01 08:15:00.250',
      '2026-11-01',
    ],
    ['t-2', '2', undefined, 'false', '2026-11-02 17:00:00.000', '2026-11-02'],
    ['t-3', '3', '0.75', undefined, undefined, undefined],
  ].map(values => ({ Data: values.map(datum) })),
  column_info: [
    ['trip_id', 'varchar'],
    ['vehicle_count', 'bigint'],
    ['distance_km', 'double'],
    ['electric', 'boolean'],
    ['started_at', 'timestamp'],
    ['day', 'date'],
  ].map(([name, type]) => ({
    CatalogName: 'hive',
    SchemaName: 'vehicle_trips_prepared',
    TableName: 'trips',
    Name: name,
    Label: name,
    Type: type,
    Nullable: 'UNKNOWN',
    CaseSensitive: type === 'varchar',
  })),
};

const TYPED_ROWS: QueryValue[][] = [
  [
    't-1',
    '9007199254740993',
    12.5,
    true,
    '2026-11-01T08:15:00.250Z',
    '2026-11-01',
  ],
  ['t-2', 2, null, false, '2026-11-02T17:00:00.000Z', '2026-11-02'],
  ['t-3', 3, 0.75, null, null, null],
];

// moto_server ships with the build machines' image; elsewhere the suite is skipped, and says why.
const skipReason = hasMotoServer()
  ? ''
  : ' (skipped: moto_server is not on PATH)';
const describeWithMoto = skipReason ? describe.skip : describe;
if (skipReason) {
  console.warn(`AthenaQueryEngine against moto_server${skipReason}`);
}

describeWithMoto(`AthenaQueryEngine against moto_server${skipReason}`, () => {
  const moto = new MotoServer();
  let endpoint: string;
  let hub: AwsHubConfig;
  let clients: AthenaClients;
  let engine: AthenaQueryEngine;
  /** Every client set a test made, destroyed after it. */
  let allClients: AthenaClients[] = [];
  /** Acts as the consumer role, to look at what the engine did in the use case's account. */
  let asUseCase: AthenaClient;
  /** S3 as the consumer role: the result bucket lives in the use case's account. */
  let s3AsUseCase: S3Client;
  /** Acts as the portal itself (moto's default account). */
  let asPortal: AthenaClient;
  const savedEnv = { ...process.env };
  jest.setTimeout(60_000);

  async function motoApi(path: string, body: object) {
    const response = await fetch(`${endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`moto ${path} failed: ${response.status}`);
    }
  }

  /** Queues results for the next query started in the use case's account. */
  function configureResults() {
    return motoApi('/moto-api/static/athena/query-results', {
      account_id: USE_CASE_ACCOUNT,
      region: REGION,
      results: [RESULTS],
    });
  }

  /** Query executions advance one state per `times` GetQueryExecution calls. */
  function stepStates(times: number) {
    return motoApi('/moto-api/state-manager/set-transition', {
      model_name: 'athena::execution',
      transition: { progression: 'manual', times },
    });
  }

  function request(
    overrides: Partial<QueryStartRequest> = {},
  ): QueryStartRequest {
    return {
      runId: randomUUID(),
      sql: SQL,
      useCase: {
        entityRef: 'system:default/fleet-analytics',
        hub: 'us',
        consumerRoleArn: CONSUMER_ROLE,
      },
      grants: [
        {
          datasetRef: 'dataset:default/vehicle-trips-prepared',
          glueDatabase: 'vehicle_trips_prepared',
          tables: [{ name: 'trips', columns: ['trip_id', 'distance_km'] }],
        },
      ],
      userRef: 'user:default/jane.doe',
      ...overrides,
    };
  }

  /** An engine with its own clients and credentials: what another backend replica has. */
  function newEngine() {
    const replicaClients = new AthenaClients([hub], {
      extraConfig: noKeepAlive,
    });
    allClients.push(replicaClients);
    return new AthenaQueryEngine({
      clients: replicaClients,
      logger: mockServices.logger.mock(),
    });
  }

  /** Starts the query and answers its handle, as the data hub stores it. */
  async function startRun(
    req: QueryStartRequest = request(),
  ): Promise<QueryRunHandle> {
    const { engineQueryId } = await engine.start(req);
    return {
      runId: req.runId,
      engineQueryId,
      useCase: req.useCase,
      userRef: req.userRef,
    };
  }

  async function executionIds(client: AthenaClient): Promise<string[]> {
    const output = await client.send(new ListQueryExecutionsCommand({}));
    return output.QueryExecutionIds ?? [];
  }

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    // A bucket answers only its own account (moto lets any account use any bucket by
    // default): removing a result as the portal instead of the consumer role would fail.
    process.env.MOTO_S3_ALLOW_CROSSACCOUNT_ACCESS = 'false';
    endpoint = await moto.start();
    asPortal = new AthenaClient({ region: REGION, endpoint, ...noKeepAlive });
  });

  beforeEach(async () => {
    await moto.reset();
    // A reset forgets the assumed roles' keys: every test assumes the role anew.
    const inspector = fromTemporaryCredentials({
      params: { RoleArn: CONSUMER_ROLE, RoleSessionName: 'test-inspector' },
      clientConfig: { region: REGION, endpoint, ...noKeepAlive },
    });
    asUseCase = new AthenaClient({
      region: REGION,
      endpoint,
      ...noKeepAlive,
      credentials: inspector,
    });
    s3AsUseCase = new S3Client({
      region: REGION,
      endpoint,
      forcePathStyle: true,
      ...noKeepAlive,
      credentials: inspector,
    });
    await motoApi('/moto-api/state-manager/unset-transition', {
      model_name: 'athena::execution',
    });
    // The hub's workgroup lives in the account its use cases query in.
    await asUseCase.send(
      new CreateWorkGroupCommand({
        Name: WORKGROUP,
        Configuration: { ResultConfiguration: { OutputLocation: OUTPUT } },
      }),
    );
    hub = {
      hub: 'us',
      region: REGION,
      accountId: PORTAL_ACCOUNT,
      // The portal's own role in the hub; the consumer role is assumed from it.
      roleArn: `arn:aws:iam::${PORTAL_ACCOUNT}:role/cdh-portal`,
      athenaWorkgroup: WORKGROUP,
      athenaOutputLocation: OUTPUT,
      endpoint,
      maxAttempts: 2,
    };
    clients = new AthenaClients([hub], { extraConfig: noKeepAlive });
    allClients.push(clients);
    engine = new AthenaQueryEngine({
      clients,
      logger: mockServices.logger.mock(),
    });
  });

  afterEach(() => {
    allClients.forEach(c => c.destroy());
    allClients = [];
    asUseCase.destroy();
    s3AsUseCase.destroy();
  });

  afterAll(async () => {
    await motoApi('/moto-api/state-manager/unset-transition', {
      model_name: 'athena::execution',
    }).catch(() => undefined);
    asPortal?.destroy();
    await moto.stop();
    process.env = savedEnv;
  });

  it("runs the query as the use case's role in the hub's workgroup and reads typed results", async () => {
    await configureResults();

    const run = await startRun();
    const queryId = run.engineQueryId;

    // Athena knows the query in the use case's account, with the hub's settings…
    const { QueryExecution: execution } = await asUseCase.send(
      new GetQueryExecutionCommand({ QueryExecutionId: queryId }),
    );
    expect(execution).toMatchObject({
      Query: SQL,
      WorkGroup: WORKGROUP,
      QueryExecutionContext: { Catalog: 'AwsDataCatalog' },
      ResultConfiguration: { OutputLocation: `${OUTPUT}${queryId}.csv` },
    });
    // …and the portal's own identity ran nothing.
    await expect(executionIds(asUseCase)).resolves.toEqual([queryId]);
    await expect(executionIds(asPortal)).resolves.toEqual([]);

    await expect(engine.status(run)).resolves.toMatchObject({
      state: 'succeeded',
      statistics: {
        bytesScanned: 0,
        elapsedMs: 0,
        // moto scans nothing: Athena bills its 10 MB minimum at $5 per TB
        costEstimateUsd: ((10 * 1024 ** 2) / 1024 ** 4) * 5,
      },
    });

    const columns = [
      { name: 'trip_id', type: 'varchar' },
      { name: 'vehicle_count', type: 'bigint' },
      { name: 'distance_km', type: 'double' },
      { name: 'electric', type: 'boolean' },
      { name: 'started_at', type: 'timestamp' },
      { name: 'day', type: 'date' },
    ];
    await expect(engine.page(run, 0, 2)).resolves.toEqual({
      columns,
      rows: TYPED_ROWS.slice(0, 2),
      hasMore: true,
    });
    await expect(engine.page(run, 2, 10)).resolves.toEqual({
      columns,
      rows: TYPED_ROWS.slice(2),
      hasMore: false,
    });

    const streamed: QueryValue[][] = [];
    for await (const batch of engine.stream(run)) {
      expect(batch.columns).toEqual(columns);
      streamed.push(...batch.rows);
    }
    expect(streamed).toEqual(TYPED_ROWS);
  });

  it('follows the query from QUEUED through RUNNING to SUCCEEDED', async () => {
    await configureResults();
    await stepStates(2);
    const run = await startRun();

    const states = [];
    for (let i = 0; i < 4; i++) {
      states.push((await engine.status(run)).state);
    }
    expect(states).toEqual(['queued', 'running', 'running', 'succeeded']);
    await expect(engine.page(run, 0, 10)).resolves.toMatchObject({
      rows: TYPED_ROWS,
      hasMore: false,
    });
  });

  it('refuses pages while the query runs, and streams once it has finished', async () => {
    await configureResults();
    await stepStates(1);
    const run = await startRun();
    const queryId = run.engineQueryId;

    // The first status check moves it to RUNNING: no results yet.
    await expect(engine.page(run, 0, 10)).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Query ${queryId} is still running: its results can be read once it has succeeded`,
    });
    // stream polls (with backoff) until SUCCEEDED, then reads.
    const streamed: QueryValue[][] = [];
    for await (const batch of engine.stream(run)) streamed.push(...batch.rows);
    expect(streamed).toEqual(TYPED_ROWS);
  });

  it('cancels a queued query with StopQueryExecution', async () => {
    await stepStates(1000);
    const run = await startRun();
    const queryId = run.engineQueryId;
    await expect(engine.status(run)).resolves.toMatchObject({
      state: 'queued',
    });

    await engine.cancel(run);

    await expect(engine.status(run)).resolves.toMatchObject({
      state: 'cancelled',
      statistics: { costEstimateUsd: 0 },
    });
    const { QueryExecution: execution } = await asUseCase.send(
      new GetQueryExecutionCommand({ QueryExecutionId: queryId }),
    );
    expect(execution?.Status?.State).toBe('CANCELLED');
    await expect(engine.page(run, 0, 10)).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Query ${queryId} was cancelled; it has no results`,
    });
  });

  it('a replica that never saw the start reports on, reads and cancels runs from their handles alone', async () => {
    await configureResults();
    const run = await startRun();

    // Another backend replica, with nothing but the stored handle: moto answers it only in
    // the use case's account, so the replica acts as the consumer role.
    const replica = newEngine();
    await expect(replica.status(run)).resolves.toMatchObject({
      state: 'succeeded',
    });
    await expect(replica.page(run, 1, 10)).resolves.toMatchObject({
      rows: TYPED_ROWS.slice(1),
      hasMore: false,
    });
    const streamed: QueryValue[][] = [];
    for await (const batch of newEngine().stream(run, {})) {
      streamed.push(...batch.rows);
    }
    expect(streamed).toEqual(TYPED_ROWS);

    await stepStates(1000);
    const queued = await startRun();
    await newEngine().cancel(queued);
    await expect(newEngine().status(queued)).resolves.toMatchObject({
      state: 'cancelled',
    });
    await expect(executionIds(asPortal)).resolves.toEqual([]);
  });

  it("removes a run's result and its metadata from S3 as the consumer role", async () => {
    await s3AsUseCase.send(new CreateBucketCommand({ Bucket: RESULT_BUCKET }));
    await configureResults();
    const run = await startRun();
    const other = await startRun();
    const key = (id: string) => `queries/${id}.csv`;
    const objects = async () =>
      (
        (
          await s3AsUseCase.send(
            new ListObjectsV2Command({ Bucket: RESULT_BUCKET }),
          )
        ).Contents ?? []
      )
        .map(o => o.Key)
        .sort();

    // moto writes the result's CSV (when the results are first read), not Athena's
    // .metadata file next to it: the test puts that one there itself.
    await engine.page(run, 0, 10);
    for (const id of [run.engineQueryId, other.engineQueryId]) {
      await s3AsUseCase.send(
        new PutObjectCommand({
          Bucket: RESULT_BUCKET,
          Key: `${key(id)}.metadata`,
          Body: 'metadata',
        }),
      );
    }
    await expect(objects()).resolves.toEqual(
      [
        key(run.engineQueryId),
        `${key(run.engineQueryId)}.metadata`,
        `${key(other.engineQueryId)}.metadata`,
      ].sort(),
    );

    // The portal's own identity may not touch the use case's bucket.
    const s3AsPortal = new S3Client({
      region: REGION,
      endpoint,
      forcePathStyle: true,
      ...noKeepAlive,
    });
    await expect(
      s3AsPortal.send(new ListObjectsV2Command({ Bucket: RESULT_BUCKET })),
    ).rejects.toThrow();
    s3AsPortal.destroy();

    await newEngine().removeResult(run);

    // Only that run's objects are gone; another's stay.
    await expect(objects()).resolves.toEqual([
      `${key(other.engineQueryId)}.metadata`,
    ]);
    // Removing again (another replica, a retried job) is no error.
    await expect(engine.removeResult(run)).resolves.toBeUndefined();
  });

  it('starts nothing for SQL outside the grants', async () => {
    await expect(
      engine.start(request({ sql: 'SELECT * FROM finance_raw.salaries' })),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(
      engine.start(
        request({ sql: 'SELECT 1; DROP TABLE vehicle_trips_prepared.trips' }),
      ),
    ).rejects.toMatchObject({ name: 'InputError' });

    await expect(executionIds(asUseCase)).resolves.toEqual([]);
    await expect(executionIds(asPortal)).resolves.toEqual([]);
  });
});
