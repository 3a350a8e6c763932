import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { startLineageBackend } from '../__testUtils__/startLineageBackend';
import {
  AIRFLOW_PRODUCER,
  GLUE_NAMESPACE,
  hoursAgo,
  runEvent,
} from '../__testUtils__/lineageFixtures';

jest.setTimeout(120_000);

const specExample = (facet: string, n: number) =>
  JSON.parse(
    fs.readFileSync(
      path.join(
        __dirname,
        '../__testUtils__/openlineage-examples',
        `${facet}-${n}.json`,
      ),
      'utf8',
    ),
  );

const SERVICE = mockCredentials.service.header();
const USER = mockCredentials.user.header('user:default/alice');
const TABLES = [
  'lineage_jobs',
  'lineage_runs',
  'lineage_run_datasets',
  'lineage_column_lineage',
  'lineage_run_errors',
];

const TELEMETRY = 'dataset:default/telemetry-source';
const TRIPS = 'dataset:default/trips-prepared';
const USAGE = 'dataset:default/usage-semantic';

const SPARK_JOB = {
  namespace: 'spark-jobs',
  name: 'trips_prepare.execute_insert_into_hadoop_fs_relation_command',
};
const AIRFLOW_JOB = {
  namespace: 'airflow-prod',
  name: 'usage_semantic.build_daily_usage',
};
const signals = {
  namespace: 's3://cdh-global-source',
  name: 'telemetry_source/signals',
};
const trips = {
  namespace: 's3://cdh-global-prepared',
  name: '/trips_prepared/trips',
};

/** A Spark job reading the source and writing the prepared layer, with column lineage. */
const sparkRun = (runId: string, endedHoursAgo: number, state = 'COMPLETE') => [
  runEvent({
    eventType: 'START',
    eventTime: hoursAgo(endedHoursAgo + 0.5),
    runId,
    job: SPARK_JOB,
    inputs: [signals],
    outputs: [trips],
  }),
  runEvent({
    eventType: state,
    eventTime: hoursAgo(endedHoursAgo),
    runId,
    job: SPARK_JOB,
    inputs: [signals],
    outputs: [
      {
        ...trips,
        facets: {
          columnLineage: {
            _producer:
              'https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark',
            _schemaURL:
              'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
            fields: {
              vin: {
                inputFields: [
                  {
                    ...signals,
                    field: 'vin',
                    transformations: [
                      { type: 'DIRECT', subtype: 'IDENTITY', masking: false },
                    ],
                  },
                ],
              },
              distance_km: {
                inputFields: [
                  {
                    ...signals,
                    field: 'speed',
                    transformations: [
                      {
                        type: 'DIRECT',
                        subtype: 'AGGREGATION',
                        description: 'sum(speed * dt)',
                      },
                    ],
                  },
                  {
                    ...signals,
                    field: 'vin',
                    transformations: [
                      { type: 'INDIRECT', subtype: 'GROUP_BY' },
                    ],
                  },
                ],
              },
            },
          },
        },
      },
    ],
  }),
];

/** An Airflow task reading and writing Glue tables, plus a table no Dataset describes. */
const airflowRun = (runId: string, endedHoursAgo: number) =>
  ['START', 'COMPLETE'].map((eventType, i) =>
    runEvent({
      eventType,
      eventTime: hoursAgo(endedHoursAgo + (i ? 0 : 0.2)),
      runId,
      producer: AIRFLOW_PRODUCER,
      job: AIRFLOW_JOB,
      inputs: [
        { namespace: GLUE_NAMESPACE, name: 'table/trips_prepared/trips' },
        {
          namespace: 'postgres://crm.internal:5432',
          name: 'crm.public.customers',
        },
      ],
      outputs: [
        { namespace: GLUE_NAMESPACE, name: 'table/usage_semantic/daily_usage' },
      ],
    }),
  );

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

it('runs the lineage tests against PostgreSQL in CI', () => {
  expect(databases.supports('POSTGRES_15') || !process.env.CI).toBe(true);
});

