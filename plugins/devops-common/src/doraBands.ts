import type { components } from './generated/openapi';
import type { DoraMetrics } from './metrics';

/**
 * DORA performance bands, from the State of DevOps research: the API spec's
 * `DoraBand` schema.
 *
 * @public
 */
export type DoraBand = components['schemas']['DoraBand'];

const DAY = 86_400;

/**
 * The band of each DORA metric, or undefined where there is no data:
 * deployment frequency (elite at least daily, high weekly, medium monthly),
 * lead time and time to restore (elite under a day / an hour, high under a
 * week / a day, medium under a month / a week), change failure rate (elite
 * at most 5 %, high 10 %, medium 15 %).
 *
 * @public
 */
export function doraBands(
  metrics: DoraMetrics,
): components['schemas']['DoraBands'] {
  const perDay = metrics.deploymentFrequency.perDay;
  const byThresholds = (
    value: number | undefined,
    limits: [number, number, number],
  ): DoraBand | undefined => {
    if (value === undefined) {
      return undefined;
    }
    if (value <= limits[0]) {
      return 'elite';
    }
    if (value <= limits[1]) {
      return 'high';
    }
    return value <= limits[2] ? 'medium' : 'low';
  };
  let deploymentFrequency: DoraBand | undefined;
  if (metrics.deploymentFrequency.deployments > 0) {
    if (perDay >= 1) {
      deploymentFrequency = 'elite';
    } else if (perDay >= 1 / 7) {
      deploymentFrequency = 'high';
    } else {
      deploymentFrequency = perDay >= 1 / 30 ? 'medium' : 'low';
    }
  }
  return {
    deploymentFrequency,
    leadTime: byThresholds(metrics.leadTime.medianSeconds, [
      DAY,
      7 * DAY,
      30 * DAY,
    ]),
    changeFailureRate: byThresholds(
      metrics.changeFailureRate.rate,
      [0.05, 0.1, 0.15],
    ),
    timeToRestore: byThresholds(metrics.timeToRestore.medianSeconds, [
      3600,
      DAY,
      7 * DAY,
    ]),
  };
}
