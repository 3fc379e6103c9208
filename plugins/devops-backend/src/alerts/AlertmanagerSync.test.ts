import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { migrateDatabase } from '../database/migrateDatabase';
import { TemporaryAlertmanager } from '../__testUtils__/TemporaryAlertmanager';
import { AlertmanagerSync } from './AlertmanagerSync';
import { DEFAULT_SEVERITY_MAP } from './alertmanagerPayload';
import { DatabaseAlertStore } from './DatabaseAlertStore';

jest.setTimeout(60_000);

describe('AlertmanagerSync against a real Alertmanager', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let alertmanager: TemporaryAlertmanager;

  beforeAll(async () => {
    // Notifications go nowhere: this test is about pulling.
    alertmanager = await TemporaryAlertmanager.start({
      webhookUrl: 'http://127.0.0.1:9/unused',
      token: 'unused-token',
    });
  });
  afterAll(() => alertmanager?.stop());

  it('heals a missed webhook: pulls firing alerts and resolves vanished ones', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateDatabase(knex);
    const store = new DatabaseAlertStore(knex);
    // An alert we were told fired, whose resolution we never heard about.
    await store.upsert([
      {
        fingerprint: 'gone',
        status: 'firing',
        severity: 'P1',
        labels: { alertname: 'Old', service: 'payments-api' },
        annotations: {},
        startsAt: '2026-11-20T10:00:00.000Z',
        source: 'webhook',
        updatedAt: '2026-11-20T10:00:00.000Z',
      },
    ]);
    await alertmanager.push([
      {
        labels: {
          alertname: 'PaymentsSlow',
          service: 'payments-api',
          severity: 'warning',
        },
        annotations: { summary: 'p95 over 500 ms' },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
      },
    ]);

    await new AlertmanagerSync({
      baseUrl: alertmanager.url,
      store,
      logger: mockServices.logger.mock(),
      severityMap: DEFAULT_SEVERITY_MAP,
      intervalSeconds: 60,
    }).sync();

    const firing = await store.list({});
    expect(firing).toEqual([
      expect.objectContaining({
        alertname: 'PaymentsSlow',
        severity: 'P2',
        source: 'sync',
      }),
    ]);
    const resolved = await store.list({ resolvedSince: new Date(0) });
    expect(resolved.find(a => a.fingerprint === 'gone')?.status).toBe(
      'resolved',
    );
    expect((await store.sourceState()).lastSyncAt).toEqual(expect.any(String));
  });

  it('skips an alert Alertmanager lists with a start in the future', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateDatabase(knex);
    const store = new DatabaseAlertStore(knex);
    await alertmanager.push([
      {
        labels: { alertname: 'FromTheFuture', service: 'payments-api' },
        annotations: {},
        startsAt: '2099-01-01T00:00:00.000Z',
        endsAt: '2099-01-01T01:00:00.000Z',
      },
    ]);
    // The premise: Alertmanager itself lists it as active.
    const listed = await (
      await fetch(`${alertmanager.url}/api/v2/alerts?active=true`)
    ).json();
    expect(listed.map((a: any) => a.labels.alertname)).toContain(
      'FromTheFuture',
    );
    const logger = mockServices.logger.mock();

    await new AlertmanagerSync({
      baseUrl: alertmanager.url,
      store,
      logger,
      severityMap: DEFAULT_SEVERITY_MAP,
      intervalSeconds: 60,
    }).sync();

    const stored = await store.list({ resolvedSince: new Date(0) });
    expect(stored.map(a => a.alertname)).not.toContain('FromTheFuture');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('start time is in the future'),
    );
  });
});
