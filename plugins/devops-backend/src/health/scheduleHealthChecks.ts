import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { HealthChecker } from './HealthChecker';
import { HealthHistoryPruner } from './HealthHistoryPruner';
import { HealthPoller } from './HealthPoller';
import type { HealthStore } from './HealthStore';
import { HealthTargetAddresses } from './healthTargetAddresses';
import { HostAllowList } from './hostAllowList';

/** How health URLs are polled, from `devops.health`. */
export interface HealthCheckSettings {
  enabled: boolean;
  allowedHosts?: string[];
  allowBodyChecks: boolean;
  intervalMs: number;
  minIntervalMs: number;
  maxIntervalMs: number;
  tickMs: number;
  timeoutMs: number;
  degradedLatencyMs: number;
  retentionMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  concurrency: number;
}

/**
 * Schedules the poller of declared health URLs and the pruning of their
 * history, unless health checks are switched off or no host is allowed.
 */
export async function scheduleHealthChecks(options: {
  settings: HealthCheckSettings;
  store: HealthStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  scheduler: SchedulerService;
}): Promise<void> {
  const { settings, store, logger, scheduler } = options;
  if (!settings.enabled) {
    return;
  }
  if (!settings.allowedHosts) {
    // Polling any host an entity names would let entity authors make
    // the backend fetch internal addresses; better no polling at all.
    logger.error(
      'Health checks are NOT running: devops.health.allowedHosts is not set. List the host names (and any private CIDR ranges) your health URLs use, or set devops.health.enabled: false',
    );
    return;
  }
  const allowList = new HostAllowList(settings.allowedHosts);
  allowList.advice.forEach(advice => logger.warn(advice));
  const poller = new HealthPoller({
    catalog: options.catalog,
    auth: options.auth,
    store,
    logger,
    checker: new HealthChecker({
      timeoutMs: settings.timeoutMs,
      maxBodyBytes: settings.maxBodyBytes,
      maxRedirects: settings.maxRedirects,
      degradedLatencyMs: settings.degradedLatencyMs,
      addresses: new HealthTargetAddresses({ allowList }),
      bodyChecks: settings.allowBodyChecks,
    }),
    concurrency: settings.concurrency,
    tickMs: settings.tickMs,
    intervals: {
      defaultMs: settings.intervalMs,
      minMs: settings.minIntervalMs,
      maxMs: settings.maxIntervalMs,
    },
  });
  await poller.schedule(scheduler);
  await new HealthHistoryPruner({
    store,
    logger,
    retentionDays: settings.retentionMs / 86_400_000,
  }).schedule(scheduler);
}
