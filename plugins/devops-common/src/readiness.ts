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
  status: ReadinessCheckStatus;
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
  title: string;
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
  entityRef: string;
  score?: number;
  passed: number;
  failed: number;
  unknown: number;
  checks: EntityReadinessCheck[];
  evaluatedAt: string;
}
