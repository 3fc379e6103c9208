import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { AlertSeverity } from '@backstage-devops/plugin-devops-common';
import { z } from 'zod';
import type { AlertStore } from './AlertStore';
import { toStoredAlerts } from './alertmanagerPayload';

const activeAlertsSchema = z.array(
  z.object({
    labels: z.record(z.string()),
    annotations: z.record(z.string()).default({}),
    startsAt: z.string(),
    endsAt: z.string().optional(),
    generatorURL: z.string().optional(),
    fingerprint: z.string(),
  }),
);

/**
 * Pulls the active alerts from Alertmanager's API v2 on the scheduler, so a
 * missed webhook heals: alerts it lists are firing, and firing alerts it no
 * longer lists are resolved. Also records when it last succeeded, so the
 * pages can tell a quiet service from a silent source.
 */
export class AlertmanagerSync {
  constructor(
    private readonly options: {
      baseUrl: string;
      store: AlertStore;
      logger: LoggerService;
      severityMap: Record<string, AlertSeverity>;
      intervalSeconds: number;
      /** Alerts starting later than now plus this are skipped. */
      maxClockSkewMs?: number;
    },
  ) {}

  async schedule(scheduler: SchedulerService) {
    await scheduler.scheduleTask({
      id: 'devops-alertmanager-sync',
      scope: 'global',
      frequency: { seconds: this.options.intervalSeconds },
      timeout: { seconds: Math.max(30, this.options.intervalSeconds) },
      initialDelay: { seconds: 2 },
      fn: async () => {
        try {
          await this.sync();
        } catch (error) {
          this.options.logger.warn(`Alertmanager sync failed: ${error}`);
        }
      },
    });
  }

  async sync(now = new Date()): Promise<void> {
    const base = this.options.baseUrl.replace(/\/$/, '');
    const response = await fetch(`${base}/api/v2/alerts?active=true`, {
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(`Alertmanager answered HTTP ${response.status}`);
    }
    const listed = activeAlertsSchema.parse(await response.json());
    // Alertmanager takes startsAt from whoever posted the alert; one from
    // the future would outlast its genuine resolve, so it is not stored.
    const latestStart =
      now.getTime() + (this.options.maxClockSkewMs ?? 300_000);
    const active = listed.filter(a => {
      const start = Date.parse(a.startsAt);
      return Number.isFinite(start) && start <= latestStart;
    });
    if (active.length < listed.length) {
      this.options.logger.warn(
        `Alertmanager sync skipped ${
          listed.length - active.length
        } alerts whose start time is in the future or unreadable`,
      );
    }
    const { store } = this.options;
    await store.upsert(
      toStoredAlerts(
        active.map(a => ({
          ...a,
          status: 'firing' as const,
          endsAt: undefined,
        })),
        {
          externalUrl: base,
          severityMap: this.options.severityMap,
          source: 'sync',
          now,
        },
      ),
    );
    await store.resolveMissing(new Set(active.map(a => a.fingerprint)), now);
    await store.touchSource('sync', now);
  }
}
