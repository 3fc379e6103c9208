import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DEVOPS_HEALTH_EXPECT,
  ANNOTATION_DEVOPS_HEALTH_INTERVAL,
  ANNOTATION_DEVOPS_HEALTH_URL_PREFIX,
} from '@backstage-devops/plugin-devops-common';
import { Duration } from 'luxon';
import { parseExpectedStatus } from './expectedStatus';
import type { HealthCheckTarget } from './HealthChecker';

/** Text the body must contain, when an entity asks for a body check. */
export const ANNOTATION_DEVOPS_HEALTH_BODY_CONTAINS =
  'devops/health-body-contains';

export interface HealthTarget extends HealthCheckTarget {
  entityRef: string;
  environment: string;
  intervalMs: number;
}

/** Parses `30s`, `2m`, `1h` or ISO 8601 durations into milliseconds. */
function parseInterval(value: string | undefined): number | undefined {
  if (!value) {
    return undefined;
  }
  const short = /^(\d+)\s*(s|m|h)$/.exec(value.trim());
  if (short) {
    const unit = { s: 1000, m: 60_000, h: 3_600_000 }[
      short[2] as 's' | 'm' | 'h'
    ];
    return Number(short[1]) * unit;
  }
  const iso = Duration.fromISO(value.trim());
  return iso.isValid ? iso.toMillis() : undefined;
}

/**
 * The health checks an entity asks for: one per `devops/health-url.<env>`
 * annotation, at its own interval kept within the configured bounds.
 */
export function healthTargetsOf(
  entity: Entity,
  bounds: { defaultMs: number; minMs: number; maxMs: number },
): HealthTarget[] {
  const annotations = entity.metadata.annotations ?? {};
  const requested = parseInterval(
    annotations[ANNOTATION_DEVOPS_HEALTH_INTERVAL],
  );
  const intervalMs = Math.min(
    bounds.maxMs,
    Math.max(bounds.minMs, requested ?? bounds.defaultMs),
  );
  const expectStatus = parseExpectedStatus(
    annotations[ANNOTATION_DEVOPS_HEALTH_EXPECT],
  );
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  return Object.entries(annotations)
    .filter(
      ([key, url]) =>
        key.startsWith(ANNOTATION_DEVOPS_HEALTH_URL_PREFIX) && url,
    )
    .map(([key, url]) => ({
      entityRef,
      environment: key
        .slice(ANNOTATION_DEVOPS_HEALTH_URL_PREFIX.length)
        .toLocaleLowerCase('en-US'),
      url: url.trim(),
      intervalMs,
      expectStatus,
      bodyContains: annotations[ANNOTATION_DEVOPS_HEALTH_BODY_CONTAINS],
    }));
}
