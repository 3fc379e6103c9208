import type { components } from './generated/openapi';

/**
 * One environment of one entity in the catalog-wide overview: the API spec's
 * `OverviewEnvironment` schema.
 *
 * @public
 */
export type OverviewEnvironment = components['schemas']['OverviewEnvironment'];

/**
 * One entity's row in `GET /v1/overview`: the API spec's `OverviewEntry`
 * schema.
 *
 * @public
 */
export type OverviewEntry = components['schemas']['OverviewEntry'];

/**
 * Response of
 * `GET /v1/overview?kind=&owner=&system=&lifecycle=&environment=&doraEnvironment=&limit=&cursor=`:
 * the API spec's `OverviewPage` schema.
 *
 * `environment` only narrows the entities (to those having that
 * environment); `doraEnvironment` picks the environment of every entry's
 * DORA figures. Entries are ordered by entity ref; `nextCursor` is opaque and present
 * while more entries follow. `totalItems` counts the entities that matched
 * the filters and that the caller may read.
 *
 * @public
 */
export type OverviewPage = components['schemas']['OverviewPage'];
