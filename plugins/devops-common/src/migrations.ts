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
] as const;

/**
 * A migration's state in one environment; one of {@link MIGRATION_STATUSES}.
 * `pending`: known to the runner but not applied yet; `failed`: its last
 * run failed; `rolled_back`: applied once, then undone.
 *
 * @public
 */
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

/**
 * The tool that ran the migrations; one of {@link MIGRATION_TOOLS}. Stored
 * with each migration's state for whoever reads the API.
 *
 * @public
 */
export type MigrationTool = (typeof MIGRATION_TOOLS)[number];

/**
 * What a pipeline's migration runner sends to `POST /v1/migrations`.
 *
 * @public
 */
export interface MigrationReportInput {
  /** The catalog entity whose database this is, as `kind:namespace/name`. */
  entityRef: string;
  /** One of the entity's environments (case-insensitive). */
  environment: string;
  /** The tool that produced the report. */
  tool: MigrationTool;
  /**
   * Every migration the runner knows, 1 to 10,000 of them. Migrations left
   * out keep their stored state.
   */
  migrations: Array<{
    /**
     * The tool's id of the migration (version or file name); unique within the
     * report.
     */
    id: string;
    /** A readable name, for display. */
    name?: string;
    /**
     * The tool's checksum of the migration; environments that applied the
     * same id with different checksums show as drift.
     */
    checksum?: string;
    /** The migration's state in this environment. */
    status: MigrationStatus;
    /** When it was applied, ISO 8601. */
    appliedAt?: string;
    /** How long applying it took, in milliseconds. */
    durationMs?: number;
  }>;
}

/**
 * The current state of one migration in one environment.
 *
 * @public
 */
export interface MigrationState {
  /** The tool's id of the migration. */
  id: string;
  /** A readable name, when reported. */
  name?: string;
  /**
   * The checksum last reported, as a string even when the tool gave a number.
   */
  checksum?: string;
  /** The state last reported. */
  status: MigrationStatus;
  /** The tool of the last report. */
  tool: MigrationTool;
  /** When it was applied, ISO 8601 in UTC, when reported. */
  appliedAt?: string;
  /** How long applying it took, in milliseconds, when reported. */
  durationMs?: number;
  /**
   * When a report first named this migration for the environment, ISO 8601 in
   * UTC.
   */
  firstReportedAt: string;
  /** When a report last named it, ISO 8601 in UTC. */
  lastReportedAt: string;
}

/**
 * The migrations of one environment, split by current status.
 *
 * @public
 */
export interface EnvironmentMigrations {
  /** The environment's name. */
  environment: string;
  /** The newest `lastReportedAt` of its migrations, ISO 8601 in UTC. */
  lastReportedAt?: string;
  /** Migrations whose state is `applied`. */
  applied: MigrationState[];
  /** Migrations whose state is `pending`. */
  pending: MigrationState[];
  /** Migrations whose state is `failed`. */
  failed: MigrationState[];
  /** Migrations whose state is `rolled_back`. */
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
  /** The migration's id, as the tool names it. */
  migrationId: string;
  /** What the environments disagree about; see above. */
  kind: 'not_applied' | 'checksum_mismatch';
  /** Environments where the migration is applied, in promotion order. */
  appliedIn: string[];
  /**
   * Environments that report migrations but not this one as applied, in
   * promotion order. Environments that never reported are left out.
   */
  notAppliedIn: string[];
  /**
   * Checksum per environment where the migration is applied; `null` where
   * it was applied without a checksum, which never counts as a mismatch.
   */
  checksums: Record<string, string | null>;
}

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/migrations`.
 *
 * @public
 */
export interface EntityMigrations {
  /**
   * Environments that reported migrations, in the entity's promotion order;
   * others follow by name.
   */
  environments: EnvironmentMigrations[];
  /** Disagreements between those environments, by migration id. */
  drift: MigrationDrift[];
}

/**
 * Response of `POST /v1/migrations`.
 *
 * @public
 */
export interface MigrationReportResult {
  /** The entity the report was recorded for. */
  entityRef: string;
  /** The environment the report was recorded for. */
  environment: string;
  /** Migrations whose state this report changed. */
  changed: number;
  /** Migrations the report repeated without change. */
  unchanged: number;
}
