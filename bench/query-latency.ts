/**
 * bench/query-latency: end-to-end latency of a small granted query through the real demo backend
 * (port 7017, its own SQLite files, or PostgreSQL databases with BENCH_DATABASE=postgres) as the
 * query page runs a query: `POST /queries` with `firstPageRows: 500`, which answers a small query
 * finished and with its first rows. Also, in turns with it, a client that does not ask for them:
 * `POST /queries` + `GET /queries/:id/results`.
 *
 *   yarn bench:query-latency
 *
 * alice-analyst gets a grant for her use case us-marketing-360 on us-sales-orders-source (approved
 * by bob-owner), then runs 20 warm-up and 200 measured queries of each path, in turns (`RUNS`).
 * Prints p50 / p95 / p99 of the query page's round trip (goal p50 <= 25 ms), of the two-call path
 * and its calls, and, to see where a submit's time goes, of calls that stop earlier on the same
 * path: the use-case list
 * (authentication and the catalog lookup of the user's teams), the queryable list (membership
 * check, grants from the store, datasets from the catalog) and a submit the SQL guard refuses
 * (all of that plus DuckDB parsing the statement).
 */
import {
  call,
  grant,
  percentile,
  PORT,
  signIn,
  startBackend,
  waitForCatalog,
} from './demoBackend';

const WARMUP = Number(process.env.WARMUP ?? 20);
/** `sqlite` (default, as the demo runs) or `postgres` (as a company deployment runs). */
const DATABASE =
  process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const RUNS = Number(process.env.RUNS ?? 200);
const DATASET_REF = 'dataset:default/us-sales-orders-source';
const USE_CASE_REF = 'system:default/us-marketing-360';
const SQL =
  "SELECT dealer_id, dealer_name, state FROM us_sales_orders_source.dealers WHERE region = 'West' ORDER BY dealer_id LIMIT 20";

/** As the query page runs a query: one submit that asks for the first page with its answer. */
async function once(token: string) {
  const t0 = performance.now();
  const submitted = await call(token, 'POST', '/data-hub/queries', {
    sql: SQL,
    useCaseRef: USE_CASE_REF,
    firstPageRows: 500,
  });
  const total = performance.now() - t0;
  if (
    submitted.status !== 201 ||
    submitted.body.state !== 'succeeded' ||
    !submitted.body.firstPage?.rows.length
  ) {
    throw new Error(
      `Submit: ${submitted.status} ${submitted.body?.state} ${
        submitted.body?.error?.message ?? 'no first page'
      }`,
    );
  }
  return { total, engineMs: submitted.body.statistics.elapsedMs as number };
}

/** A client that does not ask for the first page: submit, then GET it. */
async function twoCalls(token: string) {
  const t0 = performance.now();
  const submitted = await call(token, 'POST', '/data-hub/queries', {
    sql: SQL,
    useCaseRef: USE_CASE_REF,
  });
  const t1 = performance.now();
  if (submitted.status !== 201 || submitted.body.state !== 'succeeded') {
    throw new Error(
      `Submit: ${submitted.status} ${submitted.body?.state} ${
        submitted.body?.error?.message ?? ''
      }`,
    );
  }
  const page = await call(
    token,
    'GET',
    `/data-hub/queries/${submitted.body.id}/results?offset=0&limit=500`,
  );
  const t2 = performance.now();
  if (page.status !== 200 || page.body.rows.length === 0)
    throw new Error(`Results: ${page.status}`);
  return { total: t2 - t0, submit: t1 - t0, results: t2 - t1 };
}

async function timed(
  token: string,
  method: string,
  url: string,
  body: unknown,
  status: number | 'refused',
) {
  const started = performance.now();
  const res = await call(token, method, url, body);
  const expected =
    status === 'refused'
      ? res.status === 400 || res.status === 403
      : res.status === status;
  if (!expected)
    throw new Error(
      `${method} ${url}: ${res.status} ${res.body?.error?.message ?? ''}`,
    );
  return performance.now() - started;
}

function summary(name: string, values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return `  ${name.padEnd(26)} p50 ${percentile(sorted, 50).toFixed(
    1,
  )} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(
    sorted,
    99,
  ).toFixed(1)} ms, mean ${mean.toFixed(1)} ms`;
}

async function main() {
  console.log(
    `Starting the demo backend (${
      DATABASE === 'postgres'
        ? 'PostgreSQL, databases of its own'
        : 'SQLite in a temporary folder'
    }) on port ${PORT}…`,
  );
  const backend = await startBackend({ database: DATABASE });
  try {
    const tokens = {
      alice: await signIn('alice-analyst'),
      bob: await signIn('bob-owner'),
    };
    await waitForCatalog(
      tokens.bob,
      'us-sales-orders-source',
      'us-marketing-360',
    );
    await grant(tokens, DATASET_REF, USE_CASE_REF);
    console.log(
      `Backend ready, grant live; ${WARMUP} warm-up and ${RUNS} measured runs of:\n  ${SQL}`,
    );

    for (let i = 0; i < WARMUP; i++) {
      await once(tokens.alice);
      await twoCalls(tokens.alice);
    }
    // Taken in turns, so both paths see the same machine.
    const runs = [];
    const split = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await once(tokens.alice));
      split.push(await twoCalls(tokens.alice));
    }

    console.log('');
    console.log(
      summary(
        'round trip (query page)',
        runs.map(r => r.total),
      ),
    );
    console.log(
      summary(
        '  engine elapsedMs',
        runs.map(r => r.engineMs),
      ),
    );
    console.log(
      summary(
        'submit + GET results',
        split.map(r => r.total),
      ),
    );
    console.log(
      summary(
        '  POST /queries',
        split.map(r => r.submit),
      ),
    );
    console.log(
      summary(
        '  GET /results',
        split.map(r => r.results),
      ),
    );

    // The same path, stopped earlier, 100 times each.
    const useCases: number[] = [];
    const queryable: number[] = [];
    const refused: number[] = [];
    for (let i = 0; i < 100; i++) {
      useCases.push(
        await timed(
          tokens.alice,
          'GET',
          '/data-hub/queries/use-cases',
          undefined,
          200,
        ),
      );
      queryable.push(
        await timed(
          tokens.alice,
          'GET',
          `/data-hub/queries/queryable?useCaseRef=${encodeURIComponent(
            USE_CASE_REF,
          )}`,
          undefined,
          200,
        ),
      );
      refused.push(
        await timed(
          tokens.alice,
          'POST',
          '/data-hub/queries',
          { sql: 'SELECT * FROM nowhere.nothing', useCaseRef: USE_CASE_REF },
          'refused',
        ),
      );
    }
    console.log('  where a submit goes (the same path, stopped earlier):');
    console.log(summary('  GET /queries/use-cases', useCases));
    console.log(summary('  GET /queries/queryable', queryable));
    console.log(summary('  POST refused by SQL guard', refused));
    const p50 = percentile(
      runs.map(r => r.total).sort((a, b) => a - b),
      50,
    );
    console.log(
      `  goal p50 <= 25 ms:         ${
        p50 <= 25 ? 'MET' : 'MISSED'
      } (${p50.toFixed(1)} ms)`,
    );
  } catch (error) {
    console.error(String(error));
    console.error(backend.log().slice(-5000));
    process.exitCode = 1;
  } finally {
    await backend.stop();
  }
}

main();
