import type {
  Deployment,
  DoraMetrics,
  DurationStats,
} from '@backstage-devops/plugin-devops-common';
import { DateTime } from 'luxon';

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
}

function durationStats(seconds: number[]): DurationStats {
  if (seconds.length === 0) {
    return { count: 0 };
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 0 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid];
  return {
    count: sorted.length,
    medianSeconds: median,
    p90Seconds: percentile(sorted, 90),
  };
}

const millis = (iso: string) => DateTime.fromISO(iso).toMillis();

/** When a deployment reached its outcome: finish, else start, else receipt. */
const outcomeAt = (d: Deployment) =>
  millis(d.finishedAt ?? d.startedAt ?? d.createdAt);

const isFailure = (d: Deployment) =>
  d.status === 'failed' || d.status === 'rolled_back';

/**
 * The four DORA metrics from one environment's deployments in a window
 * (oldest first).
 */
export function computeDoraMetrics(options: {
  entityRef: string;
  environment: string;
  days: number;
  from: DateTime;
  to: DateTime;
  deployments: Deployment[];
}): DoraMetrics {
  const { deployments, days } = options;
  // Parse each deployment's outcome time once: the overview computes these
  // metrics for every entity on a page, and parsing in the sort comparator
  // dominated its cost.
  const outcomes = new Map(deployments.map(d => [d, outcomeAt(d)]));
  const chronological = [...deployments].sort(
    (a, b) => outcomes.get(a)! - outcomes.get(b)!,
  );
  const succeeded = chronological.filter(d => d.status === 'succeeded');
  const failures = chronological.filter(isFailure);

  const leadTimes = succeeded
    .filter(d => d.commitTime && d.finishedAt)
    .map(d => (millis(d.finishedAt!) - millis(d.commitTime!)) / 1000)
    .filter(s => s >= 0);

  // Consecutive failures are one incident: it opens at the first failure
  // after a success and closes at the next success.
  const restoreTimes: number[] = [];
  let openedAt: number | undefined;
  for (const d of chronological) {
    if (isFailure(d) && openedAt === undefined) {
      openedAt = outcomes.get(d)!;
    } else if (d.status === 'succeeded' && openedAt !== undefined) {
      restoreTimes.push((outcomes.get(d)! - openedAt) / 1000);
      openedAt = undefined;
    }
  }
  const unrestored = openedAt === undefined ? 0 : 1;

  const total = succeeded.length + failures.length;
  return {
    entityRef: options.entityRef,
    environment: options.environment,
    days,
    from: options.from.toUTC().toISO()!,
    to: options.to.toUTC().toISO()!,
    deploymentFrequency: {
      deployments: succeeded.length,
      perDay: succeeded.length / days,
      perWeek: (succeeded.length / days) * 7,
    },
    leadTime: durationStats(leadTimes),
    changeFailureRate: {
      failed: failures.length,
      total,
      rate: total > 0 ? failures.length / total : undefined,
    },
    timeToRestore: { ...durationStats(restoreTimes), unrestored },
  };
}
