import type { LoggerService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { Duration } from 'luxon';

/** A duration key, and the number-in-a-unit key it replaces. */
export interface DurationKey {
  /** Full key, e.g. `devops.health.interval`. */
  key: string;
  defaultMs: number;
  /** Smallest accepted value; 0 unless given. */
  minMs?: number;
  /** Largest accepted value. */
  maxMs?: number;
  /** What the bounds mean, for the error message. */
  expected: string;
  deprecated?: {
    /** Full key, e.g. `devops.health.intervalSeconds`. */
    key: string;
    /** Milliseconds in one unit of the old key. */
    unitMs: number;
  };
}

/**
 * Reads a duration in Backstage's forms (`{ seconds: 30 }`, `30s`, `PT30S`)
 * as milliseconds. The old number-in-a-unit key is still read, with a
 * warning naming its replacement, and ignored when both are set.
 */
export function readDurationMs(
  config: Config,
  logger: LoggerService,
  spec: DurationKey,
): number {
  const { key, deprecated } = spec;
  let ms = spec.defaultMs;
  if (config.has(key)) {
    ms = Duration.fromObject(
      readDurationFromConfig(config, { key }),
    ).toMillis();
    if (deprecated && config.has(deprecated.key)) {
      logger.warn(
        `${deprecated.key} is deprecated and ignored since ${key} is set; remove it`,
      );
    }
  } else if (deprecated && config.has(deprecated.key)) {
    ms = config.getNumber(deprecated.key) * deprecated.unitMs;
    logger.warn(
      `${deprecated.key} is deprecated; use ${key}, a duration such as { seconds: 30 }, '30s' or 'PT30S'`,
    );
  } else {
    return ms;
  }
  const used = config.has(key) || !deprecated ? key : deprecated.key;
  const inRange =
    Number.isFinite(ms) &&
    ms >= (spec.minMs ?? 0) &&
    (spec.maxMs === undefined || ms <= spec.maxMs);
  if (!inRange) {
    throw new Error(`${used} must be ${spec.expected}`);
  }
  return ms;
}
