import { InputError, ConflictError } from '@backstage/errors';
import type { Deployment } from '@backstage-devops/plugin-devops-common';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { ConcurrentUpdateError, retryOnConflict } from '../database/conflicts';
import { canMoveDeployment } from './deploymentTransitions';
import type {
  DeploymentRecord,
  DeploymentStore,
  DeploymentWindowOptions,
  ListDeploymentsOptions,
  RecordDeploymentResult,
} from './DeploymentStore';
import {
  isoToDate,
  timestampToIso,
  timestampToMillis,
} from '../database/timestamps';

const TABLE = 'deployments';

export type DeploymentRow = {
  id: number | string;
  entity_ref: string;
  environment: string;
  version: string;
  status: Deployment['status'];
  strategy: Deployment['strategy'] | null;
  external_id: string;
  started_at: Date | string | number | null;
  finished_at: Date | string | number | null;
  sort_at: Date | string | number;
  commit_sha: string | null;
  commit_time: Date | string | number | null;
  actor: string | null;
  url: string | null;
  rollback_of: string | null;
  description: string | null;
  revision: number;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

// Fields a later report may fill in or correct, as column name → record key.
const mutableFields = {
  strategy: 'strategy',
  started_at: 'startedAt',
  finished_at: 'finishedAt',
  commit_sha: 'commitSha',
  commit_time: 'commitTime',
  actor: 'actor',
  url: 'url',
  rollback_of: 'rollbackOf',
  description: 'description',
} as const;
const timestampColumns = new Set(['started_at', 'finished_at', 'commit_time']);

export function rowToDeployment(row: DeploymentRow): Deployment {
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    environment: row.environment,
    version: row.version,
    status: row.status,
    strategy: row.strategy ?? undefined,
    externalId: row.external_id,
    startedAt: timestampToIso(row.started_at),
    finishedAt: timestampToIso(row.finished_at),
    commitSha: row.commit_sha ?? undefined,
    commitTime: timestampToIso(row.commit_time),
    actor: row.actor ?? undefined,
    url: row.url ?? undefined,
    rollbackOf: row.rollback_of ?? undefined,
    description: row.description ?? undefined,
    createdAt: timestampToIso(row.created_at)!,
    updatedAt: timestampToIso(row.updated_at)!,
  };
}

function encodeCursor(row: DeploymentRow): string {
  return Buffer.from(
    JSON.stringify([timestampToMillis(row.sort_at), String(row.id)]),
  ).toString('base64url');
}

function decodeCursor(cursor: string): { sortAt: Date; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const [millis, id] = Array.isArray(value) ? value : [];
    // Only what encodeCursor writes: a real time (Dates span ±8.64e15 ms)
    // and a bigint id, so no value can reach the database as a bad operand.
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(millis) &&
      Math.abs(millis) <= 8.64e15 &&
      typeof id === 'string' &&
      /^\d{1,19}$/.test(id) &&
      BigInt(id) <= 9223372036854775807n
    ) {
      return { sortAt: new Date(millis), id };
    }
  } catch {
    // fall through to the input error
  }
  throw new InputError('cursor: not a cursor this API returned');
}

/** When the deployment happened, as far as the report says. */
function occurredAt(record: DeploymentRecord): Date | null {
  return isoToDate(record.startedAt) ?? isoToDate(record.finishedAt);
}

/** Deployments in the plugin's own database, through knex. */
export class DatabaseDeploymentStore implements DeploymentStore {
  constructor(private readonly db: Knex) {}

  async recordDeployment(
    record: DeploymentRecord,
  ): Promise<RecordDeploymentResult> {
    const result = await retryOnConflict(() => this.upsert(record));
    if (record.rollbackOf && record.status === 'succeeded') {
      await this.markRolledBack(record.entityRef, record.rollbackOf);
    }
    return result;
  }

  private async upsert(
    record: DeploymentRecord,
  ): Promise<RecordDeploymentResult> {
    // Most reports are new deployments: try the insert first and fall back
    // to merging when the idempotency key is taken.
    const inserted = await this.insert(record);
    if (inserted) {
      return { deployment: inserted, created: true };
    }
    const existing = await this.db<DeploymentRow>(TABLE)
      .where({ entity_ref: record.entityRef, external_id: record.externalId })
      .first();
    if (!existing) {
      throw new ConcurrentUpdateError();
    }
    return { deployment: await this.merge(existing, record), created: false };
  }

