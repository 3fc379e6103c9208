import type { Deployment } from '@backstage-devops/plugin-devops-common';
import type { Knex } from 'knex';
import { healthFromRow, HealthRow } from '../health/DatabaseHealthStore';
import type { RecordedHealthCheck } from '../health/HealthStore';
import {
  DeploymentRow,
  rowToDeployment,
} from '../deployments/DatabaseDeploymentStore';
import { rowToState, StateRow } from '../migrations/DatabaseMigrationStore';
import type { MigrationStatesByEnvironment } from '../migrations/MigrationStore';
import type { EnvironmentKey, ReadinessStore } from './ReadinessStore';

// Keeps every statement well under SQLite's bound-parameter limit.
const CHUNK = 250;

function chunked<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    out.push(items.slice(i, i + CHUNK));
  }
  return out;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) {
      list.push(item);
    } else {
      out.set(k, [item]);
    }
  }
  return out;
}

/** Batch reads for readiness and the overview, on PostgreSQL and SQLite. */
export class DatabaseReadinessStore implements ReadinessStore {
  constructor(private readonly db: Knex) {}

  async latestPerEnvironment(keys: EnvironmentKey[]) {
    const result = new Map<
      string,
      Map<string, { latest: Deployment; latestSucceeded?: Deployment }>
    >();
    for (const part of chunked(keys)) {
      if (part.length === 0) {
        continue;
      }
      for (const row of await this.seekNewest(part)) {
        const byEnvironment = result.get(row.entity_ref) ?? new Map();
        const entry = byEnvironment.get(row.environment) ?? {};
        if (row.seek === 'all') {
          entry.latest = rowToDeployment(row);
        } else {
          entry.latestSucceeded = rowToDeployment(row);
        }
        byEnvironment.set(row.environment, entry);
        result.set(row.entity_ref, byEnvironment);
      }
    }
    return result;
  }

  // Two index seeks per entity environment (newest, newest successful) as
  // correlated subqueries over a VALUES list: one statement that both
  // PostgreSQL and SQLite answer from the (entity, environment, sort_at)
  // index without ranking whole histories.
  private async seekNewest(
    keys: EnvironmentKey[],
  ): Promise<Array<DeploymentRow & { seek: 'all' | 'ok' }>> {
    const values = keys.map(() => '(?, ?)').join(', ');
    const bindings = keys.flatMap(k => [k.entityRef, k.environment]);
    const seek = (succeededOnly: boolean) => `
      SELECT d.*, '${succeededOnly ? 'ok' : 'all'}' AS seek
        FROM deployments d
       WHERE d.id IN (
         SELECT (SELECT x.id FROM deployments x
                  WHERE x.entity_ref = t.column1 AND x.environment = t.column2
                    ${succeededOnly ? "AND x.status = 'succeeded'" : ''}
                  ORDER BY x.sort_at DESC, x.id DESC
                  LIMIT 1)
           FROM (VALUES ${values}) AS t)`;
    const result = await this.db.raw(`${seek(false)} UNION ALL ${seek(true)}`, [
      ...bindings,
      ...bindings,
    ]);
    // PostgreSQL answers { rows }, SQLite the rows themselves.
    return Array.isArray(result) ? result : result.rows;
  }

  async deploymentsInWindow(
    environment: string,
    entityRefs: string[],
    from: Date,
    to: Date,
  ) {
    const rows: DeploymentRow[] = [];
    for (const part of chunked(entityRefs)) {
      rows.push(
        ...(await this.db<DeploymentRow>('deployments')
          .whereIn('entity_ref', part)
          .where('environment', environment)
          .where('sort_at', '>=', from)
          .where('sort_at', '<=', to)
          .orderBy([
            { column: 'sort_at', order: 'asc' },
            { column: 'id', order: 'asc' },
          ])),
      );
    }
    const byEntity = groupBy(rows, r => r.entity_ref);
    return new Map(
      [...byEntity].map(([ref, list]) => [ref, list.map(rowToDeployment)]),
    );
  }

  async succeededVersions(
    environment: string,
    wanted: Array<{ entityRef: string; version: string }>,
  ) {
    const want = new Set(wanted.map(w => `${w.entityRef}\n${w.version}`));
    const rows: DeploymentRow[] = [];
    for (const part of chunked(wanted)) {
      rows.push(
        ...(await this.db<DeploymentRow>('deployments')
          .whereIn(
            'entity_ref',
            part.map(w => w.entityRef),
          )
          .whereIn(
            'version',
            part.map(w => w.version),
          )
          .where({ environment, status: 'succeeded' })
          .orderBy([
            { column: 'sort_at', order: 'asc' },
            { column: 'id', order: 'asc' },
          ])),
      );
    }
    // The IN lists cross entities and versions; keep only the pairs asked for.
    const matching = rows.filter(r =>
      want.has(`${r.entity_ref}\n${r.version}`),
    );
    const byEntity = groupBy(matching, r => r.entity_ref);
    return new Map(
      [...byEntity].map(([ref, list]) => [ref, list.map(rowToDeployment)]),
    );
  }

  async migrationStates(entityRefs: string[]) {
    const result = new Map<string, MigrationStatesByEnvironment>();
    for (const part of chunked(entityRefs)) {
      const rows: StateRow[] = await this.db('migration_states')
        .whereIn('entity_ref', part)
        .orderBy([
          { column: 'entity_ref', order: 'asc' },
          { column: 'environment', order: 'asc' },
          { column: 'migration_id', order: 'asc' },
        ]);
      for (const row of rows) {
        const states = result.get(row.entity_ref) ?? new Map();
        const list = states.get(row.environment) ?? [];
        list.push(rowToState(row));
        states.set(row.environment, list);
        result.set(row.entity_ref, states);
      }
    }
    return result;
  }

  async healthCurrent(entityRefs: string[]) {
    const rows: HealthRow[] = [];
    for (const part of chunked(entityRefs)) {
      rows.push(
        ...(await this.db<HealthRow>('health_current').whereIn(
          'entity_ref',
          part,
        )),
      );
    }
    const byEntity = groupBy(rows, r => r.entity_ref);
    return new Map<string, RecordedHealthCheck[]>(
      [...byEntity].map(([ref, list]) => [ref, list.map(healthFromRow)]),
    );
  }
}
