import type { Config } from '@backstage/config';
import type { ReadinessThresholds } from '@backstage-devops/plugin-devops-node';

/** How readiness is judged, from `devops.readiness`. */
export interface ReadinessSettings {
  thresholds: ReadinessThresholds;
  /** The environment name treated as production, when an entity has it. */
  productionEnvironment: string;
  /** The environment name treated as staging, when an entity has it. */
  stagingEnvironment: string;
  /** Check ids switched off with `checks.<id>.enabled: false`. */
  disabled: Set<string>;
  /** Check ids named under `checks`, to warn about ones nobody provides. */
  configured: string[];
}

export const DEFAULT_READINESS_THRESHOLDS: ReadinessThresholds = {
  changeFailureRate: 0.15,
  timeToRestoreHours: 24,
  windowDays: 30,
};

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

/**
 * Production is the configured production name when the entity has it,
 * else its last environment; staging is the configured staging name when
 * it comes before production, else the environment promoted from.
 */
export function productionAndStaging(
  environments: string[],
  settings: Pick<
    ReadinessSettings,
    'productionEnvironment' | 'stagingEnvironment'
  >,
): { production: string; staging?: string } {
  const production = environments.includes(settings.productionEnvironment)
    ? settings.productionEnvironment
    : environments[environments.length - 1] ?? settings.productionEnvironment;
  const before = environments.slice(0, environments.indexOf(production));
  const staging = before.includes(settings.stagingEnvironment)
    ? settings.stagingEnvironment
    : before[before.length - 1];
  return { production, staging };
}
