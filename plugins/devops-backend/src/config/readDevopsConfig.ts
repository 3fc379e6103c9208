import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AlertSeverity,
  DEFAULT_DEVOPS_ENVIRONMENTS,
  parseEnvironmentList,
} from '@backstage-devops/plugin-devops-common';
import { DEFAULT_SEVERITY_MAP } from '../alerts/alertmanagerPayload';
import type { HealthCheckSettings } from '../health/scheduleHealthChecks';
import type { ReadinessSettings } from '../readiness/readinessSettings';
import { readDurationMs } from './durations';
import { IngestionLimits, readIngestionLimits } from './ingestionConfig';
import { readReadinessSettings } from './readinessConfig';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The plugin's configuration, read and checked once at startup. */
export interface DevopsConfig {
  /** Environments in promotion order, for entities that name none. */
  environments: string[];
  ingestion: IngestionLimits & { requireCatalogEntity: boolean };
  health: HealthCheckSettings;
  alerts: {
    severityMap: Record<string, AlertSeverity>;
    resolvedWindowMs: number;
    maxResolvedAlerts: number;
    maxResolvedAlertsPerEntity: number;
    /** Set when active alerts are also pulled from an Alertmanager. */
    alertmanager?: { baseUrl: string; syncIntervalMs: number };
  };
  readiness: ReadinessSettings;
  overview: {
    /** How long a computed overview row is served again; 0 never. */
    rowCacheMs: number;
  };
}

function wholeNumber(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  expected: string,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(Number.isInteger(value) && value >= min)) {
    throw new Error(`${key} must be ${expected}`);
  }
  return value;
}

function readHealth(
  config: Config,
  logger: LoggerService,
): HealthCheckSettings {
  const duration = (
    name: string,
    defaultMs: number,
    expected: string,
    deprecated?: { name: string; unitMs: number },
  ) =>
    readDurationMs(config, logger, {
      key: `devops.health.${name}`,
      defaultMs,
      minMs: 1,
      expected,
      deprecated: deprecated && {
        key: `devops.health.${deprecated.name}`,
        unitMs: deprecated.unitMs,
      },
    });
  const positive = 'a duration longer than zero';
  const health: HealthCheckSettings = {
    enabled: config.getOptionalBoolean('devops.health.enabled') ?? true,
    allowedHosts: config.getOptionalStringArray('devops.health.allowedHosts'),
    allowBodyChecks:
      config.getOptionalBoolean('devops.health.allowBodyChecks') ?? false,
    intervalMs: duration('interval', 60 * SECOND, positive, {
      name: 'intervalSeconds',
      unitMs: SECOND,
    }),
    minIntervalMs: duration('minInterval', 10 * SECOND, positive, {
      name: 'minIntervalSeconds',
      unitMs: SECOND,
    }),
    maxIntervalMs: duration('maxInterval', HOUR, positive, {
      name: 'maxIntervalSeconds',
      unitMs: SECOND,
    }),
    tickMs: duration('tickInterval', 10 * SECOND, positive, {
      name: 'tickSeconds',
      unitMs: SECOND,
    }),
    timeoutMs: duration('timeout', 5 * SECOND, positive, {
      name: 'timeoutMs',
      unitMs: 1,
    }),
    degradedLatencyMs: duration('degradedLatency', 2 * SECOND, positive, {
      name: 'degradedLatencyMs',
      unitMs: 1,
    }),
    retentionMs: duration('retention', 14 * DAY, positive, {
      name: 'retentionDays',
      unitMs: DAY,
    }),
    maxBodyBytes: wholeNumber(
      config,
      'devops.health.maxBodyBytes',
      65536,
      1,
      'a whole number of bytes, 1 or more',
    ),
    maxRedirects: wholeNumber(
      config,
      'devops.health.maxRedirects',
      3,
      0,
      'a whole number of redirects, 0 or more',
    ),
    concurrency: wholeNumber(
      config,
      'devops.health.concurrency',
      20,
      1,
      'a whole number of checks, 1 or more',
    ),
  };
  if (health.minIntervalMs > health.maxIntervalMs) {
    throw new Error(
      'devops.health.minInterval must not be longer than devops.health.maxInterval',
    );
  }
  return health;
}

function readSeverityMap(config: Config): Record<string, AlertSeverity> {
  const severityMap = { ...DEFAULT_SEVERITY_MAP };
  const configured = config.getOptionalConfig('devops.alerts.severityMap');
  for (const key of configured?.keys() ?? []) {
    const priority = configured!.getString(key);
    if (!/^P[0-3]$/.test(priority)) {
      throw new Error(
        `devops.alerts.severityMap.${key} must be one of P0, P1, P2, P3`,
      );
    }
    severityMap[key.toLocaleLowerCase('en-US')] = priority as AlertSeverity;
  }
  return severityMap;
}

function readAlerts(config: Config, logger: LoggerService) {
  const count = (key: string, fallback: number) =>
    wholeNumber(
      config,
      `devops.alerts.${key}`,
      fallback,
      0,
      'a whole number of alerts, 0 or more',
    );
  const baseUrl = config.getOptionalString(
    'devops.alerts.alertmanager.baseUrl',
  );
  return {
    severityMap: readSeverityMap(config),
    resolvedWindowMs: readDurationMs(config, logger, {
      key: 'devops.alerts.resolvedWindow',
      defaultMs: 7 * DAY,
      minMs: 0,
      expected: 'a duration of zero or more',
      deprecated: { key: 'devops.alerts.resolvedWindowDays', unitMs: DAY },
    }),
    maxResolvedAlerts: count('maxResolvedAlerts', 5000),
    maxResolvedAlertsPerEntity: count('maxResolvedAlertsPerEntity', 200),
    alertmanager: baseUrl
      ? {
          baseUrl,
          syncIntervalMs: readDurationMs(config, logger, {
            key: 'devops.alerts.alertmanager.syncInterval',
            defaultMs: MINUTE,
            minMs: SECOND,
            expected: 'a duration of a second or more',
            deprecated: {
              key: 'devops.alerts.alertmanager.syncIntervalSeconds',
              unitMs: SECOND,
            },
          }),
        }
      : undefined,
  };
}

/**
 * Reads and checks everything under `devops` at startup: a value that
 * makes no sense stops the backend with a message naming its key, and the
 * number-in-a-unit keys that durations replaced still work, with a warning.
 */
export function readDevopsConfig(
  config: Config,
  logger: LoggerService,
): DevopsConfig {
  const environments = config.getOptionalStringArray('devops.environments');
  return {
    environments: environments
      ? parseEnvironmentList(environments.join(','))
      : [...DEFAULT_DEVOPS_ENVIRONMENTS],
    ingestion: {
      ...readIngestionLimits(config),
      requireCatalogEntity:
        config.getOptionalBoolean('devops.ingestion.requireCatalogEntity') ??
        true,
    },
    health: readHealth(config, logger),
    alerts: readAlerts(config, logger),
    readiness: readReadinessSettings(config),
    overview: {
      rowCacheMs: readDurationMs(config, logger, {
        key: 'devops.overview.cacheTtl',
        defaultMs: 10 * SECOND,
        minMs: 0,
        expected: 'a duration of zero or more',
        deprecated: { key: 'devops.overview.cacheSeconds', unitMs: SECOND },
      }),
    },
  };
}
