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
