import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readDevopsConfig } from './readDevopsConfig';

function read(devops: object) {
  const logger = mockServices.logger.mock();
  const config = readDevopsConfig(new ConfigReader({ devops }), logger);
  const warnings = logger.warn.mock.calls.map(([message]) => message);
  return { config, warnings };
}

describe('readDevopsConfig', () => {
  it('gives the documented defaults for an empty config', () => {
    const { config, warnings } = read({});
    expect(config.environments).toEqual([
      'development',
      'staging',
      'production',
    ]);
    expect(config.health).toMatchObject({
      enabled: true,
      allowedHosts: undefined,
      intervalMs: 60_000,
      minIntervalMs: 10_000,
      maxIntervalMs: 3_600_000,
      tickMs: 10_000,
      timeoutMs: 5000,
      degradedLatencyMs: 2000,
      retentionMs: 14 * 86_400_000,
      maxBodyBytes: 65536,
      maxRedirects: 3,
      concurrency: 20,
    });
    expect(config.alerts).toMatchObject({
      resolvedWindowMs: 7 * 86_400_000,
      maxResolvedAlerts: 5000,
      maxResolvedAlertsPerEntity: 200,
      alertmanager: undefined,
    });
    expect(config.alerts.severityMap.critical).toBe('P0');
    expect(config.ingestion).toEqual({
      maxClockSkewMs: 300_000,
      entityKinds: ['component', 'resource'],
      requireCatalogEntity: true,
    });
    expect(config.overview.rowCacheMs).toBe(10_000);
    expect(config.readiness.thresholds.windowDays).toBe(30);
    expect(warnings).toEqual([]);
  });

  it('reads durations in every form Backstage accepts, without warnings', () => {
    const { config, warnings } = read({
      health: {
        interval: { minutes: 2 },
        minInterval: '5s',
        maxInterval: 'PT2H',
        tickInterval: { seconds: 5 },
        timeout: '1500ms',
        degradedLatency: { milliseconds: 800 },
        retention: { days: 3 },
      },
      alerts: {
        resolvedWindow: { days: 1 },
        alertmanager: { baseUrl: 'http://am:9093', syncInterval: '30s' },
      },
      overview: { cacheTtl: { seconds: 0 } },
    });
    expect(config.health).toMatchObject({
      intervalMs: 120_000,
      minIntervalMs: 5000,
      maxIntervalMs: 7_200_000,
      tickMs: 5000,
      timeoutMs: 1500,
      degradedLatencyMs: 800,
      retentionMs: 3 * 86_400_000,
    });
    expect(config.alerts.resolvedWindowMs).toBe(86_400_000);
    expect(config.alerts.alertmanager).toEqual({
      baseUrl: 'http://am:9093',
      syncIntervalMs: 30_000,
    });
    expect(config.overview.rowCacheMs).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('still accepts the number-in-a-unit keys, warning with the new key', () => {
    const { config, warnings } = read({
      health: {
        intervalSeconds: 2,
        minIntervalSeconds: 1,
        maxIntervalSeconds: 600,
        tickSeconds: 0.5,
        timeoutMs: 700,
        degradedLatencyMs: 300,
        retentionDays: 2,
      },
      alerts: {
        resolvedWindowDays: 3,
        alertmanager: { baseUrl: 'http://am:9093', syncIntervalSeconds: 15 },
      },
      overview: { cacheSeconds: 0 },
    });
    expect(config.health).toMatchObject({
      intervalMs: 2000,
      minIntervalMs: 1000,
      maxIntervalMs: 600_000,
      tickMs: 500,
      timeoutMs: 700,
      degradedLatencyMs: 300,
      retentionMs: 2 * 86_400_000,
    });
    expect(config.alerts.resolvedWindowMs).toBe(3 * 86_400_000);
    expect(config.alerts.alertmanager?.syncIntervalMs).toBe(15_000);
    expect(config.overview.rowCacheMs).toBe(0);
    expect(warnings).toEqual(
      [
        ['health.intervalSeconds', 'health.interval'],
        ['health.minIntervalSeconds', 'health.minInterval'],
        ['health.maxIntervalSeconds', 'health.maxInterval'],
        ['health.tickSeconds', 'health.tickInterval'],
        ['health.timeoutMs', 'health.timeout'],
        ['health.degradedLatencyMs', 'health.degradedLatency'],
        ['health.retentionDays', 'health.retention'],
        ['alerts.resolvedWindowDays', 'alerts.resolvedWindow'],
        [
          'alerts.alertmanager.syncIntervalSeconds',
          'alerts.alertmanager.syncInterval',
        ],
        ['overview.cacheSeconds', 'overview.cacheTtl'],
      ].map(([old, replacement]) =>
        expect.stringMatching(
          new RegExp(
            `^devops\\.${old.replace(
              /\./g,
              '\\.',
            )} is deprecated; use devops\\.${replacement.replace(
              /\./g,
              '\\.',
            )},`,
          ),
        ),
      ),
    );
  });

  it('prefers the new key when both are set, and says the old one is ignored', () => {
    const { config, warnings } = read({
      health: { timeout: '2s', timeoutMs: 100 },
    });
    expect(config.health.timeoutMs).toBe(2000);
    expect(warnings).toEqual([
      'devops.health.timeoutMs is deprecated and ignored since devops.health.timeout is set; remove it',
    ]);
  });

  it.each([
    [{ health: { timeout: '5 parsecs' } }, /devops\.health\.timeout/],
    [{ health: { interval: 60 } }, /devops\.health\.interval/],
    [{ health: { interval: { sekunden: 5 } } }, /devops\.health\.interval/],
    [
      { health: { tickInterval: '0s' } },
      /^devops\.health\.tickInterval must be a duration longer than zero$/,
    ],
    [
      { health: { timeoutMs: -5 } },
      /^devops\.health\.timeoutMs must be a duration longer than zero$/,
    ],
    [
      { health: { intervalSeconds: 'soon' } },
      /devops\.health\.intervalSeconds/,
    ],
    [
      { health: { minInterval: '10m', maxInterval: '1m' } },
      /^devops\.health\.minInterval must not be longer than devops\.health\.maxInterval$/,
    ],
    [
      { health: { concurrency: 0 } },
      /^devops\.health\.concurrency must be a whole number of checks, 1 or more$/,
    ],
    [
      { alerts: { maxResolvedAlerts: 1.5 } },
      /^devops\.alerts\.maxResolvedAlerts must be a whole number of alerts, 0 or more$/,
    ],
    [
      { alerts: { severityMap: { critical: 'P9' } } },
      /^devops\.alerts\.severityMap\.critical must be one of P0, P1, P2, P3$/,
    ],
    [
      {
        alerts: {
          alertmanager: { baseUrl: 'http://am:9093', syncInterval: '10ms' },
        },
      },
      /^devops\.alerts\.alertmanager\.syncInterval must be a duration of a second or more$/,
    ],
    [
      { ingestion: { maxClockSkew: { days: 2 } } },
      /^devops\.ingestion\.maxClockSkew must be a duration between 0 and 24 hours$/,
    ],
    [
      { readiness: { thresholds: { windowDays: 0 } } },
      /devops\.readiness\.thresholds\.windowDays/,
    ],
  ])('refuses %j naming the key', (devops, message) => {
    expect(() => read(devops)).toThrow(message);
  });
});
