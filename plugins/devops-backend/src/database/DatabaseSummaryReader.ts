import type { Knex } from 'knex';
import type { HealthStore } from '../health/HealthStore';
import type { DeploymentStore } from './DeploymentStore';
import type { MigrationStore } from './MigrationStore';
import type {
  EntitySummaryData,
  SummaryHead,
  SummaryReader,
} from './SummaryReader';
import { timestampToIso } from './timestamps';

type HeadOrCountRow = {
  kind: 'head' | 'open' | 'health';
  seek: string;
  environment: string;
  id: string | number | null;
  version: string | null;
  status: string;
  actor: string | null;
  strategy: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  created_at: Date | null;
  n: string | number | null;
};

/**
 * Reads an entity summary. The summary is the most requested read (every
 * entity page and overview row), so on PostgreSQL it is one statement: the
 * newest and newest successful deployment of each environment through
 * index seeks in a LATERAL join, and the open migration counts, in a single
 * round trip with a single plan, together with the current health.
 * Elsewhere it asks the stores.
 */
export class DatabaseSummaryReader implements SummaryReader {
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
    if (environments && this.db.client.config.client === 'pg') {
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
    const { rows } = (await this.db.raw(
      `SELECT 'head' AS kind, s.seek, d.environment, d.id, d.version,
              d.status, d.actor, d.strategy, d.started_at, d.finished_at,
              d.created_at, NULL::bigint AS n
         FROM unnest(?::text[]) AS e(environment)
        CROSS JOIN (VALUES ('all'), ('ok')) AS s(seek)
        CROSS JOIN LATERAL (
          SELECT * FROM deployments
           WHERE entity_ref = ? AND environment = e.environment
             AND (s.seek = 'all' OR status = 'succeeded')
           ORDER BY sort_at DESC, id DESC
           LIMIT 1) d
       UNION ALL
       SELECT 'open', NULL, environment, NULL, NULL, status, NULL, NULL, NULL,
              NULL, NULL, count(*)
         FROM migration_states
        WHERE entity_ref = ? AND status IN ('pending', 'failed')
        GROUP BY environment, status
       UNION ALL
       SELECT 'health', NULL, environment, NULL, NULL, status, NULL, NULL, NULL,
              NULL, checked_at, NULL
         FROM health_current
        WHERE entity_ref = ?`,
      [environments, entityRef, entityRef, entityRef],
    )) as { rows: HeadOrCountRow[] };

    const deployments: EntitySummaryData['deployments'] = new Map();
    const openMigrations: EntitySummaryData['openMigrations'] = new Map();
    const health: EntitySummaryData['health'] = new Map();
    for (const row of rows) {
      if (row.kind === 'health') {
        health.set(row.environment, {
          status: row.status as 'up' | 'degraded' | 'down',
          checkedAt: timestampToIso(row.created_at)!,
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
          at: timestampToIso(
            row.finished_at ?? row.started_at ?? row.created_at,
          )!,
        };
      } else {
        entry.runningVersion = row.version!;
      }
      deployments.set(row.environment, entry);
    }
    return { deployments, openMigrations, health };
  }
}