describe.each(databases.eachSupportedId())('lineage on %s', databaseId => {
  let knex: any;
  let backend: Awaited<ReturnType<typeof startLineageBackend>>;
  let server: any;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    backend = await startLineageBackend({ knex });
    server = backend.server;
  });
  afterEach(async () => {
    await backend?.stop();
  });

  const post = (body: unknown, auth = SERVICE) =>
    request(server)
      .post('/api/data-hub/lineage')
      .set('Authorization', auth)
      .send(body as object);
  /** Posts bytes as they are, as JSON. */
  const postRaw = (body: string, auth = SERVICE) =>
    request(server)
      .post('/api/data-hub/lineage')
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send(body);
  const get = (url: string) =>
    request(server).get(`/api/data-hub${url}`).set('Authorization', USER);
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async t => [
          t,
          Number((await knex(t).count({ n: '*' }))[0].n),
        ]),
      ),
    );
  const nothingStored = async () =>
    expect(await counts()).toEqual(Object.fromEntries(TABLES.map(t => [t, 0])));

  it('takes Spark- and Airflow-shaped events and builds the graph from them and the declared upstream', async () => {
    expect(
      (await post(sparkRun('3f5e83fa-3480-44ff-99c5-ff943cd7e4a1', 1))).status,
    ).toBe(201);
    const airflow = await post(
      airflowRun('01932b4e-8d3c-7a36-9b5e-0e5d8f0f1a2b', 0.5),
    );
    expect(airflow.status).toBe(201);
    expect(airflow.body).toEqual({ accepted: 2 });

    const graph = await get(`/lineage/graph?entityRef=${TRIPS}&depth=2`);
    expect(graph.status).toBe(200);
    const node = (id: string) => graph.body.nodes.find((n: any) => n.id === id);
    expect(graph.body.root).toBe(TRIPS);
    expect(node(TELEMETRY)).toMatchObject({
      kind: 'dataset',
      entityRef: TELEMETRY,
      layer: 'source',
      external: false,
    });
    expect(node(USAGE)).toMatchObject({
      kind: 'dataset',
      layer: 'semantic',
      external: false,
    });
    expect(node(`job:${SPARK_JOB.namespace}/${SPARK_JOB.name}`)).toMatchObject({
      kind: 'job',
    });
    // The S3 path and the Glue table are the same Dataset: one node, both names.
    expect(node(TRIPS).names).toEqual(
      expect.arrayContaining([
        trips,
        { namespace: GLUE_NAMESPACE, name: 'table/trips_prepared/trips' },
      ]),
    );
    const edges = graph.body.edges.map(
      (e: any) => `${e.type}:${e.from}>${e.to}`,
    );
    expect(edges).toEqual(
      expect.arrayContaining([
        `observed:${TELEMETRY}>job:${SPARK_JOB.namespace}/${SPARK_JOB.name}`,
        `observed:job:${SPARK_JOB.namespace}/${SPARK_JOB.name}>${TRIPS}`,
        `observed:${TRIPS}>job:${AIRFLOW_JOB.namespace}/${AIRFLOW_JOB.name}`,
        `observed:job:${AIRFLOW_JOB.namespace}/${AIRFLOW_JOB.name}>${USAGE}`,
        `declared:${TELEMETRY}>${TRIPS}`,
        `declared:${TRIPS}>${USAGE}`,
      ]),
    );

    // Upstream of the semantic dataset: the CRM table no Dataset describes is external.
    const up = await get(
      `/lineage/graph?entityRef=${USAGE}&direction=upstream&depth=1`,
    );
    expect(up.body.nodes.find((n: any) => n.external)).toMatchObject({
      id: 'external:postgres://crm.internal:5432/crm.public.customers',
      kind: 'dataset',
      names: [
        {
          namespace: 'postgres://crm.internal:5432',
          name: 'crm.public.customers',
        },
      ],
    });
    expect(up.body.nodes.map((n: any) => n.id)).not.toContain(TELEMETRY); // depth 1

    const columns = await get(
      `/lineage/columns?entityRef=${TRIPS}&table=trips&column=distance_km`,
    );
    expect(columns.status).toBe(200);
    expect(columns.body.columns).toEqual([
      expect.objectContaining({
        table: 'trips',
        column: 'distance_km',
        inputs: expect.arrayContaining([
          expect.objectContaining({
            entityRef: TELEMETRY,
            table: 'signals',
            field: 'speed',
            transformationType: 'DIRECT',
            transformationSubtype: 'AGGREGATION',
            external: false,
          }),
          expect.objectContaining({
            entityRef: TELEMETRY,
            field: 'vin',
            transformationType: 'INDIRECT',
            transformationSubtype: 'GROUP_BY',
          }),
        ]),
      }),
    ]);
  });

  it('lists the dependencies COMPLETE runs observed, per run and recent, to services only', async () => {
    const airflow = airflowRun('2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', 1);
    expect(
      (
        await post([
          ...sparkRun('1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 2),
          ...airflow,
        ])
      ).status,
    ).toBe(201);
    const backfill = runEvent({
      eventType: 'COMPLETE',
      eventTime: hoursAgo(0.25),
      job: { namespace: 'glue', name: 'trips_backfill' },
      // The same dependency under its Glue name, and a compaction of the source into itself.
      inputs: [
        { namespace: GLUE_NAMESPACE, name: 'table/telemetry_source/signals' },
        signals,
      ],
      outputs: [
        trips,
        {
          namespace: 's3://cdh-global-source',
          name: 'telemetry_source/events',
        },
      ],
    });
    const usageTable = {
      namespace: GLUE_NAMESPACE,
      name: 'table/usage_semantic/daily_usage',
    };
    const copyJob = { namespace: 'glue', name: 'copy_table' };
    const notCounted = [
      // One parameterised job copying a different table each run: telemetry → usage is no
      // dependency, though the job read telemetry and wrote usage.
      runEvent({
        eventType: 'COMPLETE',
        eventTime: hoursAgo(3),
        job: copyJob,
        inputs: [signals],
        outputs: [
          {
            namespace: 's3://cdh-global-source',
            name: 'telemetry_source/copy',
          },
        ],
      }),
      runEvent({
        eventType: 'COMPLETE',
        eventTime: hoursAgo(3),
        job: copyJob,
        inputs: [
          {
            namespace: 'postgres://crm.internal:5432',
            name: 'crm.public.customers',
          },
        ],
        outputs: [usageTable],
      }),
      // A failed run, and one from before the window (90 days by default).
      runEvent({
        eventType: 'FAIL',
        eventTime: hoursAgo(1),
        job: copyJob,
        inputs: [usageTable],
        outputs: [signals],
      }),
      runEvent({
        eventType: 'COMPLETE',
        eventTime: hoursAgo(91 * 24),
        job: copyJob,
        inputs: [trips],
        outputs: [signals],
      }),
    ];
    expect((await post([backfill, ...notCounted])).status).toBe(201);

    const res = await request(server)
      .get('/api/data-hub/lineage/dependencies')
      .set('Authorization', SERVICE);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        // Two jobs give telemetry → trips: once, last seen with the later run.
        {
          upstream: TELEMETRY,
          downstream: TRIPS,
          lastSeenAt: backfill.eventTime,
        },
        // The CRM table no Dataset describes is left out; so is telemetry → telemetry.
        {
          upstream: TRIPS,
          downstream: USAGE,
          lastSeenAt: airflow[1].eventTime,
        },
      ],
    });
    // Only the catalog needs the whole list: people read lineage per dataset, through the graph.
    expect((await get('/lineage/dependencies')).status).toBe(403);
    expect(
      (
        await request(server)
          .get('/api/data-hub/lineage/dependencies?entityRef=x')
          .set('Authorization', SERVICE)
      ).status,
    ).toBe(400);
    expect(
      (
        await request(server)
          .get('/api/data-hub/lineage/dependencies')
          .set('Authorization', mockCredentials.none.header())
      ).status,
    ).toBe(401);
  });

  it("stores the specification's own column lineage and error examples", async () => {
    const runId = 'b2c5d1c4-7f1e-4d4e-8a3e-2f1f7e0c9d11';
    const events = [
      runEvent({
        eventType: 'COMPLETE',
        eventTime: hoursAgo(1),
        runId,
        inputs: [
          {
            namespace: 's3://test-bucket',
            name: '/iceberg_warehouse/some-database/people',
          },
        ],
        outputs: [
          {
            namespace: 's3://test-bucket',
            name: '/iceberg_warehouse/some-database/people_enriched',
            facets: specExample('ColumnLineageDatasetFacet', 2),
          },
        ],
      }),
      runEvent({
        eventType: 'COMPLETE',
        eventTime: hoursAgo(1),
        job: { namespace: 'snowflake', name: 'discounts_by_customer' },
        outputs: [
          {
            namespace: 'snowflake://acme',
            name: 'SALES.PUBLIC.CUSTOMER_DISCOUNTS',
            facets: specExample('ColumnLineageDatasetFacet', 1),
          },
        ],
      }),
      runEvent({
        eventType: 'FAIL',
        eventTime: hoursAgo(0.5),
        runFacets: specExample('ErrorMessageRunFacet', 1),
        outputs: [signals],
      }),
    ];
    expect((await post(events)).status).toBe(201);
    const columns = await get(
      '/lineage/columns?entityRef=dataset:default/people-source&table=people_enriched',
    );
    expect(columns.body.columns.map((c: any) => c.column)).toEqual([
      'ageNextYear',
      'firstName',
      'id',
      'lastName',
    ]);
    expect(columns.body.columns[0].inputs).toEqual([
      expect.objectContaining({
        entityRef: 'dataset:default/people-source',
        table: 'people',
        field: 'age',
        external: false,
      }),
    ]);
    expect((await counts()).lineage_column_lineage).toBeGreaterThan(4);
    const health = await get(`/health?entityRef=${TELEMETRY}`);
    expect(health.body).toMatchObject({
      status: 'failing',
      lastFailure: {
        error: {
          message: 'failed',
          programmingLanguage: 'JAVA',
          stackTrace: '<stack_trace>',
        },
      },
    });
  });

  it('rejects malformed events with the schema errors and stores nothing', async () => {
    const valid = sparkRun('5d0c0b1e-3b8f-4a7e-9f0a-6a2b1c3d4e5f', 1)[1];
    const noRunId = { ...valid, run: { facets: {} } };
    const res = await post(noRunId);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      "/run: must have required property 'runId'",
    );

    const badTime = await post({
      ...valid,
      eventTime: 'yesterday',
      eventType: 'DONE',
    });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.message).toMatch(
      /\/eventTime: must match format "date-time"/,
    );
    expect(badTime.body.error.message).toMatch(
      /\/eventType: must be equal to one of the allowed values/,
    );

    // The core schema accepts any facet; the column lineage facet schema does not.
    const badFacet = structuredClone(valid);
    delete (badFacet.outputs[0].facets as any).columnLineage.fields.vin
      .inputFields[0].field;
    const facetRes = await post(badFacet);
    expect(facetRes.status).toBe(400);
    expect(facetRes.body.error.message).toContain(
      "/outputs/0/facets/columnLineage/fields/vin/inputFields/0: must have required property 'field'",
    );

    // A batch is all or nothing: one bad event rejects the good ones with it.
    const batch = await post([
      ...sparkRun('6e1d1c2f-4c9a-4b8f-8a1b-7b3c2d4e5f60', 1),
      noRunId,
    ]);
    expect(batch.status).toBe(400);
    expect(batch.body.error.message).toContain(
      "/2/run: must have required property 'runId'",
    );
    expect((await post([])).status).toBe(400);
    expect((await post({ eventType: 'START' })).status).toBe(400);
    const badJson = await request(server)
      .post('/api/data-hub/lineage')
      .set('Authorization', SERVICE)
      .set('Content-Type', 'application/json')
      .send('{"eventType": ');
    expect(badJson.status).toBe(400);
    await nothingStored();
  });

  it('only takes events from services, not from people', async () => {
    const events = sparkRun('7f2e2d3a-5d0b-4c9a-9b2c-8c4d3e5f6a71', 1);
    expect((await post(events, USER)).status).toBe(403);
    expect((await post(events, mockCredentials.none.header())).status).toBe(
      401,
    );
    await nothingStored();
  });

  it('checks the token before it parses the body: people get 403 for any body, unparsed', async () => {
    // 5 MB that is not JSON: the parser would answer 400, so a 403 means it never ran.
    const notJson = `{"eventType": ${'x'.repeat(5 * 1024 * 1024)}`;
    const forbidden = await Promise.all(
      Array.from({ length: 6 }, () => postRaw(notJson, USER)),
    );
    expect(forbidden.map(r => r.status)).toEqual([
      403, 403, 403, 403, 403, 403,
    ]);
    expect(forbidden[0].body.error.name).toBe('NotAllowedError');
    expect((await postRaw(notJson, mockCredentials.none.header())).status).toBe(
      401,
    );
    // A service's body is parsed: the same bytes are bad JSON.
    const parsed = await postRaw(notJson);
    expect(parsed.status).toBe(400);
    expect(parsed.body.error.name).toBe('SyntaxError');
    await nothingStored();
  });

  it('takes batches up to 10 MB from services and answers 413 above', async () => {
    const overLimit = JSON.stringify([
      { padding: 'x'.repeat(10 * 1024 * 1024) },
    ]);
    const tooLarge = await postRaw(overLimit);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({
      name: 'PayloadTooLargeError',
      message: `The request body of ${Buffer.byteLength(
        overLimit,
      )} bytes is over the 10mb limit; post fewer events per request`,
    });
    // People get 403 whatever the size.
    expect((await postRaw(overLimit, USER)).status).toBe(403);
    await nothingStored();

    // A valid batch of 9 MB (a large run facet) is still parsed, validated and stored.
    const [start, complete] = sparkRun(
      '4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      1,
    );
    const padding = {
      _producer: 'https://example.com/test',
      _schemaURL: 'https://example.com/test/PaddingRunFacet.json',
      text: 'x'.repeat(9 * 1024 * 1024),
    };
    const large = await post([
      start,
      {
        ...complete,
        run: { ...complete.run, facets: { ...complete.run.facets, padding } },
      },
    ]);
    expect(large.status).toBe(201);
    expect(large.body).toEqual({ accepted: 2 });
    expect((await counts()).lineage_runs).toBe(1);
  });

  it('keeps a run COMPLETE when its START arrives late, and a retried batch changes nothing', async () => {
    const runId = '8a3f3e4b-6e1c-4dab-8c3d-9d5e4f6a7b82';
    const [start, complete] = sparkRun(runId, 1);
    expect((await post(complete)).status).toBe(201);
    expect((await post(start)).status).toBe(201);
    expect((await post([start, complete])).status).toBe(201);
    const runs = await get('/lineage/runs');
    expect(runs.body.items).toEqual([
      expect.objectContaining({
        runId,
        state: 'COMPLETE',
        startedAt: start.eventTime,
        endedAt: complete.eventTime,
      }),
    ]);
    expect(await counts()).toEqual({
      lineage_jobs: 1,
      lineage_runs: 1,
      lineage_run_datasets: 2,
      lineage_column_lineage: 3,
      lineage_run_errors: 0,
    });
  });

  it('reports health: stale, failing, healthy, with sizes and file locations', async () => {
    await post([
      // The source was last loaded 5 h ago; it should be every 2 h.
      runEvent({
        eventType: 'COMPLETE',
        eventTime: hoursAgo(5),
        job: { namespace: 'glue', name: 'telemetry_ingest' },
        outputs: [
          { namespace: GLUE_NAMESPACE, name: 'table/telemetry_source/signals' },
        ],
      }),
      ...sparkRun('9b4a4f5c-7f2d-4ebc-9d4e-0e6f5a7b8c93', 1),
      runEvent({
        eventType: 'COMPLETE',
        eventTime: hoursAgo(3),
        job: { namespace: 'local', name: 'orders_ingest' },
        outputs: [
          {
            namespace: 'file',
            name: '/tmp/data-hub-lake/us/source/orders_local/orders/part-0.parquet',
          },
        ],
      }),
    ]);
    const all = await get('/health');
    expect(all.status).toBe(200);
    const of = (ref: string) =>
      all.body.items.find((h: any) => h.entityRef === ref);
    expect(of(TELEMETRY)).toMatchObject({
      status: 'stale',
      maxAgeHours: 2,
      rowCount: 1050,
      sizeBytes: 4096,
      lastSuccessfulWrite: {
        source: 'lineage',
        job: { namespace: 'glue', name: 'telemetry_ingest' },
      },
    });
    expect(of(TELEMETRY).ageHours).toBeCloseTo(5, 0);
    expect(of(TRIPS)).toMatchObject({
      status: 'healthy',
      lastSuccessfulWrite: { source: 'lineage', job: SPARK_JOB },
    });
    expect(of(USAGE)).toMatchObject({
      status: 'stale',
      reason: 'No successful write is known',
    });
    expect(of('dataset:default/orders-local')).toMatchObject({
      status: 'healthy',
      lastSuccessfulWrite: { source: 'lineage' },
    });

    // A newer failure of the Spark job makes the prepared dataset failing, with the error.
    await post(
      runEvent({
        eventType: 'FAIL',
        eventTime: hoursAgo(0.1),
        job: SPARK_JOB,
        outputs: [trips],
        runFacets: {
          errorMessage: {
            _producer:
              'https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark',
            _schemaURL:
              'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet',
            message:
              'org.apache.spark.SparkException: Job aborted due to stage failure',
            programmingLanguage: 'JAVA',
          },
        },
      }),
    );
    const failing = await get(`/health?entityRef=${TRIPS}`);
    expect(failing.body).toMatchObject({
      status: 'failing',
      lastFailure: {
        job: SPARK_JOB,
        error: {
          message:
            'org.apache.spark.SparkException: Job aborted due to stage failure',
        },
      },
    });
    expect(
      (await get('/health?status=failing')).body.items.map(
        (h: any) => h.entityRef,
      ),
    ).toEqual([TRIPS]);
    expect((await get('/health?entityRef=dataset:default/nope')).status).toBe(
      404,
    );
  });

  it('aggregates usage from the query history and builds the overview', async () => {
    const day = (d: number, h = 12) => {
      const t = new Date();
      t.setUTCDate(t.getUTCDate() - d);
      t.setUTCHours(h, 0, 0, 0);
      return t;
    };
    let n = 0;
    const query = (
      user: string,
      useCase: string,
      datasets: string[],
      at: Date,
      state = 'succeeded',
    ) => ({
      id: `q${++n}`,
      user_ref: `user:default/${user}`,
      use_case_ref: `system:default/${useCase}`,
      sql: 'SELECT 1',
      engine: 'duckdb',
      state,
      datasets: JSON.stringify(datasets),
      created_at: at,
    });
    await knex('query_runs').insert([
      query('alice', 'fleet-analytics', [TRIPS], day(0)),
      query('alice', 'fleet-analytics', [TRIPS, TELEMETRY], day(0, 8)),
      query('bob', 'fleet-analytics', [TRIPS], day(1), 'failed'),
      query('carol', 'warranty', [TRIPS], day(2)),
      query('carol', 'warranty', [TRIPS], day(40)), // outside the window
      query('dave', 'other', ['dataset:default/trips-prepared-v2'], day(0)), // a ref that only starts the same
      query('erin', 'other', [TELEMETRY], day(0)),
    ]);
    const usage = await get(`/usage?entityRef=${TRIPS}&days=7`);
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({
      entityRef: TRIPS,
      totalQueries: 4,
      succeededQueries: 3,
      distinctUsers: 3,
      topUsers: [
        { userRef: 'user:default/alice', queries: 2 },
        { userRef: 'user:default/bob', queries: 1 },
        { userRef: 'user:default/carol', queries: 1 },
      ],
      topUseCases: [
        { useCaseRef: 'system:default/fleet-analytics', queries: 3 },
        { useCaseRef: 'system:default/warranty', queries: 1 },
      ],
    });
    expect(usage.body.perDay).toHaveLength(8);
    expect(usage.body.perDay.at(-1)).toEqual({
      date: day(0).toISOString().slice(0, 10),
      queries: 2,
      users: 1,
    });
    expect((await get(`/usage?entityRef=${TRIPS}&days=0`)).status).toBe(400);

    await post([
      // One ingest run reporting the dataset by its S3 location and by its Glue table.
      runEvent({
        eventType: 'COMPLETE',
        eventTime: hoursAgo(1),
        job: { namespace: 'glue', name: 'telemetry_ingest' },
        outputs: [
          signals,
          { namespace: GLUE_NAMESPACE, name: 'table/telemetry_source/signals' },
        ],
      }),
      ...sparkRun('0c5b5a6d-8a3e-4fcd-8e5f-1f7a6b8c9da4', 0.5),
    ]);
    const overview = await get('/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.datasetsPerHubAndLayer).toEqual([
      { hub: 'global', layer: 'prepared', datasets: 1 },
      { hub: 'global', layer: 'semantic', datasets: 1 },
      { hub: 'global', layer: 'source', datasets: 3 },
    ]);
    expect(overview.body.unhealthy.map((h: any) => h.entityRef)).toContain(
      USAGE,
    );
    expect(overview.body.mostUsed[0]).toMatchObject({
      entityRef: TRIPS,
      queries: 4,
      users: 3,
    });
    // Recent ingests are writes to the source layer only, one per run and dataset.
    expect(overview.body.recentIngests).toEqual([
      expect.objectContaining({
        entityRef: TELEMETRY,
        job: { namespace: 'glue', name: 'telemetry_ingest' },
      }),
    ]);
  });

  it('answers 400 and 404 for bad read requests', async () => {
    expect(
      (await get(`/lineage/graph?entityRef=${TRIPS}&depth=99`)).status,
    ).toBe(400);
    expect(
      (await get(`/lineage/graph?entityRef=${TRIPS}&direction=sideways`))
        .status,
    ).toBe(400);
    expect(
      (await get('/lineage/graph?entityRef=dataset:default/unknown')).status,
    ).toBe(404);
    expect((await get('/lineage/graph')).status).toBe(400);
  });
});
