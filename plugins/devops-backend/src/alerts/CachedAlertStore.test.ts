import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDatabase } from '../database/migrateDatabase';
import type { StoredAlert } from './AlertStore';
import { CachedAlertStore } from './CachedAlertStore';
import { DatabaseAlertStore } from './DatabaseAlertStore';

const alert = (fingerprint: string): StoredAlert => ({
  fingerprint,
  status: 'firing',
  severity: 'P1',
  labels: { service: 'payments-api' },
  annotations: {},
  startsAt: '2026-11-20T10:00:00.000Z',
  source: 'webhook',
  updatedAt: '2026-11-20T10:00:00.000Z',
});

describe('CachedAlertStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function stores() {
    const knex = await databases.init('SQLITE_3');
    await migrateDatabase(knex);
    const inner = new DatabaseAlertStore(knex);
    return { inner, cached: new CachedAlertStore(inner, 60_000) };
  }

  it('sees its own writes at once', async () => {
    const { cached } = await stores();
    expect(await cached.list({})).toEqual([]);

    await cached.upsert([alert('a')]);

    expect((await cached.list({})).map(a => a.fingerprint)).toEqual(['a']);
    await cached.resolveMissing(new Set(), new Date('2026-11-20T11:00:00Z'));
    expect(await cached.list({})).toEqual([]);
  });

  it("sees another replica's writes once the cache expires", async () => {
    const { inner } = await stores();
    const cached = new CachedAlertStore(inner, 0);
    expect(await cached.list({})).toEqual([]);

    await inner.upsert([alert('b')]);
    await new Promise(r => setTimeout(r, 5));

    expect((await cached.list({})).map(a => a.fingerprint)).toEqual(['b']);
  });
});
