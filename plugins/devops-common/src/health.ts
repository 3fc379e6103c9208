/**
 * `up`: answered as expected in time; `degraded`: answered as expected but
 * slower than the configured threshold; `down`: did not; `unknown`: not
 * checked yet.
 *
 * @public
 */
export type HealthStatus = 'up' | 'degraded' | 'down' | 'unknown';

/**
 * Why a health check failed.
 *
 * @public
 */
export type HealthErrorClass =
  | 'timeout'
  | 'dns'
  | 'tls'
  | 'connection_refused'
  | 'connection_error'
  | 'unexpected_status'
  | 'body_check_failed'
  | 'too_many_redirects'
  | 'not_allowed';

/**
 * One health check result.
 *
 * @public
 */
export interface HealthCheckResult {
  /** What the check found; a recorded check is never `unknown`. */
  status: Exclude<HealthStatus, 'unknown'>;
  /**
   * The HTTP status of the last response received; undefined when none came.
   */
  httpStatus?: number;
  /**
   * Milliseconds for the whole exchange, redirects included; above the
   * configured degraded threshold (2000 by default) an answer is `degraded`.
   */
  latencyMs?: number;
  /** Why the check failed; set only when `status` is `down`. */
  errorClass?: HealthErrorClass;
  /** What went wrong in words, for display; at most 500 characters. */
  error?: string;
  /** When the check ran, ISO 8601 in UTC. */
  checkedAt: string;
}

/**
 * An environment's health over a window.
 *
 * @public
 */
export interface EnvironmentHealth {
  /** The environment's name. */
  environment: string;
  /**
   * The health URL the entity declares for it
   * (`devops/health-url.<environment>`), else the one last checked.
   */
  url?: string;
  /** The newest check's status; `unknown` before the first check. */
  status: HealthStatus;
  /** The newest check; undefined before the first. */
  last?: HealthCheckResult;
  /** The newest failed check, for its error class and message. */
  lastFailure?: HealthCheckResult;
  /** Share of checks in the window that were up or degraded, 0–100. */
  uptimePercent?: number;
  /** Checks recorded in the window; 0 leaves the figures above undefined. */
  checks: number;
  /**
   * Median and 95th percentile latency in milliseconds of the window's
   * checks that were up or degraded; undefined without such checks.
   */
  latency: { p50Ms?: number; p95Ms?: number };
  /** Oldest first; at most about 200 points, bucketed over the window. */
  history: Array<{
    at: string;
    status: Exclude<HealthStatus, 'unknown'>;
    latencyMs?: number;
  }>;
}

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/health`.
 *
 * @public
 */
export interface EntityHealth {
  /** The entity, as `kind:namespace/name`. */
  entityRef: string;
  /** Start of the window the figures cover (it ends now), ISO 8601 in UTC. */
  since: string;
  /**
   * Environments with a declared health URL or a recorded check, in the
   * entity's promotion order; others follow by name.
   */
  environments: EnvironmentHealth[];
}
