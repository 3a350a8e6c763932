/**
 * bench/access-load: 50 concurrent clients create and decide access requests against the
 * real demo backend (`yarn workspace backend start`) running on PostgreSQL, for 30 s.
 *
 *   yarn bench:access-load
 *
 * Each client owns one use case (50 Systems of team us-marketing-analytics, written to a
 * temporary catalog file) and loops over the four datasets of team sales-data-us: it asks as
 * alice-analyst (an extension when it already holds a grant), then two owners (bob-owner and
 * sam-provider) approve the same request at the same moment — exactly one may win — or one
 * rejects it; now and then an owner revokes the grant. Prints throughput, latency
 * percentiles, and a consistency check: every approval won once, no pair has two live grants,
 * every granted request points at its pair's grant, no grant is lost or duplicated, and the
 * granter enforces exactly what the store says (the reconcile API reports no drift).
 *
 * The floor: right before and right after, the same clients (same tokens, same database) call
 * a plain authenticated GET of the plugin, `GET /data-hub/access-requests?view=mine&limit=1`
 * (token check, one read-permission decision, one indexed page), each for `FLOOR_SECONDS`
 * (default 10). The bench prints the write path's calls/s, the floor's, and the floor's
 * calls/s ÷ the write path's (goal: ≤ 2.5). Nothing is measured before the backend is idle
 * (the catalog's first processing of the demo lake would otherwise share the cores).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BASE,
  signIn,
  startBackend,
  cpuSeconds,
  waitForCatalog,
  waitForIdle,
} from './demoBackend';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const DURATION_MS = Number(process.env.DURATION_SECONDS ?? 30) * 1000;
const FLOOR_SECONDS = Number(process.env.FLOOR_SECONDS ?? 10);
const DATASETS = [
  'dataset:default/us-sales-orders-source',
  'dataset:default/us-sales-orders-prepared',
  'dataset:default/us-vehicle-order-configurations-prepared',
  'dataset:default/us-sales-performance-semantic',
];
const root = path.resolve(__dirname, '..');

const latencies: number[] = [];
const statusCounts = new Map<string, number>();

async function call(
  token: string,
  method: string,
  url: string,
  body?: unknown,
) {
  const started = performance.now();
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: any = await res.json().catch(() => undefined);
  latencies.push(performance.now() - started);
  const key = `${method} ${url
    .replace(/\/[0-9a-f-]{36}/, '/:id')
    .replace(/\?.*/, '')} ${res.status}`;
  statusCounts.set(key, (statusCounts.get(key) ?? 0) + 1);
  return { status: res.status, body: json };
}

/** The 50 use cases the clients ask for, one each, owned by alice-analyst's team (hub us). */
async function writeUseCases(dir: string) {
  const useCases = Array.from({ length: CLIENTS }, (_, i) =>
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: System',
      'metadata:',
      `  name: bench-use-case-${i}`,
      '  annotations:',
      '    clouddatahub.io/use-case-hub: us',
      'spec:',
      '  owner: group:default/us-marketing-analytics',
    ].join('\n'),
  ).join('\n---\n');
  const file = path.join(dir, 'use-cases.yaml');
  await fs.writeFile(file, `${useCases}\n`);
  return file;
}

interface Outcome {
  approvalsWon: number;
  raceViolations: number;
  unexpected: string[];
  grantedRequests: number;
}

async function client(
  i: number,
  tokens: Record<string, string>,
  end: number,
  outcome: Outcome,
) {
  const useCaseRef = `system:default/bench-use-case-${i}`;
  const live = new Map<string, string>();
  let n = 0;
  while (performance.now() < end) {
    const datasetRef = DATASETS[(i + n++) % DATASETS.length];
    const created = await call(
      tokens.alice,
      'POST',
      '/data-hub/access-requests',
      {
        datasetRef,
        useCaseRef,
        justification: 'Load test of the access workflow',
        durationDays: 30,
        tables: undefined,
        extendsGrantId: live.get(datasetRef),
      },
    );
    if (created.status !== 201) {
      outcome.unexpected.push(
        `create ${created.status}: ${created.body?.error?.message}`,
      );
      continue;
    }
    const id = created.body.id;
    const roll = (i * 7919 + n * 104729) % 100;
    if (roll < 10) {
      const rejected = await call(
        tokens.bob,
        'POST',
        `/data-hub/access-requests/${id}/reject`,
        { comment: 'not now' },
      );
      if (rejected.status !== 200)
        outcome.unexpected.push(`reject ${rejected.status}`);
      continue;
    }
    // Two owners approve at the same moment: exactly one must win.
    const [a, b] = await Promise.all([
      call(tokens.bob, 'POST', `/data-hub/access-requests/${id}/approve`, {}),
      call(tokens.sam, 'POST', `/data-hub/access-requests/${id}/approve`, {}),
    ]);
    const won = [a, b].filter(r => r.status === 200);
    if (
      won.length !== 1 ||
      [a, b].some(r => r.status !== 200 && r.status !== 409)
    ) {
      outcome.raceViolations += 1;
      continue;
    }
    outcome.approvalsWon += 1;
    if (won[0].body.state !== 'granted') {
      outcome.unexpected.push(
        `approved request ended ${won[0].body.state}: ${won[0].body.grantError}`,
      );
      continue;
    }
    outcome.grantedRequests += 1;
    live.set(datasetRef, won[0].body.grantId);
    if (roll > 85) {
      const revoked = await call(
        tokens.bob,
        'POST',
        `/data-hub/grants/${won[0].body.grantId}/revoke`,
        { comment: 'load test' },
      );
      if (revoked.status === 200) live.delete(datasetRef);
      else outcome.unexpected.push(`revoke ${revoked.status}`);
    }
  }
}

/**
 * The floor: every client lists alice-analyst's latest request (`view=mine&limit=1`) for
 * `seconds`, one call at a time each; returns calls/s and latency p99.
 */
async function floor(token: string, seconds: number, pid: number) {
  const cpuBefore = await cpuSeconds(pid);
  const times: number[] = [];
  const failures: string[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const at = performance.now();
        const res = await fetch(
          `${BASE}/data-hub/access-requests?view=mine&limit=1`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        await res.arrayBuffer();
        times.push(performance.now() - at);
        if (res.status !== 200) failures.push(String(res.status));
      }
    }),
  );
  if (failures.length)
    throw new Error(`The floor's GETs failed: ${failures.slice(0, 5)}`);
  times.sort((x, y) => x - y);
  const cpu = (await cpuSeconds(pid)) - cpuBefore;
  return {
    cpuMsPerCall: (cpu * 1000) / times.length,
    callsPerSecond: times.length / ((performance.now() - started) / 1000),
    p99: times[Math.min(times.length - 1, Math.floor(0.99 * times.length))],
  };
}