  private async insert(
    record: DeploymentRecord,
  ): Promise<Deployment | undefined> {
    const now = new Date();
    const row = {
      entity_ref: record.entityRef,
      environment: record.environment,
      version: record.version,
      status: record.status,
      strategy: record.strategy ?? null,
      external_id: record.externalId,
      started_at: isoToDate(record.startedAt),
      finished_at: isoToDate(record.finishedAt),
      sort_at: occurredAt(record) ?? now,
      commit_sha: record.commitSha ?? null,
      commit_time: isoToDate(record.commitTime),
      actor: record.actor ?? null,
      url: record.url ?? null,
      rollback_of: record.rollbackOf ?? null,
      description: record.description ?? null,
      revision: 1,
      created_at: now,
      updated_at: now,
    };
    const returned = await this.db(TABLE)
      .insert(row)
      .onConflict(['entity_ref', 'external_id'])
      .ignore()
      .returning('id');
    if (returned.length === 0) {
      return undefined;
    }
    const id = typeof returned[0] === 'object' ? returned[0].id : returned[0];
    return rowToDeployment({ ...row, id } as DeploymentRow);
  }

  private async merge(
    existing: DeploymentRow,
    record: DeploymentRecord,
  ): Promise<Deployment> {
    if (existing.environment !== record.environment) {
      throw new ConflictError(
        `externalId '${record.externalId}' already names a deployment of ${record.entityRef} to ${existing.environment}, not ${record.environment}`,
      );
    }
    if (existing.version !== record.version) {
      throw new ConflictError(
        `externalId '${record.externalId}' already names version ${existing.version} of ${record.entityRef}, not ${record.version}`,
      );
    }

    const moves = canMoveDeployment(existing.status, record.status);
    const update: Record<string, unknown> = {};
    if (moves) {
      update.status = record.status;
    }
    for (const [column, key] of Object.entries(mutableFields)) {
      const incoming = record[key];
      if (incoming === undefined) {
        continue;
      }
      const current = (existing as Record<string, unknown>)[column];
      // A stale report (its status no longer applies) only fills gaps.
      if (!moves && current !== null && current !== undefined) {
        continue;
      }
      const isTimestamp = timestampColumns.has(column);
      const same = isTimestamp
        ? timestampToMillis(current as any) ===
          DateTime.fromISO(incoming).toMillis()
        : current === incoming;
      if (!same) {
        update[column] = isTimestamp ? isoToDate(incoming) : incoming;
      }
    }
    // The place in history follows the best known time of occurrence: the
    // start, else the finish, else when the first report arrived.
    if (update.started_at) {
      update.sort_at = update.started_at;
    } else if (update.finished_at && !existing.started_at) {
      update.sort_at = update.finished_at;
    }
    if (Object.keys(update).length === 0) {
      return rowToDeployment(existing);
    }

    const now = new Date();
    const changed = await this.db(TABLE)
      .where({ id: existing.id, revision: existing.revision })
      .update({ ...update, revision: existing.revision + 1, updated_at: now });
    if (changed === 0) {
      throw new ConcurrentUpdateError();
    }
    return rowToDeployment({
      ...existing,
      ...update,
      revision: existing.revision + 1,
      updated_at: now,
    } as DeploymentRow);
  }

  // A successful rollback deployment marks the deployment it undid, found by
  // id or external id within the same entity.
  private async markRolledBack(entityRef: string, target: string) {
    await retryOnConflict(async () => {
      const query = this.db<DeploymentRow>(TABLE).where({
        entity_ref: entityRef,
        external_id: target,
      });
      if (/^\d+$/.test(target)) {
        query.orWhere(q =>
          q.where({ entity_ref: entityRef, id: Number(target) }),
        );
      }
      const rows = await query;
      for (const row of rows) {
        if (canMoveDeployment(row.status, 'rolled_back')) {
          const changed = await this.db(TABLE)
            .where({ id: row.id, revision: row.revision })
            .update({
              status: 'rolled_back',
              revision: row.revision + 1,
              updated_at: new Date(),
            });
          if (changed === 0) {
            throw new ConcurrentUpdateError();
          }
        }
      }
    });
  }

