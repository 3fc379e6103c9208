import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { migrateDatabase } from '../database/migrateDatabase';
import { DatabaseHealthStore } from './DatabaseHealthStore';
import { HealthHistoryPruner } from './HealthHistoryPruner';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'HealthHistoryPruner on %p',
  databaseId => {
    it('deletes history older than the retention and keeps the current state', async () => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const store = new DatabaseHealthStore(knex);
      const now = Date.parse('2026-11-23T12:00:00Z');
      const check = (daysAgo: number) => ({
        entityRef: 'component:default/payments-api',
        environment: 'production',
        url: 'https://payments.example.com/healthz',
        status: 'up' as const,
        checkedAt: new Date(now - daysAgo * 86_400_000).toISOString(),
      });
      await store.recordChecks([check(20), check(15), check(13), check(1)]);

      const deleted = await new HealthHistoryPruner({
        store,
        logger: mockServices.logger.mock(),
        retentionDays: 14,
      }).prune(now);

      expect(deleted).toBe(2);
      const left = await store.history(
        'component:default/payments-api',
        new Date(0),
      );
      expect(left.map(c => c.checkedAt)).toEqual([
        check(13).checkedAt,
        check(1).checkedAt,
      ]);
      expect(
        await store.current('component:default/payments-api'),
      ).toHaveLength(1);
    });
  },
);
