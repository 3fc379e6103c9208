import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDatabase } from '../database/migrateDatabase';
import { DatabaseHealthStore } from './DatabaseHealthStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ref = 'component:default/payments-api';

const check = (checkedAt: string, status: 'up' | 'down') => ({
  entityRef: ref,
  environment: 'production',
  url: 'https://payments.example.com/healthz',
  status,
  checkedAt,
});

describe.each(databases.eachSupportedId())(
  'DatabaseHealthStore on %p',
  databaseId => {
    it('keeps the newest check current, whatever order checks arrive in', async () => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const store = new DatabaseHealthStore(knex);

      // Several checks of one environment in one batch, as a backfill sends.
      await store.recordChecks([
        check('2026-11-23T10:00:00.000Z', 'up'),
        check('2026-11-23T10:10:00.000Z', 'down'),
        check('2026-11-23T10:05:00.000Z', 'up'),
      ]);
      // A late result older than the current one.
      await store.recordChecks([check('2026-11-23T09:00:00.000Z', 'up')]);

      expect(await store.current(ref)).toEqual([
        expect.objectContaining({
          status: 'down',
          checkedAt: '2026-11-23T10:10:00.000Z',
        }),
      ]);
      expect(await store.history(ref, new Date(0))).toHaveLength(4);
      expect((await store.lastCheckTimes()).get(`${ref}|production`)).toBe(
        Date.parse('2026-11-23T10:10:00.000Z'),
      );
    });
  },
);
