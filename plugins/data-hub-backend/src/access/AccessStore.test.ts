import { randomUUID } from 'node:crypto';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { AccessRequest } from '@cloud-data-hub/data-hub-common';
import type { Knex } from 'knex';
import { applyMigrations } from '../database/migrateDatabase';
import { AccessStore } from './AccessStore';

jest.setTimeout(60_000);

const DATASET = 'dataset:default/us-sales-orders-source';
const USE_CASE = 'system:default/us-marketing-360';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function pendingRequest(createdAt = new Date().toISOString()): AccessRequest {
  return {
    id: randomUUID(),
    datasetRef: DATASET,
    datasetHub: 'us',
    datasetOwner: 'group:default/sales-data-us',
    classification: 'internal',
    useCaseRef: USE_CASE,
    useCaseHub: 'us',
    useCaseOwner: 'group:default/us-marketing-analytics',
    requester: 'user:default/alice',
    tables: [{ name: 'orders', columns: ['order_id'] }],
    justification: 'Campaign attribution',
    durationDays: 30,
    state: 'pending',
    createdAt,
    updatedAt: createdAt,
  };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

it('runs the store tests against PostgreSQL in CI', () => {
  expect(databases.supports('POSTGRES_15') || !process.env.CI).toBe(true);
});

describe.each(databases.eachSupportedId())('AccessStore on %s', databaseId => {
  let db: Knex;
  let store: AccessStore;

  beforeEach(async () => {
    db = await databases.init(databaseId);
    await applyMigrations(db);
    store = new AccessStore(db);
  });

  it('keeps one open request per dataset and use case, also between overlapping transactions', async () => {
    // The first transaction holds its insert uncommitted while the second one inserts.
    const first = store.transaction(async tx => {
      const inserted = await store.insertRequest(tx, pendingRequest());
      await sleep(300);
      return inserted;
    });
    await sleep(50);
    const second = store.transaction(tx =>
      store.insertRequest(tx, pendingRequest()),
    );
    expect(await Promise.all([first, second])).toEqual([true, false]);
    const [{ n }] = await db('access_requests').count({ n: '*' });
    expect(Number(n)).toBe(1);
  });

  it('lets the pair ask again once its open request is decided', async () => {
    const request = pendingRequest();
    expect(await store.insertRequest(db, request)).toBe(true);
    await store.transaction(tx =>
      store.transitionRequest(
        tx,
        request.id,
        ['pending'],
        { state: 'rejected', decidedBy: 'user:default/bob' },
        new Date().toISOString(),
      ),
    );
    expect(await store.insertRequest(db, pendingRequest())).toBe(true);
  });

  it('withdraws open duplicates from before the unique index, all but the oldest, with an audit event', async () => {
    // Back to the schema before the index, with two open requests of one pair.
    await db.migrate.down({
      directory: resolvePackagePath(
        '@cloud-data-hub/data-hub-backend',
        'migrations',
      ),
      tableName: 'data_hub_knex_migrations',
    });
    const older = pendingRequest('2026-12-01T10:00:00.000Z');
    const newer = pendingRequest('2026-12-01T10:00:01.000Z');
    await store.insertRequest(db, newer);
    await store.insertRequest(db, older);
    await applyMigrations(db);

    expect((await store.getRequest(older.id))?.state).toBe('pending');
    expect((await store.getRequest(newer.id))?.state).toBe('withdrawn');
    const audit = await store.listAudit({
      requestId: newer.id,
      limit: 10,
      offset: 0,
    });
    expect(audit.items).toEqual([
      expect.objectContaining({
        actor: 'system:data-hub/migration',
        action: 'request.withdrawn',
        before: { state: 'pending' },
        after: { state: 'withdrawn' },
      }),
    ]);
    expect(await store.insertRequest(db, pendingRequest())).toBe(false);
  });
});
