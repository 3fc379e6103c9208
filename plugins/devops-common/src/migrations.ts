/** @public */
export const MIGRATION_STATUSES = [
  'applied',
  'pending',
  'failed',
  'rolled_back',
] as const;

/** @public */
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

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
] as const;

/** @public */
export type MigrationTool = (typeof MIGRATION_TOOLS)[number];

/**
 * What a pipeline's migration runner sends to `POST /v1/migrations`.
 *
 * @public
 */
export interface MigrationReportInput {
  entityRef: string;
  environment: string;
  tool: MigrationTool;
  migrations: Array<{
    id: string;
    name?: string;
    checksum?: string;
    status: MigrationStatus;
    appliedAt?: string;
    durationMs?: number;
  }>;
}

/**
 * The current state of one migration in one environment.
 *
 * @public
 */
export interface MigrationState {
  id: string;
  name?: string;
  checksum?: string;
  status: MigrationStatus;
  tool: MigrationTool;
  appliedAt?: string;
  durationMs?: number;
  firstReportedAt: string;
  lastReportedAt: string;
}

/**
 * The migrations of one environment, split by current status.
 *
 * @public
 */
export interface EnvironmentMigrations {
  environment: string;
  lastReportedAt?: string;
  applied: MigrationState[];
  pending: MigrationState[];
  failed: MigrationState[];
  rolledBack: MigrationState[];
}

/**
 * A disagreement between environments about one migration.
 * `not_applied`: applied in some environments, not in others that report
 * migrations. `checksum_mismatch`: applied everywhere it is, but not with the
 * same checksum.
 *
 * @public
 */
export interface MigrationDrift {
  migrationId: string;
  kind: 'not_applied' | 'checksum_mismatch';
  appliedIn: string[];
  notAppliedIn: string[];
  /** Checksum per environment where the migration is applied. */
  checksums: Record<string, string | null>;
}

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/migrations`.
 *
 * @public
 */
export interface EntityMigrations {
  environments: EnvironmentMigrations[];
  drift: MigrationDrift[];
}

/**
 * Response of `POST /v1/migrations`.
 *
 * @public
 */
export interface MigrationReportResult {
  entityRef: string;
  environment: string;
  /** Migrations whose state this report changed. */
  changed: number;
  /** Migrations the report repeated without change. */
  unchanged: number;
}
