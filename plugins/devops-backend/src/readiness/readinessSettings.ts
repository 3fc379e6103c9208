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
