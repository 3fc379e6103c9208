import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { HealthChecker } from './HealthChecker';
import type { HealthStore, RecordedHealthCheck } from './HealthStore';
import { healthTargetsOf, type HealthTarget } from './healthTargets';

export interface HealthPollerOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: HealthStore;
  checker: HealthChecker;
  logger: LoggerService;
  /** How many checks run at once. */
  concurrency: number;
  /** How often the poller looks for due checks. */
  tickMs: number;
  intervals: { defaultMs: number; minMs: number; maxMs: number };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function mapBounded<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * Checks every declared health URL when it is due. Runs as one global task
 * on Backstage's scheduler: with several replicas on one database the task
 * runs on one of them per tick, and due-ness comes from the stored time of
 * the last check, so each URL is checked once per interval whichever replica
 * runs it.
 */
export class HealthPoller {
  private targetsCache?: { at: number; targets: HealthTarget[] };

  constructor(private readonly options: HealthPollerOptions) {}

  async schedule(scheduler: SchedulerService) {
    await scheduler.scheduleTask({
      id: 'devops-health-poll',
      scope: 'global',
      frequency: { milliseconds: this.options.tickMs },
      timeout: { milliseconds: Math.max(this.options.tickMs * 5, 60_000) },
      initialDelay: { seconds: 1 },
      fn: async () => {
        await this.poll();
      },
    });
  }

  /** One tick: checks the due targets and records the results. */
  async poll(now = Date.now()): Promise<RecordedHealthCheck[]> {
    const targets = await this.targets(now);
    const last = await this.options.store.lastCheckTimes();
    // Half a tick of slack, so a check due just after this tick does not
    // wait a whole extra tick.
    const horizon = now + this.options.tickMs / 2;
    const due = targets.filter(
      t =>
        (last.get(`${t.entityRef}|${t.environment}`) ?? 0) + t.intervalMs <=
        horizon,
    );
    const results = await mapBounded(
      due,
      this.options.concurrency,
      async t => ({
        ...(await this.options.checker.check(t)),
        entityRef: t.entityRef,
        environment: t.environment,
        url: t.url,
      }),
    );
    await this.options.store.recordChecks(results);
    return results;
  }

  // The target list changes only when catalog annotations do; reading the
  // whole catalog every tick would cost more than the checks.
  private async targets(now: number): Promise<HealthTarget[]> {
    if (this.targetsCache && now - this.targetsCache.at < 60_000) {
      return this.targetsCache.targets;
    }
    const { items } = await this.options.catalog.getEntities(
      {
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const targets = items.flatMap(entity =>
      healthTargetsOf(entity, this.options.intervals),
    );
    this.targetsCache = { at: now, targets };
    return targets;
  }
}
