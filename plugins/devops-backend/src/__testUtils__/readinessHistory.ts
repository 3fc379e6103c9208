import type { Entity } from '@backstage/catalog-model';
import type {
  Deployment,
  DeploymentStatus,
  DevopsAlert,
  HealthCheckResult,
  MigrationState,
} from '@backstage-devops/plugin-devops-common';
import type {
  ReadinessCheckContext,
  ReadinessHealth,
  ReadinessThresholds,
} from '@backstage-devops/plugin-devops-node';
import { DateTime } from 'luxon';
import { DEFAULT_READINESS_THRESHOLDS } from '../readiness/readinessSettings';
import { computeDoraMetrics } from '../deployments/doraMetrics';
import { buildEntityMigrations } from '../migrations/migrationDrift';

export const NOW = new Date('2026-11-25T12:00:00Z');

const hoursAgo = (hours: number) =>
  DateTime.fromJSDate(NOW).minus({ hours }).toUTC().toISO()!;

let nextId = 1;

/** A deployment that started `hoursAgo` before NOW and took five minutes. */
export function deployment(
  environment: string,
  version: string,
  hours: number,
  status: DeploymentStatus = 'succeeded',
  extra: Partial<Deployment> = {},
): Deployment {
  const id = String(nextId++);
  const startedAt = hoursAgo(hours);
  return {
    id,
    externalId: `run-${id}`,
    entityRef: 'component:default/payments-api',
    environment,
    version,
    status,
    startedAt,
    finishedAt:
      status === 'queued' || status === 'in_progress'
        ? undefined
        : hoursAgo(hours - 5 / 60),
    createdAt: startedAt,
    updatedAt: startedAt,
    ...extra,
  };
}

export function migration(
  id: string,
  status: MigrationState['status'],
  checksum = `sum-${id}`,
): MigrationState {
  return {
    id,
    status,
    checksum,
    tool: 'flyway',
    firstReportedAt: hoursAgo(48),
    lastReportedAt: hoursAgo(1),
  };
}

export interface CraftedHistory {
  entity?: Entity;
  environments?: string[];
  production?: string;
  staging?: string;
  deployments?: Deployment[];
  healthUrls?: Record<string, string>;
  health?: Record<string, HealthCheckResult>;
  migrations?: Record<string, MigrationState[]>;
  alerts?: DevopsAlert[];
  alertsEverReceived?: boolean;
  alertSelector?: { declared: string; valid: boolean };
  thresholds?: Partial<ReadinessThresholds>;
}

const startOf = (d: Deployment) => d.startedAt ?? d.createdAt;

/**
 * A readiness context over a crafted history held in memory, computed with
 * the same DORA and drift functions the plugin serves, so each check can be
 * tried on exactly the history a test describes.
 */
export function contextFor(
  history: CraftedHistory = {},
): ReadinessCheckContext {
  const environments = history.environments ?? [
    'development',
    'staging',
    'production',
  ];
  const thresholds = { ...DEFAULT_READINESS_THRESHOLDS, ...history.thresholds };
  const from = DateTime.fromJSDate(NOW).minus({ days: thresholds.windowDays });
  const all = [...(history.deployments ?? [])].sort((a, b) =>
    startOf(a).localeCompare(startOf(b)),
  );
  const inEnvironment = (env: string) => all.filter(d => d.environment === env);
  const inWindow = (env: string) =>
    inEnvironment(env).filter(d => startOf(d) >= from.toISO()!);
  return {
    entity: history.entity ?? {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payments-api', namespace: 'default' },
      spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    },
    entityRef: 'component:default/payments-api',
    environments,
    productionEnvironment: history.production ?? 'production',
    stagingEnvironment: 'staging' in history ? history.staging : 'staging',
    alertSelector: history.alertSelector,
    thresholds,
    now: NOW,
    data: {
      latestDeployments: async () =>
        new Map(
          environments
            .filter(env => inEnvironment(env).length > 0)
            .map(env => {
              const list = inEnvironment(env);
              return [
                env,
                {
                  latest: list[list.length - 1],
                  latestSucceeded: list
                    .filter(d => d.status === 'succeeded')
                    .at(-1),
                },
              ];
            }),
        ),
      deploymentsInWindow: async env => inWindow(env),
      firstSuccessfulDeployment: async (env, version) =>
        inEnvironment(env).find(
          d => d.version === version && d.status === 'succeeded',
        ),
      health: async () => {
        const result = new Map<string, ReadinessHealth>();
        for (const [env, url] of Object.entries(history.healthUrls ?? {})) {
          result.set(env, { url });
        }
        for (const [env, current] of Object.entries(history.health ?? {})) {
          result.set(env, { url: history.healthUrls?.[env], current });
        }
        return result;
      },
      migrations: async () =>
        buildEntityMigrations(
          new Map(Object.entries(history.migrations ?? {})),
          environments,
        ),
      alerts: async () => history.alerts ?? [],
      alertSource: async () => ({
        everReceived: history.alertsEverReceived ?? false,
      }),
      dora: async env =>
        computeDoraMetrics({
          entityRef: 'component:default/payments-api',
          environment: env,
          days: thresholds.windowDays,
          from,
          to: DateTime.fromJSDate(NOW),
          deployments: inWindow(env),
        }),
    },
  };
}
