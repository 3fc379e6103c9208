import type { components } from './generated/openapi';

/**
 * The outcome of one production-readiness check: `unknown` when the data to
 * decide is not there yet (no deployments, no health URL polled so far).
 * The API spec's `ReadinessCheckStatus` schema.
 *
 * @public
 */
export type ReadinessCheckStatus =
  components['schemas']['ReadinessCheckStatus'];

/**
 * A readiness check's result with the fact that decided it, phrased for the
 * service owner who has to act on it: what a check computes, before the
 * API adds its id, title and description.
 *
 * @public
 */
export type ReadinessCheckResult = Pick<
  components['schemas']['ReadinessCheck'],
  'status' | 'fact'
>;

/**
 * One evaluated check as the API returns it: the API spec's `ReadinessCheck`
 * schema.
 *
 * @public
 */
export type EntityReadinessCheck = components['schemas']['ReadinessCheck'];

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/readiness`: the API
 * spec's `EntityReadiness` schema.
 *
 * The score is the share of decided checks (pass or fail) that pass, 0–100,
 * rounded; undefined while no check could be decided yet.
 *
 * @public
 */
export type EntityReadiness = components['schemas']['EntityReadiness'];