  async listDeployments(options: ListDeploymentsOptions) {
    const query = this.db<DeploymentRow>(TABLE)
      .where({ entity_ref: options.entityRef })
      .orderBy([
        { column: 'sort_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit + 1);
    if (options.environment) {
      query.where({ environment: options.environment });
    }
    if (options.status) {
      query.where({ status: options.status });
    }
    if (options.cursor) {
      const { sortAt, id } = decodeCursor(options.cursor);
      query.where(q =>
        q
          .where('sort_at', '<', sortAt)
          .orWhere(q2 => q2.where('sort_at', '=', sortAt).where('id', '<', id)),
      );
    }
    const rows = await query;
    const page = rows.slice(0, options.limit);
    return {
      items: page.map(rowToDeployment),
      nextCursor:
        rows.length > options.limit
          ? encodeCursor(page[page.length - 1])
          : undefined,
    };
  }

  async listDeploymentsInWindow(options: DeploymentWindowOptions) {
    const rows = await this.db<DeploymentRow>(TABLE)
      .where({
        entity_ref: options.entityRef,
        environment: options.environment,
      })
      .where('sort_at', '>=', new Date(options.from))
      .where('sort_at', '<=', new Date(options.to))
      .orderBy([
        { column: 'sort_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(rowToDeployment);
  }

  async getLatestPerEnvironment(entityRef: string, only?: string[]) {
    const environments: string[] =
      only ??
      (
        await this.db(TABLE)
          .distinct('environment')
          .where({ entity_ref: entityRef })
      ).map((row: { environment: string }) => row.environment);
    const result = new Map<
      string,
      { latest: Deployment; latestSucceeded?: Deployment }
    >();
    if (environments.length === 0) {
      return result;
    }

    const rows = await this.seekNewest(entityRef, environments);
    for (const row of rows) {
      const entry = result.get(row.environment) ?? ({} as any);
      if (row.seek === 'all') {
        entry.latest = rowToDeployment(row);
      } else {
        entry.latestSucceeded = rowToDeployment(row);
      }
      result.set(row.environment, entry);
    }
    return result;
  }

  // Two index seeks per environment (newest, newest successful) in one
  // round trip, instead of ranking every deployment the entity has. On
  // PostgreSQL one LATERAL join plans far faster than a UNION of seeks,
  // which matters on the summary's hot path.
  private async seekNewest(
    entityRef: string,
    environments: string[],
  ): Promise<Array<DeploymentRow & { seek: 'ok' | 'all' }>> {
    if (this.db.client.config.client === 'pg') {
      const result = await this.db.raw(
        `SELECT d.*, s.seek
           FROM unnest(?::text[]) AS e(environment)
           CROSS JOIN (VALUES ('all'), ('ok')) AS s(seek)
           CROSS JOIN LATERAL (
             SELECT * FROM ${TABLE}
              WHERE entity_ref = ? AND environment = e.environment
                AND (s.seek = 'all' OR status = 'succeeded')
              ORDER BY sort_at DESC, id DESC
              LIMIT 1) d`,
        [environments, entityRef],
      );
      return result.rows;
    }

    let seekCount = 0;
    const newest = (environment: string, succeededOnly: boolean) => {
      const query = this.db<DeploymentRow>(TABLE)
        .select('*', this.db.raw('? as seek', [succeededOnly ? 'ok' : 'all']))
        .where({ entity_ref: entityRef, environment })
        .orderBy([
          { column: 'sort_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(1);
      if (succeededOnly) {
        query.where({ status: 'succeeded' });
      }
      // SQLite does not take a parenthesised SELECT with LIMIT in a UNION.
      seekCount += 1;
      return this.db.select('*').from(query.as(`seek${seekCount}`));
    };
    const [first, ...rest] = environments.flatMap(env => [
      newest(env, false),
      newest(env, true),
    ]);
    return first.unionAll(rest, false);
  }

  async hasDeployments(entityRef: string): Promise<boolean> {
    const row = await this.db(TABLE)
      .select('id')
      .where({ entity_ref: entityRef })
      .first();
    return Boolean(row);
  }
}
