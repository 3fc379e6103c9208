import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseDeploymentStore } from '../deployments/DatabaseDeploymentStore';
import { DatabaseMigrationStore } from '../migrations/DatabaseMigrationStore';
import { DatabaseSummaryStore } from './DatabaseSummaryStore';
import { DatabaseHealthStore } from '../health/DatabaseHealthStore';
import { migrateDatabase } from '../database/migrateDatabase';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ref = 'component:default/payments-api';

describe.each(databases.eachSupportedId())(
  'DatabaseSummaryStore on %p',
  databaseId => {
    async function seeded() {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const deployments = new DatabaseDeploymentStore(knex);
      const migrations = new DatabaseMigrationStore(knex);
      const deploy = (
        externalId: string,
        environment: string,
        version: string,
        status: 'succeeded' | 'failed',
        startedAt: string,
        extra: object = {},
      ) =>
        deployments.recordDeployment({
          entityRef: ref,
          externalId,
          environment,
          version,
          status,
          startedAt,
          ...extra,
        });
      await deploy(
        '1',
        'production',
        '1.0.0',
        'succeeded',
        '2026-11-01T10:00:00Z',
        {
          finishedAt: '2026-11-01T10:05:00Z',
          actor: 'ada',
        },
      );
      await deploy(
        '2',
        'production',
        '1.1.0',
        'failed',
        '2026-11-02T10:00:00Z',
      );
      await deploy(
        '3',
        'staging',
        '1.1.0',
        'succeeded',
        '2026-11-01T12:00:00Z',
      );
      await deploy(
        '4',
        'canary-eu',
        '1.1.0',
        'succeeded',
        '2026-11-01T12:00:00Z',
      );
      await migrations.recordReport({
        entityRef: ref,
        environment: 'production',
        tool: 'knex',
        migrations: [
          { id: '1', status: 'applied' },
          { id: '2', status: 'pending' },
          { id: '3', status: 'failed' },
          { id: '4', status: 'pending' },
        ],
      });
      const health = new DatabaseHealthStore(knex);
      await health.recordChecks([
        {
          entityRef: ref,
          environment: 'production',
          url: 'https://payments.example.com/healthz',
          status: 'down',
          errorClass: 'timeout',
          checkedAt: '2026-11-02T11:00:00.000Z',
        },
      ]);
      return {
        store: new DatabaseSummaryStore(knex, deployments, migrations, health),
        deployments,
      };
    }

    it('reads the newest and running version per environment with open migrations', async () => {
      const { store } = await seeded();

      const summary = await store.read(ref, [
        'development',
        'staging',
        'production',
      ]);

      expect(summary.deployments.get('production')).toEqual({
        latest: {
          id: expect.any(String),
          version: '1.1.0',
          status: 'failed',
          at: '2026-11-02T10:00:00.000Z',
        },
        runningVersion: '1.0.0',
      });
      expect(summary.deployments.get('staging')?.runningVersion).toBe('1.1.0');
      expect(summary.deployments.has('development')).toBe(false);
      // Only the environments asked for.
      expect(summary.deployments.has('canary-eu')).toBe(false);
      expect(summary.openMigrations.get('production')).toEqual({
        pending: 2,
        failed: 1,
      });
      expect(summary.health.get('production')).toEqual({
        status: 'down',
        checkedAt: '2026-11-02T11:00:00.000Z',
      });
      expect(summary.health.has('staging')).toBe(false);
    });

    it('reads every environment with data when none are named', async () => {
      const { store } = await seeded();

      const summary = await store.read(ref);

      expect([...summary.deployments.keys()].sort()).toEqual([
        'canary-eu',
        'production',
        'staging',
      ]);
    });

    // On PostgreSQL the statement is prepared once per connection and after
    // a few executions runs on a reused plan: what it returns must still
    // follow the data, entity by entity.
    it('follows new deployments on every read, also after many reads', async () => {
      const { store, deployments } = await seeded();
      const other = 'component:default/ledger';

      for (let i = 1; i <= 12; i++) {
        const target = i % 2 ? ref : other;
        await deployments.recordDeployment({
          entityRef: target,
          externalId: `run-${i}`,
          environment: 'staging',
          version: `2.0.${i}`,
          status: 'succeeded',
          startedAt: `2026-11-10T10:${String(i).padStart(2, '0')}:00Z`,
        });
        const summary = await store.read(target, ['staging', 'production']);
        expect(summary.deployments.get('staging')?.runningVersion).toBe(
          `2.0.${i}`,
        );
        expect(summary.deployments.has('production')).toBe(target === ref);
      }
    });

    it('reads entities with few and with many environments alike', async () => {
      const { store, deployments } = await seeded();
      const many = Array.from({ length: 15 }, (_, i) => `region-${i}`);
      await deployments.recordDeployment({
        entityRef: ref,
        externalId: 'region-14-run',
        environment: 'region-14',
        version: '3.0.0',
        status: 'succeeded',
      });

      for (let round = 0; round < 3; round++) {
        const wide = await store.read(ref, [...many, 'production']);
        expect(wide.deployments.get('region-14')?.runningVersion).toBe('3.0.0');
        expect(wide.deployments.get('production')?.runningVersion).toBe(
          '1.0.0',
        );
        expect(wide.deployments.has('staging')).toBe(false);
        const narrow = await store.read(ref, ['staging']);
        expect([...narrow.deployments.keys()]).toEqual(['staging']);
      }
      const none = await store.read(ref, []);
      expect(none.deployments.size).toBe(0);
      expect(none.openMigrations.get('production')).toEqual({
        pending: 2,
        failed: 1,
      });
    });
  },
);
