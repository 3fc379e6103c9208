import { DateTime } from 'luxon';
import type { DevopsHealthCheckRecord } from '@backstage-devops/plugin-devops-node';

/**
 * The day before `now` of health checks every ten minutes for each health
 * URL the entity declares (and only those): mostly up with realistic
 * latency, a slow spell, and a short outage in the first one, so the uptime
 * bar and latency chart have something to show. The history ends ten
 * minutes before `now`; from then on the health poller checks the same URLs
 * and its results continue the series, as they would for real data.
 */
export function buildDemoHealth(
  entityRef: string,
  targets: Array<{ environment: string; url: string }>,
  now: DateTime,
): DevopsHealthCheckRecord[] {
  const checks: DevopsHealthCheckRecord[] = [];
  targets.forEach(({ environment, url }, envIndex) => {
    for (let i = 144; i >= 1; i--) {
      const at = now.minus({ minutes: i * 10 });
      const wave = Math.sin(i / 7 + envIndex) * 20;
      const latencyMs = Math.round(60 + envIndex * 15 + wave + (i % 11));
      const outage = envIndex === 0 && i >= 40 && i < 44;
      const slow = i >= 90 && i < 96;
      checks.push({
        entityRef,
        environment,
        url,
        checkedAt: at.toUTC().toISO()!,
        ...(outage
          ? {
              status: 'down' as const,
              httpStatus: 503,
              latencyMs: 12,
              errorClass: 'unexpected_status' as const,
              error: 'Answered HTTP 503',
            }
          : {
              status: slow ? ('degraded' as const) : ('up' as const),
              httpStatus: 200,
              latencyMs: slow ? latencyMs + 2400 : latencyMs,
            }),
      });
    }
  });
  return checks;
}
