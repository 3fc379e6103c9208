import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { AlertStore } from './AlertStore';

/**
 * Keeps the stored resolved alerts bounded, hourly: those older than the
 * window they are listed for go, and beyond that only the newest
 * `maxResolvedPerEntity` of each entity and `maxResolved` in all stay, so a
 * flapping rule cannot grow the table (and every listing that reads it)
 * without end, nor push out other entities' history. Firing alerts are
 * never pruned.
 */
export class ResolvedAlertPruner {
  constructor(
    private readonly options: {
      store: AlertStore;
      logger: LoggerService;
      resolvedWindowDays: number;
      maxResolved: number;
      maxResolvedPerEntity: number;
    },
  ) {}

  async schedule(scheduler: SchedulerService) {
    await scheduler.scheduleTask({
      id: 'devops-alerts-prune',
      scope: 'global',
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
      fn: async () => {
        await this.prune();
      },
    });
  }

  async prune(now = Date.now()): Promise<number> {
    const deleted = await this.options.store.pruneResolved({
      before: new Date(now - this.options.resolvedWindowDays * 86_400_000),
      keep: this.options.maxResolved,
      keepPerEntity: this.options.maxResolvedPerEntity,
    });
    if (deleted > 0) {
      this.options.logger.info(`Pruned ${deleted} resolved alerts`);
    }
    return deleted;
  }
}
