import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { HealthStore } from './HealthStore';

/** Deletes health history older than the retention, hourly. */
export class HealthHistoryPruner {
  constructor(
    private readonly options: {
      store: HealthStore;
      logger: LoggerService;
      retentionDays: number;
    },
  ) {}

  async schedule(scheduler: SchedulerService) {
    await scheduler.scheduleTask({
      id: 'devops-health-prune',
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
    const before = new Date(now - this.options.retentionDays * 86_400_000);
    const deleted = await this.options.store.prune(before);
    if (deleted > 0) {
      this.options.logger.info(
        `Pruned ${deleted} health checks older than ${before.toISOString()}`,
      );
    }
    return deleted;
  }
}
