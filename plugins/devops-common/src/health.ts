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
  status: Exclude<HealthStatus, 'unknown'>;
  httpStatus?: number;
  latencyMs?: number;
  errorClass?: HealthErrorClass;
  error?: string;
  checkedAt: string;
}

/**
 * An environment's health over a window.
 *
 * @public
 */
export interface EnvironmentHealth {
  environment: string;
  url?: string;
  status: HealthStatus;
  last?: HealthCheckResult;
  /** The newest failed check, for its error class and message. */
  lastFailure?: HealthCheckResult;
  /** Share of checks in the window that were up or degraded, 0–100. */
  uptimePercent?: number;
  checks: number;
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
  entityRef: string;
  since: string;
  environments: EnvironmentHealth[];
}
