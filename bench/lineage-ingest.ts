/**
 * bench/lineage-ingest: 100,000 OpenLineage events posted by 20 concurrent clients to the real
 * demo backend (`yarn workspace backend start`) running on PostgreSQL.
 *
 *   yarn bench:lineage-ingest
 *
 * The clients authenticate as an external job would: with a static token from
 * `backend.auth.externalAccess` (written to a temporary config). Each client reports Spark-shaped
 * runs — a START and a COMPLETE with column lineage per run, reading a source table on S3 and
 * writing a prepared one — one event per request (`BATCH` events per request when set). Prints
 * events/s and latency percentiles per request, then checks in the database that every run
 * was stored once and ended COMPLETE.
 *
 * The floor: right before and right after the intake is measured, the same clients (same
 * token, same concurrency) post for `FLOOR_SECONDS` (default 10) to the cheapest authenticated
 * POST of the data-hub plugin. It has no trivial POST route, so the floor is `POST /lineage`
 * itself with an empty batch (`[]`): the same token check, the same JSON body parser, then the
 * validator rejects it with 400 before any database access. Its calls/s is what the backend
 * and the clients cost per request without storing anything; the bench prints events/s ÷ the
 * mean of both floors (goal for one event per request: ≥ 0.8). Nothing is measured before the
 * backend has gone idle after its start (the catalog's first processing of the demo lake takes
 * a core for a while), so neither figure pays for that; then `WARMUP_EVENTS` (default 4,000)
 * events warm the intake up, stored and checked like the rest but not timed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import knexFactory from 'knex';
import { BASE, PG, sleep, startBackend, waitForIdle } from './demoBackend';

const EVENTS = Number(process.env.EVENTS ?? 100_000);
const CLIENTS = Number(process.env.CLIENTS ?? 20);
const BATCH = Number(process.env.BATCH ?? 1);
const FLOOR_SECONDS = Number(process.env.FLOOR_SECONDS ?? 10);
/** Events posted (stored and checked, not timed) before anything is measured. */
const WARMUP_EVENTS = Number(process.env.WARMUP_EVENTS ?? 4_000);
const TOKEN = randomBytes(24).toString('hex');

const headers = {
  Authorization: `Bearer ${TOKEN}`,
  'Content-Type': 'application/json',
};

