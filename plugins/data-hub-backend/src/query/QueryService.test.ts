import { Readable } from 'node:stream';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import type { QueryEngine, QueryReadContext } from '@cloud-data-hub/data-hub-node';
import { AccessStore, type StoredGrant } from '../access/AccessStore';
import type { AccessSubjects } from '../access/AccessSubjects';
import { QueryService } from './QueryService';
import { QueryStore } from './QueryStore';

const USE_CASE = 'system:default/us-marketing-360';
const DATASET = 'dataset:default/us-sales-orders-source';
const HOUR = 3_600_000;
const T0 = new Date('2026-12-01T12:00:00Z');

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** An engine that says what each statement read and remembers the grants a download ran under. */
function fakeEngine() {
  const downloads: QueryReadContext[] = [];
  const engine: QueryEngine = {
    id: 'fake',
    async start() {
      return { queryId: 'q1', reads: [{ glueDatabase: 'us_sales_orders_source', table: 'orders', columns: ['amount', 'order_id'] }] };
    },
    async status() {
      return { state: 'succeeded', statistics: { rows: 1 } };
    },
    async page() {
      return { columns: [{ name: 'order_id', type: 'VARCHAR' }], rows: [['O1']], hasMore: false };
    },
    async *stream() {
      yield { columns: [], rows: [] };
    },
    async streamCsv(_id, read) {
      downloads.push(read);
      return Readable.from(['order_id\nO1\n']);
    },
    async cancel() {},
  };
  return { engine, downloads };
}

// Every read of a run's output is authorized when it happens: member of the use case, and the
// grants the run used still live and still covering what it read (expiry, narrowing, leaving).
describe('QueryService reads', () => {
  let now: Date;
  let store: AccessStore;
  let service: QueryService;
  let downloads: QueryReadContext[];
  let knex: Awaited<ReturnType<typeof databases.init>>;
  const alice = (teams = ['group:default/us-marketing-analytics']) => ({
    userRef: 'user:default/alice',
    ownershipRefs: ['user:default/alice', ...teams],
    credentials: mockCredentials.user('user:default/alice'),
  });

  beforeEach(async () => {
    now = T0;
    knex = await databases.init('SQLITE_3');
    store = await AccessStore.create(knex, resolvePackagePath('@cloud-data-hub/data-hub-backend', 'migrations'));
    const grant: StoredGrant = {
      id: 'g1',
      datasetRef: DATASET,
      datasetHub: 'us',
      datasetOwner: 'group:default/sales-data-us',
      classification: 'confidential',
      useCaseRef: USE_CASE,
      useCaseHub: 'us',
      tables: [{ name: 'orders', columns: ['order_id', 'amount'] }],
      requestId: 'r1',
      granter: 'fake',
      state: 'live',
      grantedAt: T0.toISOString(),
      expiresAt: new Date(T0.getTime() + HOUR).toISOString(),
    };
    await knex.transaction(tx => store.insertGrant(tx, grant));
    const subjects = {
      async useCase(ref: string) {
        return ref === USE_CASE ? { ref, title: 'US marketing 360', hub: 'us', owner: 'group:default/us-marketing-analytics' } : undefined;
      },
      async dataset(ref: string) {
        return ref === DATASET
          ? {
              ref,
              title: 'US sales orders',
              hub: 'us',
              owner: 'group:default/sales-data-us',
              classification: 'confidential',
              storage: { location: 's3://x/', glueDatabase: 'us_sales_orders_source' },
              tables: [{ name: 'orders', columns: ['order_id', 'amount', 'vin'].map(name => ({ name, type: 'string' })) }],
            }
          : undefined;
      },
    } as unknown as AccessSubjects;
    const fake = fakeEngine();
    downloads = fake.downloads;
    service = new QueryService({ engine: fake.engine, access: store, subjects, store: new QueryStore(knex), now: () => now });
  });

  it('serves state, pages and the CSV while the grant lives, under the grants live then', async () => {
    const run = await service.submit('SELECT order_id, amount FROM orders', USE_CASE, alice());
    expect(run).toMatchObject({ state: 'succeeded', datasets: [DATASET] });
    await expect(service.results(run.id, 0, 10, alice())).resolves.toMatchObject({ rows: [['O1']] });
    await service.download(run.id, alice(), new AbortController().signal);
    expect(downloads[0].grants).toEqual([
      { datasetRef: DATASET, glueDatabase: 'us_sales_orders_source', tables: [{ name: 'orders', columns: ['order_id', 'amount'] }] },
    ]);
  });

  it('answers 403 once the grant expired, though no job has ended it yet', async () => {
    const run = await service.submit('SELECT order_id, amount FROM orders', USE_CASE, alice());
    now = new Date(T0.getTime() + 2 * HOUR);
    const ended = { name: 'NotAllowedError', message: expect.stringMatching(/the grant on dataset:default\/us-sales-orders-source has ended/) };
    await expect(service.results(run.id, 0, 10, alice())).rejects.toMatchObject(ended);
    await expect(service.download(run.id, alice(), new AbortController().signal)).rejects.toMatchObject(ended);
    await expect(service.status(run.id, alice())).rejects.toMatchObject(ended);
    expect(downloads).toEqual([]);
  });

  it('answers 403 naming the column once an extension narrowed the grant', async () => {
    const run = await service.submit('SELECT order_id, amount FROM orders', USE_CASE, alice());
    await knex('access_grants').where({ id: 'g1' }).update({ tables: JSON.stringify([{ name: 'orders', columns: ['order_id'] }]) });
    await expect(service.results(run.id, 0, 10, alice())).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(/table orders no longer grants amount/),
    });
  });

  it('answers 403 to a reader who left the use case, and 404 to anyone else', async () => {
    const run = await service.submit('SELECT order_id, amount FROM orders', USE_CASE, alice());
    await expect(service.results(run.id, 0, 10, alice([]))).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(service.cancel(run.id, alice([]))).rejects.toMatchObject({ name: 'NotAllowedError' });
    const bob = { ...alice(), userRef: 'user:default/bob' };
    await expect(service.results(run.id, 0, 10, bob)).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
