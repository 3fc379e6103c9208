import type { Config } from '@backstage/config';
import {
  DEFAULT_READINESS_THRESHOLDS,
  type ReadinessSettings,
} from '../readiness/readinessSettings';

function bounded(
  config: Config | undefined,
  key: string,
  fallback: number,
  valid: (n: number) => boolean,
  expected: string,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!valid(value)) {
    throw new Error(
      `devops.readiness.thresholds.${key} must be ${expected}, got ${value}`,
    );
  }
  return value;
}

/** Reads `devops.readiness`, failing startup on a value that makes no sense. */
export function readReadinessSettings(config: Config): ReadinessSettings {
  const readiness = config.getOptionalConfig('devops.readiness');
  const thresholds = readiness?.getOptionalConfig('thresholds');
  const checks = readiness?.getOptionalConfig('checks');
  const configured = checks?.keys() ?? [];
  return {
    thresholds: {
      changeFailureRate: bounded(
        thresholds,
        'changeFailureRate',
        DEFAULT_READINESS_THRESHOLDS.changeFailureRate,
        n => n >= 0 && n <= 1,
        'a share between 0 and 1',
      ),
      timeToRestoreHours: bounded(
        thresholds,
        'timeToRestoreHours',
        DEFAULT_READINESS_THRESHOLDS.timeToRestoreHours,
        n => n > 0,
        'a positive number of hours',
      ),
      windowDays: bounded(
        thresholds,
        'windowDays',
        DEFAULT_READINESS_THRESHOLDS.windowDays,
        n => Number.isInteger(n) && n >= 1 && n <= 365,
        'a whole number of days from 1 to 365',
      ),
    },
    productionEnvironment:
      readiness?.getOptionalString('productionEnvironment') ?? 'production',
    stagingEnvironment:
      readiness?.getOptionalString('stagingEnvironment') ?? 'staging',
    disabled: new Set(
      configured.filter(
        id => checks!.getOptionalBoolean(`${id}.enabled`) === false,
      ),
    ),
    configured,
  };
}
