import { parseAlertSelector } from './alertSelector';
import {
  alertSourceStatus,
  alertsRoutedTo,
  AlertService,
  countFiring,
} from './AlertService';
import type { AlertSourceState, AlertStore, StoredAlert } from './AlertStore';

const ref = 'component:default/payments-api';

function alert(
  fingerprint: string,
  labels: Record<string, string>,
  overrides: Partial<StoredAlert> = {},
): StoredAlert {
  return {
    fingerprint,
    status: 'firing',
    severity: 'P1',
    labels,
    annotations: {},
    startsAt: '2026-11-01T10:00:00.000Z',
    source: 'webhook',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('alertSourceStatus', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  const minute = 60_000;
  const syncedAgo = (ms: number): AlertSourceState => ({
    lastSyncAt: new Date(now - ms).toISOString(),
  });

  it('is never stale when no sync is configured', () => {
    expect(alertSourceStatus({}, undefined, now)).toEqual({
      syncEnabled: false,
      stale: false,
    });
  });

  it('is stale when a configured sync never succeeded', () => {
    expect(
      alertSourceStatus(
        { lastWebhookAt: new Date(now).toISOString() },
        minute,
        now,
      ),
    ).toMatchObject({ syncEnabled: true, stale: true });
  });

  it('turns stale only after three sync intervals without a success', () => {
    expect(alertSourceStatus(syncedAgo(3 * minute), minute, now).stale).toBe(
      false,
    );
    expect(
      alertSourceStatus(syncedAgo(3 * minute + 1), minute, now).stale,
    ).toBe(true);
  });

  it('keeps the times it was given', () => {
    const state = {
      lastWebhookAt: '2026-11-29T11:59:00.000Z',
      lastSyncAt: '2026-11-29T11:58:00.000Z',
    };
    expect(alertSourceStatus(state, minute, now)).toEqual({
      ...state,
      syncEnabled: true,
      stale: false,
    });
  });
});

describe('countFiring', () => {
  it('counts firing alerts per priority, every priority present', () => {
    expect(
      countFiring([
        { status: 'firing', severity: 'P0' },
        { status: 'firing', severity: 'P2' },
        { status: 'firing', severity: 'P2' },
        { status: 'resolved', severity: 'P0' },
      ]),
    ).toEqual({ P0: 1, P1: 0, P2: 2, P3: 0 });
  });
});

describe('alertsRoutedTo', () => {
  const alerts = [
    alert('by-ref', { backstage_entity: ref }),
    alert('by-short-ref', { backstage_entity: 'component:payments-api' }),
    alert('by-service', { service: 'payments-api' }),
    alert('other', { service: 'ledger-worker', team: 'payments' }),
  ];

  it('routes by backstage_entity or service label without a selector', () => {
    expect(
      alertsRoutedTo(alerts, { entityRef: ref }).map(a => a.fingerprint),
    ).toEqual(['by-ref', 'by-short-ref', 'by-service']);
  });

  it('routes by the selector alone when the entity declares one', () => {
    const selector = parseAlertSelector('team="payments"');
    expect(
      alertsRoutedTo(alerts, { entityRef: ref, selector }).map(
        a => a.fingerprint,
      ),
    ).toEqual(['other']);
  });
});

describe('AlertService', () => {
  function serviceOver(stored: StoredAlert[], syncIntervalMs?: number) {
    const store = {
      list: jest.fn(async ({ resolvedSince }: { resolvedSince?: Date }) =>
        stored.filter(
          a =>
            a.status === 'firing' ||
            (resolvedSince && Date.parse(a.updatedAt) >= +resolvedSince),
        ),
      ),
      sourceState: jest.fn(async () => ({})),
      upsert: jest.fn(async () => {}),
      touchSource: jest.fn(async () => {}),
    };
    const service = new AlertService({
      store: store as unknown as AlertStore,
      selectorOf: async () => undefined,
      severityMap: { critical: 'P0' },
      resolvedWindowMs: 7 * 86_400_000,
      syncIntervalMs,
    });
    return { service, store };
  }

  const recently = new Date(Date.now() - 3_600_000).toISOString();
  const stored = [
    alert('a', { service: 'payments-api' }, { severity: 'P0' }),
    alert('b', { service: 'payments-api' }, { startsAt: recently }),
    alert(
      'c',
      { service: 'payments-api' },
      { status: 'resolved', updatedAt: recently },
    ),
    alert('d', { service: 'ledger-worker' }),
  ];

  it('lists firing alerts by default, newest first, counting all firing ones', async () => {
    const { service, store } = serviceOver(stored);
    const page = await service.entityAlerts(ref, { state: 'firing', limit: 1 });
    expect(store.list).toHaveBeenCalledWith({ resolvedSince: undefined });
    expect(page.alerts.map(a => a.fingerprint)).toEqual(['b']);
    expect(page.nextCursor).toBeDefined();
    expect(page.firing).toEqual({ P0: 1, P1: 1, P2: 0, P3: 0 });
    expect(page.source).toEqual({ syncEnabled: false, stale: false });
  });

  it('lists resolved alerts from the resolved window when asked', async () => {
    const { service } = serviceOver(stored, 60_000);
    const page = await service.entityAlerts(ref, {
      state: 'resolved',
      limit: 10,
    });
    expect(page.alerts.map(a => a.fingerprint)).toEqual(['c']);
    expect(page.firing).toEqual({ P0: 1, P1: 1, P2: 0, P3: 0 });
    expect(page.source).toEqual({ syncEnabled: true, stale: true });
  });

  it('counts the firing alerts of an entity for its summary', async () => {
    const { service } = serviceOver(stored);
    await expect(service.firingCounts(ref)).resolves.toEqual({
      P0: 1,
      P1: 1,
      P2: 0,
      P3: 0,
    });
  });

  it('stores a webhook notification and records that the webhook arrived', async () => {
    const { service, store } = serviceOver([]);
    const received = await service.receiveWebhook({
      version: '4',
      status: 'firing',
      externalURL: 'http://alertmanager:9093',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'HighLatency', severity: 'critical' },
          annotations: {},
          startsAt: '2026-11-29T10:00:00Z',
          fingerprint: 'f1',
        },
      ],
    } as any);
    expect(received).toBe(1);
    expect(store.upsert).toHaveBeenCalledWith([
      expect.objectContaining({
        fingerprint: 'f1',
        severity: 'P0',
        source: 'webhook',
      }),
    ]);
    expect(store.touchSource).toHaveBeenCalledWith('webhook', expect.any(Date));
  });
});
