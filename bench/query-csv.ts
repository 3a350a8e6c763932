/**
 * bench/query-csv: 2,000,000 rows x 10 columns downloaded as CSV through the real demo backend
 * (port 7017, its own SQLite files), against DuckDB's own `COPY ... TO` CSV of the same query over
 * the same Parquet folders, in the same run.
 *
 *   yarn bench:query-csv
 *
 * alice-analyst's use case global-fleet-insights (hub global) gets a grant on every column of
 * vehicle-telemetry-source's `signals` (2.5 million rows, the demo lake's biggest table; PII
 * columns named explicitly), approved by bob-owner (team connected-vehicle-data). The query
 * selects its 9 columns and one computed column, LIMIT 2,000,000. For each of `RUNS` (default 2)
 * rounds: the run (submit until it succeeded: the engine writes the result to Parquet), then the
 * backend download of it (time to last byte, bytes, lines; read from the stored result and
 * written as CSV by DuckDB) while the backend's VmRSS is sampled every 50 ms, then DuckDB's COPY
 * of the query in this process with the engine's thread count.
 * Prints the best times, the ratio backend / COPY (goal <= 1.3x) and the backend's peak RSS growth
 * over its RSS just before the download (goal <= 150 MB).
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  BASE,
  grant,
  PORT,
  root,
  rssOf,
  runQuery,
  signIn,
  sleep,
  startBackend,
  waitForCatalog,
} from './demoBackend';

const RUNS = Number(process.env.RUNS ?? 2);
const ROWS = 2_000_000;
const DATASET_REF = 'dataset:default/vehicle-telemetry-source';
const USE_CASE_REF = 'system:default/global-fleet-insights';
const COLUMNS = [
  'vin',
  'signal_ts',
  'speed_kmh',
  'battery_soc_pct',
  'odometer_km',
  'latitude',
  'longitude',
  'outside_temp_c',
  'dt',
];
const SELECT = `SELECT vin, signal_ts, speed_kmh, round(speed_kmh / 1.609344, 1) AS speed_mph, battery_soc_pct, odometer_km, latitude, longitude, outside_temp_c, dt`;
const SQL = `${SELECT} FROM vehicle_telemetry_source.signals LIMIT ${ROWS}`;
/** The same folder the engine's sandbox reads (`<lake>/<hub>/<layer>/<glue database>/<table>`). */
const SIGNALS = path.join(
  root,
  '.data-hub/lake/global/source/vehicle_telemetry_source/signals',
);
const MB = 1024 * 1024;