async function pages<T>(token: string, url: string): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const { body } = await call(
      token,
      'GET',
      `${url}${url.includes('?') ? '&' : '?'}limit=500&offset=${offset}`,
    );
    items.push(...body.items);
    if (items.length >= body.totalCount || body.items.length === 0)
      return items;
  }
}

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-access-load-'));
  const useCases = await writeUseCases(dir);
  // The catalog's locations list replaces the demo's: the organisation plus the bench's use cases.
  const backend = await startBackend({
    database: 'postgres',
    config: [
      'catalog:',
      '  locations:',
      `    - { type: file, target: ${JSON.stringify(
        path.join(root, 'packages/backend/demo/org.yaml'),
      )} }`,
      `    - { type: file, target: ${JSON.stringify(
        path.join(
          root,
          'packages/backend/demo/business-objects-and-use-cases.yaml',
        ),
      )} }`,
      `    - { type: file, target: ${JSON.stringify(useCases)} }`,
    ],
  });
  console.log(
    `Starting the demo backend on PostgreSQL (database prefix ${backend.prefix}) on port 7017…`,
  );
  try {
    const tokens = {
      alice: await signIn('alice-analyst'),
      bob: await signIn('bob-owner'),
      sam: await signIn('sam-provider'),
      dana: await signIn('dana-platform'),
    };
    await waitForCatalog(
      tokens.bob,
      DATASETS[3].split('/')[1],
      `bench-use-case-${CLIENTS - 1}`,
    );
    await waitForIdle(backend.pid);
    const backendPid = await backend.pid();
    await floor(tokens.alice, 2, backendPid); // warms the HTTP, token and permission path up
    const floorBefore = await floor(tokens.alice, FLOOR_SECONDS, backendPid);
    console.log(
      `Backend ready; floor ${floorBefore.callsPerSecond.toFixed(
        0,
      )} calls/s; ${CLIENTS} clients for ${DURATION_MS / 1000} s…`,
    );

    const outcome: Outcome = {
      approvalsWon: 0,
      raceViolations: 0,
      unexpected: [],
      grantedRequests: 0,
    };
    latencies.length = 0;
    const cpuBefore = await cpuSeconds(backendPid);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        client(i, tokens, started + DURATION_MS, outcome),
      ),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpuShare = ((await cpuSeconds(backendPid)) - cpuBefore) / elapsed;
    const calls = latencies.length;
    const floorAfter = await floor(tokens.alice, FLOOR_SECONDS, backendPid);
    const floorCalls =
      (floorBefore.callsPerSecond + floorAfter.callsPerSecond) / 2;
    const sorted = [...latencies].sort((x, y) => x - y);
    const pct = (p: number) =>
      sorted[
        Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
      ];

    // Consistency, read back through the API.
    const requests = (
      await pages<any>(tokens.alice, '/data-hub/access-requests?view=mine')
    ).filter(r => r.useCaseRef.includes('bench-use-case'));
    const grants = (await pages<any>(tokens.alice, '/data-hub/grants')).filter(
      g => g.useCaseRef.includes('bench-use-case'),
    );
    const grantById = new Map(grants.map(g => [g.id, g]));
    const livePerPair = new Map<string, number>();
    for (const g of grants)
      if (g.state === 'live')
        livePerPair.set(
          `${g.datasetRef}|${g.useCaseRef}`,
          (livePerPair.get(`${g.datasetRef}|${g.useCaseRef}`) ?? 0) + 1,
        );
    const doubleLive = [...livePerPair.values()].filter(c => c > 1).length;
    const everGranted = requests.filter(r =>
      ['granted', 'revoked', 'expired'].includes(r.state),
    );
    const orphans = everGranted.filter(r => {
      const g = grantById.get(r.grantId);
      return (
        !g || g.datasetRef !== r.datasetRef || g.useCaseRef !== r.useCaseRef
      );
    }).length;
    const stuck = requests.filter(
      r => r.state === 'approved' || r.state === 'pending',
    ).length;
    const newGrants = everGranted.filter(r => !r.extendsGrantId).length;
    const reconcile = await call(
      tokens.dana,
      'POST',
      '/data-hub/grants/reconcile',
      {},
    );

    console.log('');
    console.log(
      `  clients:                 ${CLIENTS}, ${elapsed.toFixed(1)} s`,
    );
    console.log(
      `  requests created:        ${requests.length} (${
        everGranted.length
      } granted, ${
        requests.filter(r => r.state === 'rejected').length
      } rejected)`,
    );
    console.log(`  HTTP calls:              ${calls}`);
    console.log(
      `  throughput:              ${(calls / elapsed).toFixed(0)} calls/s, ${(
        requests.length / elapsed
      ).toFixed(1)} requests created+decided/s`,
    );
    console.log(
      `  floor:                   ${floorCalls.toFixed(
        0,
      )} calls/s (${floorBefore.callsPerSecond.toFixed(
        0,
      )} before, ${floorAfter.callsPerSecond.toFixed(
        0,
      )} after; GET /data-hub/access-requests?view=mine&limit=1, p99 ${Math.max(
        floorBefore.p99,
        floorAfter.p99,
      ).toFixed(1)} ms)`,
    );
    console.log(
      `  ratio:                   ${(floorCalls / (calls / elapsed)).toFixed(
        2,
      )} (floor calls/s ÷ write path calls/s; goal ≤ 2.5)`,
    );
    console.log(
      `  backend CPU:             ${(cpuShare * 100).toFixed(
        0,
      )}% of one core (${os.cpus().length} cores), ${(
        (cpuShare * 1000 * elapsed) /
        calls
      ).toFixed(1)} ms CPU per call (floor: ${(
        (floorBefore.cpuMsPerCall + floorAfter.cpuMsPerCall) /
        2
      ).toFixed(1)} ms)`,
    );
    console.log(
      `  latency per call:        p50 ${pct(50).toFixed(1)} ms, p95 ${pct(
        95,
      ).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms`,
    );
    console.log(
      `  status counts:           ${[...statusCounts.entries()]
        .filter(([k]) => !k.startsWith('GET'))
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}`,
    );
    const checks: Array<[string, boolean]> = [
      [
        'every race of two approvers had exactly one winner',
        outcome.raceViolations === 0,
      ],
      [
        'granted requests seen by clients = granted requests stored',
        outcome.grantedRequests === everGranted.length,
      ],
      [
        'grants stored = requests that created one (none lost or duplicated)',
        grants.length === newGrants,
      ],
      ['no dataset/use case pair with two live grants', doubleLive === 0],
      ['every granted request points at its pair’s grant', orphans === 0],
      ['no request left pending or approved', stuck === 0],
      [
        'granter enforces exactly the live grants (reconcile: no drift)',
        reconcile.status === 200 && reconcile.body.drift.length === 0,
      ],
      ['no unexpected answers', outcome.unexpected.length === 0],
    ];
    for (const [name, ok] of checks)
      console.log(`  ${ok ? 'OK  ' : 'FAIL'} ${name}`);
    if (outcome.unexpected.length)
      console.log(
        `  unexpected: ${outcome.unexpected.slice(0, 5).join(' | ')}`,
      );
    console.log(
      `  consistency:             ${
        checks.every(([, ok]) => ok) ? 'OK' : 'FAILED'
      } (${grants.length} grants, ${
        grants.filter(g => g.state === 'live').length
      } live, reconcile checked ${reconcile.body?.checked})`,
    );
    process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } catch (error) {
    console.error(String(error));
    console.error(backend.log().slice(-5000));
    process.exitCode = 1;
  } finally {
    await backend.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main();
