import type { components } from './generated/openapi';

/**
 * `up`: answered as expected in time; `degraded`: answered as expected but
 * slower than the configured threshold; `down`: did not; `unknown`: not
 * checked yet. The API spec's `HealthStatus` schema.
 *
 * @public
 */
export type HealthStatus = components['schemas']['HealthStatus'];

/**
 * Why a health check failed: the API spec's `HealthErrorClass` schema.
 *
 * @public
 */
export type HealthErrorClass = components['schemas']['HealthErrorClass'];

/**
 * One health check result: the API spec's `HealthCheckResult` schema.
 *
 * @public
 */
export type HealthCheckResult = components['schemas']['HealthCheckResult'];

/**
 * An environment's health over a window: the API spec's `EnvironmentHealth`
 * schema.
 *
 * @public
 */
export type EnvironmentHealth = components['schemas']['EnvironmentHealth'];

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/health`: the API
 * spec's `EntityHealth` schema.
 *
 * @public
 */
export type EntityHealth = components['schemas']['EntityHealth'];
