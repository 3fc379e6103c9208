import type { components } from './generated/openapi';

/**
 * The states a migration runner can report for one migration: the values
 * the `status` field accepts.
 *
 * @public
 */
export const MIGRATION_STATUSES = [
  'applied',
  'pending',
  'failed',
  'rolled_back',
] as const satisfies readonly MigrationStatus[];

/**
 * A migration's state in one environment; one of {@link MIGRATION_STATUSES}.
 * `pending`: known to the runner but not applied yet; `failed`: its last
 * run failed; `rolled_back`: applied once, then undone. The API spec's
 * `MigrationStatus` schema.
 *
 * @public
 */
export type MigrationStatus = components['schemas']['MigrationStatus'];

/**
 * Migration tools our templates generate runners for; `other` for the rest.
 *
 * @public
 */
export const MIGRATION_TOOLS = [
  'flyway',
  'liquibase',
  'knex',
  'prisma',
  'alembic',
  'other',
] as const satisfies readonly MigrationTool[];

/**
 * The tool that ran the migrations; one of {@link MIGRATION_TOOLS}. Stored
 * with each migration's state for whoever reads the API. The API spec's
 * `MigrationTool` schema.
 *
 * @public
 */
export type MigrationTool = components['schemas']['MigrationTool'];

/**
 * What a pipeline's migration runner sends to `POST /v1/migrations`: the API
 * spec's `MigrationReportInput` schema.
 *
 * @public
 */
export type MigrationReportInput =
  components['schemas']['MigrationReportInput'];

/**
 * The current state of one migration in one environment: the API spec's
 * `MigrationState` schema.
 *
 * @public
 */
export type MigrationState = components['schemas']['MigrationState'];

/**
 * The migrations of one environment, split by current status: the API
 * spec's `EnvironmentMigrations` schema.
 *
 * @public
 */
export type EnvironmentMigrations =
  components['schemas']['EnvironmentMigrations'];

/**
 * A disagreement between environments about one migration: the API spec's
 * `MigrationDrift` schema. `not_applied`: applied in some environments, not
 * in others that report migrations. `checksum_mismatch`: applied everywhere
 * it is, but not with the same checksum.
 *
 * @public
 */
export type MigrationDrift = components['schemas']['MigrationDrift'];

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/migrations`: the
 * API spec's `EntityMigrations` schema.
 *
 * @public
 */
export type EntityMigrations = components['schemas']['EntityMigrations'];

/**
 * Response of `POST /v1/migrations`: the API spec's `MigrationReportResult`
 * schema.
 *
 * @public
 */
export type MigrationReportResult =
  components['schemas']['MigrationReportResult'];