/** Streams the CSV, counting bytes and lines; samples the backend's RSS meanwhile. */
async function download(token: string, queryId: string, backendPid: number) {
  const before = await rssOf(backendPid);
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await rssOf(backendPid).catch(() => 0));
      await sleep(50);
    }
  })();

  // A plain node:http client: the route sends one HTTP chunk per CSV row (csv-stringify piped
  // into the response), and fetch's web streams would add seconds per million chunks that are
  // the client's, not the backend's.
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  let firstByteMs = 0;
  let header = '';
  await new Promise<void>((resolve, reject) => {
    const req = http.get(
      `${BASE}/data-hub/queries/${queryId}/results.csv`,
      { headers: { Authorization: `Bearer ${token}` } },
      res => {
        if (res.statusCode !== 200) {
          reject(new Error(`CSV download: ${res.statusCode}`));
          res.resume();
          return;
        }
        res.on('data', (chunk: Buffer) => {
          if (!firstByteMs) firstByteMs = performance.now() - started;
          if (header.length < 300)
            header += chunk.subarray(0, 300).toString('utf8');
          bytes += chunk.length;
          for (
            let i = chunk.indexOf(10);
            i !== -1;
            i = chunk.indexOf(10, i + 1)
          )
            lines++;
        });
        res.on('end', resolve);
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
  const ms = performance.now() - started;
  sampling = false;
  await sampler;
  return {
    ms,
    firstByteMs,
    bytes,
    lines,
    header: header.split('\n')[0],
    rssBefore: before,
    rssPeak: peak,
  };
}

/** DuckDB's own CSV writer over the same Parquet folder, with the engine's settings. */
async function duckdbCopy(target: string) {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    // The engine's sandbox defaults (dataHub.duckdb.query): 2 threads, 1 GB.
    threads: '2',
    memory_limit: '1GB',
  });
  const connection = await instance.connect();
  try {
    const source = `read_parquet('${SIGNALS}/**/*.parquet', hive_partitioning = true)`;
    const started = performance.now();
    await connection.run(
      `COPY (${SELECT} FROM ${source} LIMIT ${ROWS}) TO '${target}' (HEADER, DELIMITER ',')`,
    );
    const ms = performance.now() - started;
    const { size } = await fs.stat(target);
    return { ms, bytes: size };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function main() {
  await fs.access(SIGNALS).catch(() => {
    throw new Error(
      `No demo lake at ${SIGNALS}: start the portal once (npm start) to generate it`,
    );
  });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-query-csv-'));
  console.log(
    `Starting the demo backend (SQLite in a temporary folder) on port ${PORT}…`,
  );
  const backend = await startBackend();
  try {
    const tokens = {
      alice: await signIn('alice-analyst'),
      bob: await signIn('bob-owner'),
    };
    await waitForCatalog(
      tokens.bob,
      'vehicle-telemetry-source',
      'global-fleet-insights',
    );
    await grant(tokens, DATASET_REF, USE_CASE_REF, [
      { name: 'signals', columns: COLUMNS },
    ]);
    const pid = await backend.pid();
    console.log(
      `Backend ready (pid ${pid}), grant live; ${RUNS} rounds of:\n  ${SQL}`,
    );

    const rounds = [];
    for (let r = 1; r <= RUNS; r++) {
      const submitted = performance.now();
      const run = await runQuery(tokens.alice, SQL, USE_CASE_REF);
      const runMs = performance.now() - submitted;
      const http = await download(tokens.alice, run.id, pid);
      if (http.lines !== ROWS + 1)
        throw new Error(
          `The CSV has ${http.lines} lines, expected ${ROWS + 1}`,
        );
      const copy = await duckdbCopy(path.join(tmp, `copy-${r}.csv`));
      await fs.rm(path.join(tmp, `copy-${r}.csv`), { force: true });
      const growth = http.rssPeak - http.rssBefore;
      rounds.push({ http, copy, growth, runMs });
      console.log(
        `  round ${r}: run ${(runMs / 1000).toFixed(
          2,
        )} s (to stored Parquet), then download ${(http.ms / 1000).toFixed(
          2,
        )} s (first byte ${http.firstByteMs.toFixed(0)} ms, ${(
          http.bytes / MB
        ).toFixed(1)} MB, ${http.lines - 1} rows, RSS ${(
          http.rssBefore / MB
        ).toFixed(0)} → peak ${(http.rssPeak / MB).toFixed(
          0,
        )} MB); DuckDB COPY ${(copy.ms / 1000).toFixed(2)} s (${(
          copy.bytes / MB
        ).toFixed(1)} MB); ratio ${(http.ms / copy.ms).toFixed(2)}x`,
      );
    }

    const bestHttp = Math.min(...rounds.map(r => r.http.ms));
    const bestCopy = Math.min(...rounds.map(r => r.copy.ms));
    const ratio = bestHttp / bestCopy;
    const growth = Math.max(...rounds.map(r => r.growth));
    const last = rounds[rounds.length - 1];
    console.log('');
    console.log(`  header:                    ${last.http.header}`);
    console.log(
      `  rows x columns:            ${ROWS.toLocaleString('en-US')} x ${
        last.http.header.split(',').length
      }`,
    );
    console.log(
      `  backend CSV download:      ${(bestHttp / 1000).toFixed(
        2,
      )} s to the last byte (best of ${RUNS}), ${(last.http.bytes / MB).toFixed(
        1,
      )} MB, ${(last.http.bytes / MB / (bestHttp / 1000)).toFixed(1)} MB/s`,
    );
    console.log(
      `  DuckDB COPY ... TO CSV:    ${(bestCopy / 1000).toFixed(
        2,
      )} s (best of ${RUNS}), ${(last.copy.bytes / MB).toFixed(1)} MB`,
    );
    const bestRun = Math.min(...rounds.map(r => r.runMs));
    console.log(
      `  run to stored result:      ${(bestRun / 1000).toFixed(
        2,
      )} s (best of ${RUNS}; run + download / COPY ${(
        (bestRun + bestHttp) /
        bestCopy
      ).toFixed(2)}x)`,
    );
    console.log(
      `  ratio backend / COPY:      ${ratio.toFixed(2)}x — goal <= 1.3x: ${
        ratio <= 1.3 ? 'MET' : 'MISSED'
      }`,
    );
    console.log(
      `  backend peak RSS growth:   ${(growth / MB).toFixed(
        0,
      )} MB — goal <= 150 MB: ${growth <= 150 * MB ? 'MET' : 'MISSED'}`,
    );
  } catch (error) {
    console.error(String(error));
    console.error(backend.log().slice(-5000));
    process.exitCode = 1;
  } finally {
    await backend.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

main();
