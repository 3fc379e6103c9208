import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import type { DeploymentRecord } from './DeploymentStore';
import { migrateDatabase, migrationsDir } from '../database/migrateDatabase';
import { timestampToIso } from '../database/timestamps';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ref = 'component:default/payments-api';

function record(overrides: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return {
    entityRef: ref,
    environment: 'production',
    version: '1.2.0',
    status: 'in_progress',
    externalId: 'run-1',
    startedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseDeploymentStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      return { knex, store: new DatabaseDeploymentStore(knex) };
    }

    it('creates a deployment once and updates it on the same external id', async () => {
      const { store, knex } = await createStore();

      const first = await store.recordDeployment(record());
      const second = await store.recordDeployment(
        record({
          status: 'succeeded',
          finishedAt: '2026-11-20T10:07:00.000Z',
          strategy: 'blue-green',
        }),
      );

      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.deployment).toMatchObject({
        id: first.deployment.id,
        status: 'succeeded',
        strategy: 'blue-green',
        startedAt: '2026-11-20T10:00:00.000Z',
        finishedAt: '2026-11-20T10:07:00.000Z',
      });
      const [{ n }] = await knex('deployments').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('never moves a finished deployment back to running', async () => {
      const { store } = await createStore();
      await store.recordDeployment(
        record({ status: 'succeeded', finishedAt: '2026-11-20T10:07:00Z' }),
      );

      const late = await store.recordDeployment(
        record({ status: 'in_progress', actor: 'late-runner' }),
      );

      expect(late.created).toBe(false);
      expect(late.deployment.status).toBe('succeeded');
      // A stale report may still fill a gap.
      expect(late.deployment.actor).toBe('late-runner');
    });

    it('lets a success move on to failed or rolled back, but not back', async () => {
      const { store } = await createStore();
      await store.recordDeployment(record({ status: 'succeeded' }));
      await store.recordDeployment(record({ status: 'rolled_back' }));
      const replayed = await store.recordDeployment(
        record({ status: 'succeeded' }),
      );

      expect(replayed.deployment.status).toBe('rolled_back');
    });

    it('refuses an external id that names another environment', async () => {
      const { store } = await createStore();
      await store.recordDeployment(record());

      await expect(
        store.recordDeployment(record({ environment: 'staging' })),
      ).rejects.toMatchObject({ name: 'ConflictError' });
    });

    it('stores concurrent replays of one event as a single deployment', async () => {
      const { store, knex } = await createStore();

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.recordDeployment(
            record({ status: i % 2 ? 'succeeded' : 'in_progress' }),
          ),
        ),
      );

      const [{ n }] = await knex('deployments').count({ n: '*' });
      expect(Number(n)).toBe(1);
      expect(results.filter(r => r.created)).toHaveLength(1);
      const { items } = await store.listDeployments({
        entityRef: ref,
        limit: 10,
      });
      expect(items[0].status).toBe('succeeded');
    });

    it('marks the deployment a successful rollback undid', async () => {
      const { store } = await createStore();
      const bad = await store.recordDeployment(
        record({ version: '1.3.0', externalId: 'run-2', status: 'succeeded' }),
      );
      await store.recordDeployment(
        record({
          version: '1.2.0',
          externalId: 'run-3',
          status: 'succeeded',
          startedAt: '2026-11-20T11:00:00Z',
          rollbackOf: 'run-2',
        }),
      );

      const { items } = await store.listDeployments({
        entityRef: ref,
        limit: 10,
      });
      expect(items.find(d => d.id === bad.deployment.id)?.status).toBe(
        'rolled_back',
      );
    });

    it('pages newest first with a cursor, filtered by environment', async () => {
      const { store } = await createStore();
      for (let i = 0; i < 7; i++) {
        await store.recordDeployment(
          record({
            externalId: `run-${i}`,
            version: `1.0.${i}`,
            environment: i % 2 ? 'staging' : 'production',
            // Two share a start time, so the id breaks the tie.
            startedAt: `2026-11-2${Math.min(i, 5)}T10:00:00.000Z`,
          }),
        );
      }

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listDeployments({
          entityRef: ref,
          limit: 2,
          cursor,
        });
        seen.push(...page.items.map(d => d.version));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([
        '1.0.6',
        '1.0.5',
        '1.0.4',
        '1.0.3',
        '1.0.2',
        '1.0.1',
        '1.0.0',
      ]);

      const staging = await store.listDeployments({
        entityRef: ref,
        environment: 'staging',
        limit: 10,
      });
      expect(staging.items.map(d => d.version)).toEqual([
        '1.0.5',
        '1.0.3',
        '1.0.1',
      ]);
    });

    it('rejects a cursor it did not issue', async () => {
      const { store } = await createStore();
      await expect(
        store.listDeployments({ entityRef: ref, limit: 5, cursor: 'nope' }),
      ).rejects.toMatchObject({ name: 'InputError' });
    });

    it('finds the newest and newest successful deployment per environment', async () => {
      const { store } = await createStore();
      await store.recordDeployment(
        record({
          externalId: 'a',
          version: '1.0.0',
          status: 'succeeded',
          startedAt: '2026-11-01T00:00:00Z',
        }),
      );
      await store.recordDeployment(
        record({
          externalId: 'b',
          version: '1.1.0',
          status: 'failed',
          startedAt: '2026-11-02T00:00:00Z',
        }),
      );
      await store.recordDeployment(
        record({
          externalId: 'c',
          environment: 'staging',
          version: '1.1.0',
          status: 'succeeded',
          startedAt: '2026-11-01T12:00:00Z',
        }),
      );

      const latest = await store.getLatestPerEnvironment(ref);

      expect(latest.get('production')?.latest.version).toBe('1.1.0');
      expect(latest.get('production')?.latestSucceeded?.version).toBe('1.0.0');
      expect(latest.get('staging')?.latestSucceeded?.version).toBe('1.1.0');
      expect(latest.has('development')).toBe(false);
    });

    it('orders a report without a start by its finish, and moves it when the finish arrives', async () => {
      const { store } = await createStore();
      await store.recordDeployment(
        record({ externalId: 'new', version: '2.0.0', status: 'succeeded' }),
      );
      await store.recordDeployment(
        record({
          externalId: 'old',
          version: '1.0.0',
          status: 'succeeded',
          startedAt: undefined,
          finishedAt: '2026-11-10T10:00:00.000Z',
        }),
      );
      await store.recordDeployment(
        record({
          externalId: 'unknown',
          version: '0.9.0',
          status: 'in_progress',
          startedAt: undefined,
        }),
      );
      await store.recordDeployment(
        record({
          externalId: 'unknown',
          version: '0.9.0',
          status: 'succeeded',
          startedAt: undefined,
          finishedAt: '2026-11-01T00:00:00.000Z',
        }),
      );

      const { items } = await store.listDeployments({
        entityRef: ref,
        limit: 10,
      });
      expect(items.map(d => d.version)).toEqual(['2.0.0', '1.0.0', '0.9.0']);
      const latest = await store.getLatestPerEnvironment(ref);
      expect(latest.get('production')?.latestSucceeded?.version).toBe('2.0.0');
    });

    it('recomputes the order of rows stored before deployments were ordered by occurrence', async () => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      // Back to the schema and order of before, then rows as it wrote them.
      await knex.migrate.down({ directory: migrationsDir });
      const received = new Date('2026-11-25T12:00:00.000Z');
      const row = (externalId: string, extra: object) => ({
        entity_ref: ref,
        environment: 'production',
        status: 'succeeded',
        external_id: externalId,
        revision: 1,
        created_at: received,
        updated_at: received,
        sort_at: received,
        ...extra,
      });
      await knex('deployments').insert([
        row('current', {
          version: '2.0.0',
          started_at: new Date('2026-11-24T10:00:00.000Z'),
          sort_at: new Date('2026-11-24T10:00:00.000Z'),
        }),
        // Backfilled late with only a finish: sorted at receipt before.
        row('late', {
          version: '1.0.0',
          finished_at: new Date('2026-11-20T10:00:00.000Z'),
        }),
        // Claimed to start in 2099: newest for good before.
        row('future', {
          version: '9.9.9',
          started_at: new Date('2099-01-01T00:00:00.000Z'),
          sort_at: new Date('2099-01-01T00:00:00.000Z'),
        }),
        row('no-times', { version: '0.1.0' }),
      ]);

      await migrateDatabase(knex);

      const sortAt = Object.fromEntries(
        (await knex('deployments').select('external_id', 'sort_at')).map(
          (r: any) => [r.external_id, timestampToIso(r.sort_at)],
        ),
      );
      expect(sortAt).toEqual({
        current: '2026-11-24T10:00:00.000Z',
        late: '2026-11-20T10:00:00.000Z',
        future: received.toISOString(),
        'no-times': received.toISOString(),
      });
    });
  },
);
