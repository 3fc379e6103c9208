import type {
  EntityHealth,
  EnvironmentHealth,
} from '@backstage-devops/plugin-devops-common';
import type { RecordedHealthCheck } from './HealthStore';

const MAX_POINTS = 200;
const severity = { up: 0, degraded: 1, down: 2 } as const;

function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) {
    return undefined;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
}

/**
 * Buckets a window's checks into at most 200 points for a chart: each point
 * carries the worst status and the mean latency of its bucket.
 */
function historyPoints(
  checks: RecordedHealthCheck[],
  since: number,
  until: number,
): EnvironmentHealth['history'] {
  if (checks.length <= MAX_POINTS) {
    return checks.map(c => ({
      at: c.checkedAt,
      status: c.status,
      latencyMs: c.latencyMs,
    }));
  }
  const width = Math.max(1, (until - since) / MAX_POINTS);
  const buckets = new Map<number, RecordedHealthCheck[]>();
  for (const check of checks) {
    const index = Math.min(
      MAX_POINTS - 1,
      Math.floor((Date.parse(check.checkedAt) - since) / width),
    );
    buckets.set(index, [...(buckets.get(index) ?? []), check]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, bucket]) => {
      const latencies = bucket
        .map(c => c.latencyMs)
        .filter((l): l is number => l !== undefined);
      return {
        at: new Date(since + index * width).toISOString(),
        status: bucket.reduce(
          (worst, c) =>
            severity[c.status] > severity[worst] ? c.status : worst,
          'up' as RecordedHealthCheck['status'],
        ),
        latencyMs: latencies.length
          ? Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length)
          : undefined,
      };
    });
}

const strip = ({
  entityRef,
  environment,
  url,
  ...result
}: RecordedHealthCheck) => result;

/** Health per environment over a window, environments in promotion order. */
export function buildEntityHealth(options: {
  entityRef: string;
  order: string[];
  declared: Map<string, string>;
  current: RecordedHealthCheck[];
  history: RecordedHealthCheck[];
  since: Date;
  until: Date;
}): EntityHealth {
  const { order, declared, current, history } = options;
  const withData = new Set([
    ...declared.keys(),
    ...current.map(c => c.environment),
  ]);
  const environments = [
    ...order.filter(env => withData.has(env)),
    ...[...withData].filter(env => !order.includes(env)).sort(),
  ];
  return {
    entityRef: options.entityRef,
    since: options.since.toISOString(),
    environments: environments.map(environment => {
      const last = current.find(c => c.environment === environment);
      const checks = history.filter(c => c.environment === environment);
      const lastFailure = [...checks].reverse().find(c => c.status === 'down');
      const ok = checks.filter(c => c.status !== 'down');
      const latencies = ok
        .map(c => c.latencyMs)
        .filter((l): l is number => l !== undefined)
        .sort((a, b) => a - b);
      return {
        environment,
        url: declared.get(environment) ?? last?.url,
        status: last?.status ?? 'unknown',
        last: last && strip(last),
        lastFailure: lastFailure && strip(lastFailure),
        uptimePercent: checks.length
          ? Math.round((ok.length / checks.length) * 10_000) / 100
          : undefined,
        checks: checks.length,
        latency: {
          p50Ms: percentile(latencies, 50),
          p95Ms: percentile(latencies, 95),
        },
        history: historyPoints(
          checks,
          options.since.getTime(),
          options.until.getTime(),
        ),
      };
    }),
  };
}
