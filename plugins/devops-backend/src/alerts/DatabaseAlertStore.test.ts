import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDatabase } from '../database/migrateDatabase';
import type { StoredAlert } from './AlertStore';
import { DatabaseAlertStore } from './DatabaseAlertStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const alert = (overrides: Partial<StoredAlert> = {}): StoredAlert => ({
  fingerprint: 'f1',
  status: 'firing',
  alertname: 'PaymentsDown',
  severity: 'P0',
  labels: { alertname: 'PaymentsDown', service: 'payments-api' },
  annotations: { summary: 'Down' },
  startsAt: '2026-11-20T10:00:00.000Z',
  source: 'webhook',
  updatedAt: '2026-11-20T10:00:05.000Z',
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'DatabaseAlertStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      return new DatabaseAlertStore(knex);
    }

    it('keeps one alert per fingerprint and ignores a late firing after its resolution', async () => {
      const store = await createStore();
      await store.upsert([alert()]);
      await store.upsert([
        alert({
          status: 'resolved',
          endsAt: '2026-11-20T10:30:00.000Z',
          updatedAt: '2026-11-20T10:30:01.000Z',
        }),
      ]);
      await store.upsert([alert({ updatedAt: '2026-11-20T10:30:02.000Z' })]);

      const all = await store.list({
        resolvedSince: new Date('2026-11-01T00:00:00Z'),
      });
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({
        status: 'resolved',
        endsAt: '2026-11-20T10:30:00.000Z',
      });
      expect(await store.list({})).toEqual([]);
    });

    it('treats a later start as a new occurrence that fires again', async () => {
      const store = await createStore();
      await store.upsert([
        alert({ status: 'resolved', endsAt: '2026-11-20T10:30:00.000Z' }),
      ]);
      await store.upsert([alert({ startsAt: '2026-11-21T08:00:00.000Z' })]);

      expect(await store.list({})).toEqual([
        expect.objectContaining({
          status: 'firing',
          startsAt: '2026-11-21T08:00:00.000Z',
        }),
      ]);
    });

    it('resolves firing alerts a sync no longer sees, and remembers when sources spoke', async () => {
      const store = await createStore();
      await store.upsert([alert(), alert({ fingerprint: 'f2' })]);
      const at = new Date('2026-11-20T11:00:00.000Z');

      expect(await store.resolveMissing(new Set(['f2']), at)).toBe(1);
      await store.touchSource('sync', at);

      expect((await store.list({})).map(a => a.fingerprint)).toEqual(['f2']);
      expect(await store.sourceState()).toEqual({
        lastSyncAt: at.toISOString(),
        lastWebhookAt: undefined,
      });
    });

    it('stores a batch that repeats a fingerprint, keeping its newest state', async () => {
      const store = await createStore();
      await store.upsert([
        alert(),
        alert({ fingerprint: 'f2' }),
        alert({ status: 'resolved', endsAt: '2026-11-20T10:30:00.000Z' }),
        alert(),
      ]);

      const all = await store.list({
        resolvedSince: new Date('2026-11-01T00:00:00Z'),
      });
      expect(
        Object.fromEntries(all.map(a => [a.fingerprint, a.status])),
      ).toEqual({ f1: 'resolved', f2: 'firing' });
    });

    it('prunes resolved alerts past the window and beyond the cap, never firing ones', async () => {
      const store = await createStore();
      const resolvedAt = (fingerprint: string, updatedAt: string) =>
        alert({
          fingerprint,
          status: 'resolved',
          endsAt: updatedAt,
          updatedAt,
        });
      await store.upsert([
        resolvedAt('old', '2026-10-01T00:00:00.000Z'),
        resolvedAt('r1', '2026-11-20T01:00:00.000Z'),
        resolvedAt('r2', '2026-11-20T02:00:00.000Z'),
        resolvedAt('r3', '2026-11-20T03:00:00.000Z'),
        alert({ fingerprint: 'firing', updatedAt: '2026-09-01T00:00:00.000Z' }),
      ]);

      const deleted = await store.pruneResolved({
        before: new Date('2026-11-01T00:00:00.000Z'),
        keep: 2,
        keepPerEntity: 10,
      });

      expect(deleted).toBe(2);
      const left = await store.list({ resolvedSince: new Date(0) });
      expect(left.map(a => a.fingerprint).sort()).toEqual([
        'firing',
        'r2',
        'r3',
      ]);
    });

    it('caps resolved alerts per entity, so one flapping rule keeps the others', async () => {
      const store = await createStore();
      const resolved = (fingerprint: string, labels: object, hour: number) =>
        alert({
          fingerprint,
          status: 'resolved',
          labels: { alertname: 'Flap', ...labels },
          endsAt: `2026-11-20T${String(hour).padStart(2, '0')}:00:00.000Z`,
          updatedAt: `2026-11-20T${String(hour).padStart(2, '0')}:00:00.000Z`,
        });
      await store.upsert([
        ...[1, 2, 3, 4, 5].map(h =>
          resolved(`flap-${h}`, { service: 'ledger' }, h + 10),
        ),
        resolved('payments-old', { service: 'payments-api' }, 1),
        resolved(
          'by-ref',
          { backstage_entity: 'Component:default/Payments-API' },
          2,
        ),
      ]);

      await store.pruneResolved({
        before: new Date('2026-11-01T00:00:00.000Z'),
        keep: 100,
        keepPerEntity: 2,
      });

      const left = await store.list({ resolvedSince: new Date(0) });
      expect(left.map(a => a.fingerprint).sort()).toEqual([
        'by-ref',
        'flap-4',
        'flap-5',
        'payments-old',
      ]);
    });
  },
);