async function waitForBackend() {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${BASE}/data-hub/lineage/runs?limit=1`, {
      headers,
    }).catch(() => undefined);
    if (res?.ok) return;
    await sleep(1000);
  }
  throw new Error('The backend did not start in time');
}

const SOURCE = {
  namespace: 's3://cdh-bench-source',
  name: 'vehicle_telemetry_source/signals',
};
const FIELDS = [
  'vin',
  'trip_id',
  'started_at',
  'ended_at',
  'distance_km',
  'avg_speed_kmh',
];

/** START and COMPLETE of one Spark run, as the Spark integration reports them. */
function runEvents(client: number, n: number): object[] {
  const runId = randomUUID();
  const job = {
    namespace: 'spark-bench',
    name: `prepare_trips_${client}.execute_insert_into_hadoop_fs_relation_command`,
  };
  const output = {
    namespace: 's3://cdh-bench-prepared',
    name: `vehicle_trips_prepared_${n % 50}/trips`,
  };
  const base = {
    producer:
      'https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark',
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    job,
    inputs: [SOURCE],
  };
  const start = Date.now();
  return [
    {
      ...base,
      eventType: 'START',
      eventTime: new Date(start).toISOString(),
      run: { runId },
      outputs: [output],
    },
    {
      ...base,
      eventType: 'COMPLETE',
      eventTime: new Date(start + 1000).toISOString(),
      run: { runId },
      outputs: [
        {
          ...output,
          facets: {
            columnLineage: {
              _producer: base.producer,
              _schemaURL:
                'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
              fields: Object.fromEntries(
                FIELDS.map(f => [
                  f,
                  {
                    inputFields: [
                      {
                        ...SOURCE,
                        field: f,
                        transformations: [
                          { type: 'DIRECT', subtype: 'IDENTITY' },
                        ],
                      },
                    ],
                  },
                ]),
              ),
            },
          },
        },
      ],
    },
  ];
}

const latencies: number[] = [];
const failures = new Map<number, number>();

async function client(i: number, events: number) {
  let pending: object[] = [];
  let runs = 0;
  let sent = 0;
  const flush = async () => {
    const body = JSON.stringify(BATCH === 1 ? pending[0] : pending);
    const started = performance.now();
    const res = await fetch(`${BASE}/data-hub/lineage`, {
      method: 'POST',
      headers,
      body,
    });
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
    if (res.status !== 201)
      failures.set(res.status, (failures.get(res.status) ?? 0) + 1);
    sent += pending.length;
    pending = [];
  };
  while (sent + pending.length < events) {
    // A run's events go in order, START first, as one job reports them.
    for (const event of runEvents(i, runs++)) {
      pending.push(event);
      if (pending.length >= BATCH) await flush();
    }
  }
  if (pending.length) await flush();
  return runs;
}

/**
 * The floor: `CLIENTS` clients post an empty batch (400 by validation, no database work) for
 * `seconds`, one request at a time each; returns calls/s, and the statuses other than 400.
 */
async function floor(seconds: number) {
  const unexpected = new Map<number, number>();
  let calls = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const res = await fetch(`${BASE}/data-hub/lineage`, {
          method: 'POST',
          headers,
          body: '[]',
        });
        await res.arrayBuffer();
        if (res.status !== 400)
          unexpected.set(res.status, (unexpected.get(res.status) ?? 0) + 1);
        calls++;
      }
    }),
  );
  return {
    callsPerSecond: calls / ((performance.now() - started) / 1000),
    unexpected,
  };
}

async function main() {
  // Jobs authenticate with a static token (backend.auth.externalAccess), as Spark or Airflow would.
  const backend = await startBackend({
    database: 'postgres',
    backend: [
      '  auth:',
      '    externalAccess:',
      '      - type: static',
      '        options:',
      `          token: ${TOKEN}`,
      '          subject: lineage-bench',
      '        accessRestrictions:',
      '          - plugin: data-hub',
    ],
    config: ['dataHub:', '  lineage:', '    demoReplay: false'],
  });
  const { prefix } = backend;
  console.log(
    `Starting the demo backend on PostgreSQL (database prefix ${prefix}) on port 7017…`,
  );
  try {
    await waitForBackend();
    await waitForIdle(backend.pid);
    // Warms both paths up (V8 optimises the shared HTTP, token and validation code during the
    // first seconds of load; measured cold, the floor before came out 30% below the floor
    // after), then measures the floor.
    await floor(2);
    const warmupPerClient = Math.ceil(WARMUP_EVENTS / CLIENTS / 2) * 2;
    const warmupRuns = (
      await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) => client(i, warmupPerClient)),
      )
    ).reduce((a, b) => a + b, 0);
    latencies.length = 0;
    const floorBefore = await floor(FLOOR_SECONDS);
    const perClient = Math.ceil(EVENTS / CLIENTS / 2) * 2;
    console.log(
      `Backend ready; ${CLIENTS} clients post ${
        perClient * CLIENTS
      } events, ${BATCH} per request…`,
    );
    const started = performance.now();
    const runs = (
      await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) => client(i, perClient)),
      )
    ).reduce((a, b) => a + b, 0);
    const elapsed = (performance.now() - started) / 1000;
    const floorAfter = await floor(FLOOR_SECONDS);
    const unexpected = [
      ...floorBefore.unexpected.entries(),
      ...floorAfter.unexpected.entries(),
    ];
    if (unexpected.length)
      throw new Error(
        `The floor's empty batches were not all answered 400: ${unexpected
          .map(([s, n]) => `${s}: ${n}`)
          .join(', ')}`,
      );
    const floorCalls =
      (floorBefore.callsPerSecond + floorAfter.callsPerSecond) / 2;
    const sorted = [...latencies].sort((x, y) => x - y);
    const pct = (p: number) =>
      sorted[
        Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
      ];

    console.log('');
    console.log(`  clients:        ${CLIENTS}, ${elapsed.toFixed(1)} s`);
    console.log(
      `  events:         ${perClient * CLIENTS} in ${
        latencies.length
      } requests (${runs} runs)`,
    );
    const eventsPerSecond = (perClient * CLIENTS) / elapsed;
    console.log(
      `  throughput:     ${eventsPerSecond.toFixed(0)} events/s, ${(
        latencies.length / elapsed
      ).toFixed(0)} requests/s`,
    );
    console.log(
      `  floor:          ${floorCalls.toFixed(
        0,
      )} calls/s (${floorBefore.callsPerSecond.toFixed(
        0,
      )} before, ${floorAfter.callsPerSecond.toFixed(
        0,
      )} after; POST /lineage with an empty batch: token, body parser, 400 by validation, no database)`,
    );
    console.log(
      `  ratio:          ${(eventsPerSecond / floorCalls).toFixed(
        2,
      )} events/s ÷ floor calls/s (BATCH=${BATCH}); requests/s ÷ floor ${(
        latencies.length /
        elapsed /
        floorCalls
      ).toFixed(2)}`,
    );
    console.log(
      `  latency:        p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(
        1,
      )} ms, p99 ${pct(99).toFixed(1)} ms per request`,
    );
    console.log(
      `  non-201:        ${
        failures.size
          ? [...failures.entries()].map(([s, n]) => `${s}: ${n}`).join(', ')
          : 'none'
      }`,
    );
    // The data-hub plugin's own database, as Backstage names it: prefix + plugin id.
    const url = new URL(PG);
    url.pathname = `/${prefix}data-hub`;
    const db = knexFactory({ client: 'pg', connection: url.toString() });
    let stored: Array<{ state: string; n: string }>;
    try {
      stored = await db('lineage_runs')
        .select('state')
        .count({ n: '*' })
        .groupBy('state');
    } finally {
      await db.destroy();
    }
    const complete = Number(stored.find(s => s.state === 'COMPLETE')?.n ?? 0);
    const total = stored.reduce((a, s) => a + Number(s.n), 0);
    const sentRuns = warmupRuns + runs;
    const ok =
      failures.size === 0 && total === sentRuns && complete === sentRuns;
    console.log(
      `  consistency:    ${
        ok ? 'OK' : 'FAILED'
      } (${total} runs stored, ${complete} COMPLETE, ${sentRuns} sent, ${warmupRuns} of them while warming up)`,
    );
    process.exitCode = ok ? 0 : 1;
  } catch (error) {
    console.error(String(error));
    console.error(backend.log().slice(-5000));
    process.exitCode = 1;
  } finally {
    await backend.stop();
  }
}

main();
