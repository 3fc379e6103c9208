import { TestDatabases } from '@backstage/backend-test-utils';
import type { MigrationReportInput } from '@backstage-devops/plugin-devops-common';
import { DatabaseMigrationStore } from './DatabaseMigrationStore';
import { migrateDatabase } from '../database/migrateDatabase';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ref = 'component:default/payments-api';

function report(
  migrations: MigrationReportInput['migrations'],
  environment = 'staging',
): MigrationReportInput {
  return { entityRef: ref, environment, tool: 'flyway', migrations };
}

describe.each(databases.eachSupportedId())(
  'DatabaseMigrationStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      return { knex, store: new DatabaseMigrationStore(knex) };
    }

    const count = async (knex: any, table: string) =>
      Number((await knex(table).count({ n: '*' }))[0].n);

    it('derives the current state and keeps every change in the history', async () => {
      const { store, knex } = await createStore();

      await store.recordReport(
        report([
          {
            id: 'V1',
            status: 'applied',
            checksum: 'a',
            appliedAt: '2026-11-01T00:00:00Z',
          },
          { id: 'V2', status: 'pending' },
        ]),
      );
      const second = await store.recordReport(
        report([
          {
            id: 'V1',
            status: 'applied',
            checksum: 'a',
            appliedAt: '2026-11-01T00:00:00Z',
          },
          { id: 'V2', status: 'failed' },
        ]),
      );
      // A later report that leaves V1 out does not erase it.
      await store.recordReport(
        report([
          { id: 'V2', status: 'applied', appliedAt: '2026-11-03T00:00:00Z' },
        ]),
      );

      expect(second).toEqual({ changed: 1, unchanged: 1 });
      const states = (await store.getStates(ref)).get('staging')!;
      expect(states.map(s => [s.id, s.status])).toEqual([
        ['V1', 'applied'],
        ['V2', 'applied'],
      ]);
      expect(states[1].appliedAt).toBe('2026-11-03T00:00:00.000Z');
      const history = await knex('migration_history')
        .where({ migration_id: 'V2' })
        .orderBy('revision');
      expect(history.map((h: any) => h.status)).toEqual([
        'pending',
        'failed',
        'applied',
      ]);
    });

    it('adds nothing when the same report is replayed', async () => {
      const { store, knex } = await createStore();
      const body = report([
        { id: 'V1', status: 'applied', checksum: '123' },
        { id: 'V2', status: 'pending' },
      ]);

      await store.recordReport(body);
      const replay = await store.recordReport(body);

      expect(replay).toEqual({ changed: 0, unchanged: 2 });
      expect(await count(knex, 'migration_history')).toBe(2);
      expect(await count(knex, 'migration_states')).toBe(2);
    });

    it('stores concurrent reports without duplicate revisions', async () => {
      const { store, knex } = await createStore();

      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.recordReport(
            report([
              { id: 'V1', status: i % 2 ? 'applied' : 'pending' },
              { id: 'V2', status: 'pending' },
            ]),
          ),
        ),
      );

      expect(await count(knex, 'migration_states')).toBe(2);
      const revisions = await knex('migration_history')
        .where({ migration_id: 'V1' })
        .orderBy('revision');
      expect(revisions.map((r: any) => r.revision)).toEqual(
        revisions.map((_: unknown, i: number) => i + 1),
      );
      expect(
        await knex('migration_history').where({ migration_id: 'V2' }),
      ).toHaveLength(1);
    });

    it('counts pending and failed migrations per environment', async () => {
      const { store } = await createStore();
      await store.recordReport(
        report(
          [
            { id: 'V1', status: 'applied' },
            { id: 'V2', status: 'pending' },
            { id: 'V3', status: 'pending' },
          ],
          'production',
        ),
      );
      await store.recordReport(report([{ id: 'V3', status: 'failed' }]));

      const open = await store.countOpen(ref);

      expect(open.get('production')).toEqual({ pending: 2, failed: 0 });
      expect(open.get('staging')).toEqual({ pending: 0, failed: 1 });
    });

    it('records a large report in one go', async () => {
      const { store } = await createStore();
      const many = Array.from({ length: 2500 }, (_, i) => ({
        id: `V${i}`,
        status: 'applied' as const,
      }));

      const result = await store.recordReport(report(many));

      expect(result).toEqual({ changed: 2500, unchanged: 0 });
      expect((await store.getStates(ref)).get('staging')).toHaveLength(2500);
    });
  },
);
