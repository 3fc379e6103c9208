import type { Knex } from 'knex';
import type { HealthStore } from '../health/HealthStore';
import type { DeploymentStore } from '../deployments/DeploymentStore';
import type { MigrationStore } from '../migrations/MigrationStore';
import type {
  EntitySummaryData,
  SummaryHead,
  SummaryStore,
} from './SummaryStore';
import { timestampToIso } from '../database/timestamps';

type HeadOrCountRow = {
  kind: 'head' | 'open' | 'health';
  seek: string;
  environment: string;
  id: string | number | null;
  version: string | null;
  status: string;
  actor: string | null;
  strategy: string | null;
  /** A deployment's finish, else start, else creation; a health check's time. */
  at: Date | null;
  n: string | number | null;
};

// Environment counts up to this one get a named statement per count; an
// entity with more (rare: environments come from config or an annotation)
// still gets the same statement, planned on every call.
const MAX_NAMED_ENVIRONMENT_COUNT = 12;

const summaryStatements = new Map<number, { name?: string; text: string }>();

/**
 * The summary statement for `count` environments, as $2..$(count+1) with the
 * entity ref as $1. Named, so PostgreSQL parses it once per connection and,
 * after its first executions, reuses one generic plan instead of planning the
 * LATERAL union on every request (planning took three times as long as
 * running it). The environments are separate parameters rather than one
 * array because the planner guesses ten elements for an array parameter,
 * which makes the generic plan look three times dearer than a custom one,
 * so it would never be chosen.
 */
function summaryStatement(count: number): { name?: string; text: string } {
  const known = summaryStatements.get(count);
  if (known) {
    return known;
  }
  const values = Array.from(
    { length: count },
    (_, i) => `($${i + 2}::text)`,
  ).join(', ');
  const statement = {
    name:
      count <= MAX_NAMED_ENVIRONMENT_COUNT
        ? `devops_entity_summary_v2_${count}`
        : undefined,
    text: `SELECT 'head' AS kind, s.seek, d.environment, d.id, d.version,
                d.status, d.actor, d.strategy,
                COALESCE(d.finished_at, d.started_at, d.created_at) AS at,
                NULL::bigint AS n
           FROM (VALUES ${values}) AS e(environment)
          CROSS JOIN (VALUES ('all'), ('ok')) AS s(seek)
          CROSS JOIN LATERAL (
            SELECT * FROM deployments
             WHERE entity_ref = $1 AND environment = e.environment
               AND (s.seek = 'all' OR status = 'succeeded')
             ORDER BY sort_at DESC, id DESC
             LIMIT 1) d
         UNION ALL
         SELECT 'open', NULL, environment, NULL, NULL, status, NULL, NULL,
                NULL, count(*)
           FROM migration_states
          WHERE entity_ref = $1 AND status IN ('pending', 'failed')
          GROUP BY environment, status
         UNION ALL
         SELECT 'health', NULL, environment, NULL, NULL, status, NULL, NULL,
                checked_at, NULL
           FROM health_current
          WHERE entity_ref = $1`,
  };
  if (statement.name) {
    summaryStatements.set(count, statement);
  }
  return statement;
}

type PgConnection = {
  query(statement: {
    name?: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: HeadOrCountRow[] }>;
};

/**
 * Reads an entity summary. The summary is the most requested read (every
 * entity page and overview row), so on PostgreSQL it is one statement: the
 * newest and newest successful deployment of each environment through
 * index seeks in a LATERAL join, and the open migration counts, in a single
 * round trip with a single plan, together with the current health.
 * Elsewhere it asks the stores.
 */
export class DatabaseSummaryStore implements SummaryStore {
  constructor(
    private readonly db: Knex,
    private readonly deployments: DeploymentStore,
    private readonly migrations: MigrationStore,
    private readonly healthStore: HealthStore,
  ) {}

  async read(
    entityRef: string,
    environments?: string[],
  ): Promise<EntitySummaryData> {
    if (
      environments &&
      environments.length > 0 &&
      this.db.client.config.client === 'pg'
    ) {
      return this.readInOneStatement(entityRef, environments);
    }
    const [latest, openMigrations, current] = await Promise.all([
      this.deployments.getLatestPerEnvironment(entityRef, environments),
      this.migrations.countOpen(entityRef),
      this.healthStore.current(entityRef),
    ]);
    const health: EntitySummaryData['health'] = new Map(
      current.map(c => [
        c.environment,
        { status: c.status, checkedAt: c.checkedAt },
      ]),
    );
    const deployments: EntitySummaryData['deployments'] = new Map();
    for (const [environment, entry] of latest) {
      const d = entry.latest;
      deployments.set(environment, {
        latest: {
          id: d.id,
          version: d.version,
          status: d.status,
          actor: d.actor,
          strategy: d.strategy,
          at: d.finishedAt ?? d.startedAt ?? d.createdAt,
        },
        runningVersion: entry.latestSucceeded?.version,
      });
    }
    return { deployments, openMigrations, health };
  }

  private async readInOneStatement(
    entityRef: string,
    environments: string[],
  ): Promise<EntitySummaryData> {
    const rows = await this.queryPrepared(
      summaryStatement(environments.length),
      [entityRef, ...environments],
    );

    const deployments: EntitySummaryData['deployments'] = new Map();
    const openMigrations: EntitySummaryData['openMigrations'] = new Map();
    const health: EntitySummaryData['health'] = new Map();
    for (const row of rows) {
      if (row.kind === 'health') {
        health.set(row.environment, {
          status: row.status as 'up' | 'degraded' | 'down',
          checkedAt: timestampToIso(row.at)!,
        });
        continue;
      }
      if (row.kind === 'open') {
        const entry = openMigrations.get(row.environment) ?? {
          pending: 0,
          failed: 0,
        };
        entry[row.status as 'pending' | 'failed'] = Number(row.n);
        openMigrations.set(row.environment, entry);
        continue;
      }
      const entry =
        deployments.get(row.environment) ??
        ({} as { latest: SummaryHead; runningVersion?: string });
      if (row.seek === 'all') {
        entry.latest = {
          id: String(row.id),
          version: row.version!,
          status: row.status as SummaryHead['status'],
          actor: row.actor ?? undefined,
          strategy: (row.strategy ?? undefined) as SummaryHead['strategy'],
          at: timestampToIso(row.at)!,
        };
      } else {
        entry.runningVersion = row.version!;
      }
      deployments.set(row.environment, entry);
    }
    return { deployments, openMigrations, health };
  }

  // Knex has no named statements, so this borrows a connection from its
  // pool; knex still owns the pool, its limits and its connection checks.
  private async queryPrepared(
    statement: { name?: string; text: string },
    values: unknown[],
  ): Promise<HeadOrCountRow[]> {
    const client = this.db.client as {
      acquireConnection(): Promise<PgConnection>;
      releaseConnection(connection: PgConnection): Promise<void>;
    };
    const connection = await client.acquireConnection();
    try {
      const { rows } = await connection.query({ ...statement, values });
      return rows;
    } finally {
      await client.releaseConnection(connection);
    }
  }
}
