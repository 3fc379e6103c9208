import type { MigrationState } from '@backstage-devops/plugin-devops-common';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { ConcurrentUpdateError, retryOnConflict } from '../database/conflicts';
import type {
  MigrationReportRecord,
  MigrationStatesByEnvironment,
  MigrationStore,
  RecordMigrationReportResult,
} from './MigrationStore';
import {
  isoToDate,
  timestampToIso,
  timestampToMillis,
} from '../database/timestamps';

type Timestamp = Date | string | number | null;

export type StateRow = {
  entity_ref: string;
  environment: string;
  migration_id: string;
  name: string | null;
  checksum: string | null;
  status: MigrationState['status'];
  tool: MigrationState['tool'];
  applied_at: Timestamp;
  duration_ms: number | null;
  revision: number;
  first_reported_at: Timestamp;
  last_reported_at: Timestamp;
};

type Incoming = MigrationReportRecord['migrations'][number];

// SQLite allows a limited number of bound parameters per statement.
const CHUNK = 200;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    out.push(items.slice(i, i + CHUNK));
  }
  return out;
}

export function rowToState(row: StateRow): MigrationState {
  return {
    id: row.migration_id,
    name: row.name ?? undefined,
    checksum: row.checksum ?? undefined,
    status: row.status,
    tool: row.tool,
    appliedAt: timestampToIso(row.applied_at),
    durationMs: row.duration_ms ?? undefined,
    firstReportedAt: timestampToIso(row.first_reported_at)!,
    lastReportedAt: timestampToIso(row.last_reported_at)!,
  };
}

/**
 * The state a report asks for, given what is stored. Fields the report leaves
 * out keep their stored value, except that a migration that is no longer
 * applied loses its applied time unless the report gives one.
 */
function nextState(current: StateRow | undefined, m: Incoming, tool: string) {
  const sameStatus = current?.status === m.status;
  let appliedAt: Timestamp = null;
  if (m.appliedAt) {
    appliedAt = isoToDate(m.appliedAt);
  } else if (sameStatus) {
    appliedAt = current?.applied_at ?? null;
  }
  let durationMs: number | null = null;
  if (m.durationMs !== undefined) {
    durationMs = m.durationMs;
  } else if (sameStatus) {
    durationMs = current?.duration_ms ?? null;
  }
  return {
    name: m.name ?? current?.name ?? null,
    checksum: m.checksum ?? current?.checksum ?? null,
    status: m.status,
    tool,
    applied_at: appliedAt,
    duration_ms: durationMs,
  };
}

function differs(current: StateRow, next: ReturnType<typeof nextState>) {
  return (
    current.status !== next.status ||
    current.checksum !== next.checksum ||
    current.name !== next.name ||
    current.tool !== next.tool ||
    (current.duration_ms ?? null) !== (next.duration_ms ?? null) ||
    timestampToMillis(current.applied_at) !==
      (next.applied_at
        ? DateTime.fromJSDate(next.applied_at as Date).toMillis()
        : undefined)
  );
}

/** Migration states and their history in the plugin's own database. */
export class DatabaseMigrationStore implements MigrationStore {
  constructor(private readonly db: Knex) {}

  async recordReport(
    report: MigrationReportRecord,
  ): Promise<RecordMigrationReportResult> {
    // Reports repeat most of what they said last time; collapse repeats of
    // one id within a report to its last entry.
    const byId = new Map(report.migrations.map(m => [m.id, m]));
    return retryOnConflict(() =>
      this.db.transaction(tx => this.apply(tx, report, [...byId.values()])),
    );
  }

  private async apply(
    tx: Knex.Transaction,
    report: MigrationReportRecord,
    migrations: Incoming[],
  ): Promise<RecordMigrationReportResult> {
    const { entityRef, environment, tool } = report;
    const now = new Date();
    const current = new Map<string, StateRow>();
    for (const ids of chunks(migrations.map(m => m.id))) {
      const rows: StateRow[] = await tx('migration_states')
        .where({ entity_ref: entityRef, environment })
        .whereIn('migration_id', ids);
      rows.forEach(row => current.set(row.migration_id, row));
    }

    const inserts: Record<string, unknown>[] = [];
    const history: Record<string, unknown>[] = [];
    const unchanged: string[] = [];
    for (const m of migrations) {
      const cur = current.get(m.id);
      const next = nextState(cur, m, tool);
      if (!cur) {
        inserts.push({
          entity_ref: entityRef,
          environment,
          migration_id: m.id,
          ...next,
          revision: 1,
          first_reported_at: now,
          last_reported_at: now,
        });
        history.push({ migration_id: m.id, revision: 1, ...next });
      } else if (differs(cur, next)) {
        // Guarded by the revision: a concurrent report that changed the
        // same migration makes this update miss and the transaction retry.
        const updated = await tx('migration_states')
          .where({
            entity_ref: entityRef,
            environment,
            migration_id: m.id,
            revision: cur.revision,
          })
          .update({
            ...next,
            revision: cur.revision + 1,
            last_reported_at: now,
          });
        if (updated === 0) {
          throw new ConcurrentUpdateError();
        }
        history.push({
          migration_id: m.id,
          revision: cur.revision + 1,
          ...next,
        });
      } else {
        unchanged.push(m.id);
      }
    }

    for (const batch of chunks(inserts)) {
      await tx('migration_states').insert(batch);
    }
    for (const batch of chunks(history)) {
      await tx('migration_history').insert(
        batch.map(h => ({
          entity_ref: entityRef,
          environment,
          reported_at: now,
          ...h,
        })),
      );
    }
    for (const ids of chunks(unchanged)) {
      await tx('migration_states')
        .where({ entity_ref: entityRef, environment })
        .whereIn('migration_id', ids)
        .update({ last_reported_at: now });
    }
    return { changed: history.length, unchanged: unchanged.length };
  }

  async getStates(entityRef: string): Promise<MigrationStatesByEnvironment> {
    const rows: StateRow[] = await this.db('migration_states')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'environment', order: 'asc' },
        { column: 'migration_id', order: 'asc' },
      ]);
    const result: MigrationStatesByEnvironment = new Map();
    for (const row of rows) {
      const list = result.get(row.environment) ?? [];
      list.push(rowToState(row));
      result.set(row.environment, list);
    }
    return result;
  }

  async countOpen(entityRef: string) {
    const rows: Array<{ environment: string; status: string; count: unknown }> =
      await this.db('migration_states')
        .select('environment', 'status')
        .count({ count: '*' })
        .where({ entity_ref: entityRef })
        .whereIn('status', ['pending', 'failed'])
        .groupBy('environment', 'status');
    const result = new Map<string, { pending: number; failed: number }>();
    for (const row of rows) {
      const entry = result.get(row.environment) ?? { pending: 0, failed: 0 };
      entry[row.status as 'pending' | 'failed'] = Number(row.count);
      result.set(row.environment, entry);
    }
    return result;
  }
}
