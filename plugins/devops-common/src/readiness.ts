/**
 * The outcome of one production-readiness check: `unknown` when the data to
 * decide is not there yet (no deployments, no health URL polled so far).
 *
 * @public
 */
export type ReadinessCheckStatus = 'pass' | 'fail' | 'unknown';

/**
 * A readiness check's result with the fact that decided it, phrased for the
 * service owner who has to act on it.
 *
 * @public
 */
export interface ReadinessCheckResult {
  /** Whether the check passed, failed or could not be decided yet. */
  status: ReadinessCheckStatus;
  /**
   * What decided the result, with its figures, as a sentence for the
   * service owner, for example
   * `No deployment to production finished in the last 30 days.`
   */
  fact: string;
}

/**
 * One evaluated check as the API returns it.
 *
 * @public
 */
export interface EntityReadinessCheck extends ReadinessCheckResult {
  /** Stable id, as named in `devops.readiness.checks` config. */
  id: string;
  /** Short name of the check, for a list. */
  title: string;
  /** What the check requires and why, for the service owner. */
  description: string;
}

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/readiness`.
 *
 * The score is the share of decided checks (pass or fail) that pass, 0–100,
 * rounded; undefined while no check could be decided yet.
 *
 * @public
 */
export interface EntityReadiness {
  /** The entity, as `kind:namespace/name`. */
  entityRef: string;
  /**
   * Share of decided checks that pass, 0–100, rounded; undefined while none is
   * decided.
   */
  score?: number;
  /** Checks that pass. */
  passed: number;
  /** Checks that fail. */
  failed: number;
  /** Checks without the data to decide yet. */
  unknown: number;
  /**
   * Every enabled check, built-in ones and those backend modules add, with
   * its result.
   */
  checks: EntityReadinessCheck[];
  /** When the checks ran (at request time), ISO 8601 in UTC. */
  evaluatedAt: string;
}
