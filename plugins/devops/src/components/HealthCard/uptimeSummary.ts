import type { EnvironmentHealth } from '@backstage-devops/plugin-devops-common';
import { DateTime } from 'luxon';

type Point = EnvironmentHealth['history'][number];

/**
 * The uptime bar in words, for screen readers and anyone who cannot tell
 * its colours apart: "97.2% up, 2 failures in the last 24 h, last at 14:02".
 * A failure is a run of consecutive failed checks (one outage), not each
 * failed check.
 */
export function uptimeSummary(
  history: Point[],
  uptimePercent: number | undefined,
  windowHours: number,
): string {
  let failures = 0;
  let last: Point | undefined;
  history.forEach((point, i) => {
    if (point.status === 'down') {
      if (history[i - 1]?.status !== 'down') {
        failures += 1;
      }
      last = point;
    }
  });
  const up =
    uptimePercent === undefined
      ? 'Uptime not known'
      : `${uptimePercent.toLocaleString('en-US', {
          maximumFractionDigits: 2,
        })}% up`;
  const window = `in the last ${windowHours} h`;
  if (failures === 0) {
    return `${up}, no failures ${window}`;
  }
  const at = DateTime.fromISO(last!.at).toLocaleString(DateTime.TIME_24_SIMPLE);
  return `${up}, ${failures} ${
    failures === 1 ? 'failure' : 'failures'
  } ${window}, last at ${at}`;
}
