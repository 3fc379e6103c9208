import { readDurationFromConfig, type Config } from '@backstage/config';
import { Duration } from 'luxon';

/** Limits of what ingestion accepts; from `devops.ingestion`. */
export interface IngestionLimits {
  /** How far in the future a reported time may lie, for clock skew. */
  maxClockSkewMs: number;
  /** Kinds whose entities can be deployed, lower-cased. */
  entityKinds: string[];
}

export const DEFAULT_INGESTION_LIMITS: IngestionLimits = {
  maxClockSkewMs: 5 * 60_000,
  entityKinds: ['component', 'resource'],
};

/**
 * Reads `devops.ingestion.maxClockSkew` (a duration such as `{ minutes: 5 }`
 * or `5m`; default five minutes) and `devops.ingestion.entityKinds`
 * (default Component and Resource), failing startup on nonsense.
 */
export function readIngestionLimits(config: Config): IngestionLimits {
  const ingestion = config.getOptionalConfig('devops.ingestion');
  let maxClockSkewMs = DEFAULT_INGESTION_LIMITS.maxClockSkewMs;
  if (ingestion?.has('maxClockSkew')) {
    maxClockSkewMs = Duration.fromObject(
      readDurationFromConfig(ingestion, { key: 'maxClockSkew' }),
    ).toMillis();
    if (!(maxClockSkewMs >= 0 && maxClockSkewMs <= 86_400_000)) {
      throw new Error(
        'devops.ingestion.maxClockSkew must be a duration between 0 and 24 hours',
      );
    }
  }
  const kinds = ingestion?.getOptionalStringArray('entityKinds');
  if (kinds && kinds.length === 0) {
    throw new Error(
      'devops.ingestion.entityKinds must name at least one kind, such as Component',
    );
  }
  return {
    maxClockSkewMs,
    entityKinds: kinds
      ? kinds.map(k => k.toLocaleLowerCase('en-US'))
      : DEFAULT_INGESTION_LIMITS.entityKinds,
  };
}
