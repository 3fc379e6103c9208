import type { Knex } from 'knex';
import { timestampToIso, timestampToMillis } from '../database/timestamps';
import type { HealthStore, RecordedHealthCheck } from './HealthStore';

export type HealthRow = {
  entity_ref: string;
  environment: string;
  url: string;
  status: RecordedHealthCheck['status'];
  http_status: number | null;
  latency_ms: number | null;
  error_class: RecordedHealthCheck['errorClass'] | null;
  error_message: string | null;
  checked_at: Date | string | number;
};

const CHUNK = 100;

function toRow(check: RecordedHealthCheck): HealthRow {
  return {
    entity_ref: check.entityRef,
    environment: check.environment,
    url: check.url,
    status: check.status,
    http_status: check.httpStatus ?? null,
    latency_ms: check.latencyMs ?? null,
    error_class: check.errorClass ?? null,
    error_message: check.error ?? null,
    checked_at: new Date(check.checkedAt),
  };
}

export function healthFromRow(row: HealthRow): RecordedHealthCheck {
  return {
    entityRef: row.entity_ref,
    environment: row.environment,
    url: row.url,
    status: row.status,
    httpStatus: row.http_status ?? undefined,
    latencyMs: row.latency_ms ?? undefined,
    errorClass: row.error_class ?? undefined,
    error: row.error_message ?? undefined,
    checkedAt: timestampToIso(row.checked_at)!,
  };
}

/** Health history and current state in the plugin's own database. */
export class DatabaseHealthStore implements HealthStore {
  constructor(private readonly db: Knex) {}

  async recordChecks(checks: RecordedHealthCheck[]): Promise<void> {
    if (checks.length === 0) {
      return;
    }
    const rows = checks.map(toRow);
    // The current state is the newest check per entity environment: one row
    // per key from this batch (an upsert may not touch a row twice), and
    // never replacing a newer stored check.
    const newest = new Map<string, HealthRow>();
    for (const row of rows) {
      const key = `${row.entity_ref}|${row.environment}`;
      const seen = newest.get(key);
      if (!seen || (row.checked_at as Date) > (seen.checked_at as Date)) {
        newest.set(key, row);
      }
    }
    const current = [...newest.values()];
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx('health_checks').insert(rows.slice(i, i + CHUNK));
      }
      for (let i = 0; i < current.length; i += CHUNK) {
        await tx('health_current')
          .insert(current.slice(i, i + CHUNK))
          .onConflict(['entity_ref', 'environment'])
          .merge()
          .where(
            'health_current.checked_at',
            '<',
            tx.ref('excluded.checked_at'),
          );
      }
    });
  }

  async lastCheckTimes(): Promise<Map<string, number>> {
    const rows: Array<
      Pick<HealthRow, 'entity_ref' | 'environment' | 'checked_at'>
    > = await this.db('health_current').select(
      'entity_ref',
      'environment',
      'checked_at',
    );
    return new Map(
      rows.map(r => [
        `${r.entity_ref}|${r.environment}`,
        timestampToMillis(r.checked_at)!,
      ]),
    );
  }

  async current(entityRef: string): Promise<RecordedHealthCheck[]> {
    const rows: HealthRow[] = await this.db('health_current').where({
      entity_ref: entityRef,
    });
    return rows.map(healthFromRow);
  }

  async history(
    entityRef: string,
    since: Date,
  ): Promise<RecordedHealthCheck[]> {
    const rows: HealthRow[] = await this.db('health_checks')
      .where({ entity_ref: entityRef })
      .where('checked_at', '>=', since)
      .orderBy('checked_at', 'asc');
    return rows.map(healthFromRow);
  }

  async prune(before: Date): Promise<number> {
    return this.db('health_checks').where('checked_at', '<', before).delete();
  }
}
