import type { components } from './generated/openapi';

/**
 * A duration distribution in seconds, with how many samples it came from:
 * the API spec's `DurationStats` schema.
 *
 * @public
 */
export type DurationStats = components['schemas']['DurationStats'];

/**
 * The four DORA metrics for one entity and environment over a window: the
 * API spec's `DoraMetrics` schema.
 *
 * @public
 */
export type DoraMetrics = components['schemas']['DoraMetrics'];

/**
 * What an entity overview needs for one environment: the API spec's
 * `EnvironmentSummary` schema.
 *
 * @public
 */
export type EnvironmentSummary = components['schemas']['EnvironmentSummary'];

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/summary`: the API
 * spec's `EntitySummary` schema.
 *
 * @public
 */
export type EntitySummary = components['schemas']['EntitySummary'];
