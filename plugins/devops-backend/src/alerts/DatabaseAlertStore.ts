import type { Knex } from 'knex';
import { retryOnConflict } from '../database/conflicts';
import { timestampToIso, timestampToMillis } from '../database/timestamps';
import type { AlertSourceState, AlertStore, StoredAlert } from './AlertStore';
import { lastStatePerFingerprint, supersedes } from './alertStates';

type Timestamp = Date | string | number | null;

type Row = {
  fingerprint: string;
  status: StoredAlert['status'];
  alertname: string | null;
  severity: StoredAlert['severity'];
  labels: string;
  annotations: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  generator_url: string | null;
  external_url: string | null;
  source: StoredAlert['source'];
  updated_at: Timestamp;
};

const SOURCE = 'alertmanager';

function toRow(alert: StoredAlert) {
  return {
    fingerprint: alert.fingerprint,
    status: alert.status,
    alertname: alert.alertname ?? null,
    severity: alert.severity,
    labels: JSON.stringify(alert.labels),
    annotations: JSON.stringify(alert.annotations),
    starts_at: new Date(alert.startsAt),
    ends_at: alert.endsAt ? new Date(alert.endsAt) : null,
    generator_url: alert.generatorUrl ?? null,
    external_url: alert.externalUrl ?? null,
    source: alert.source,
    updated_at: new Date(alert.updatedAt),
  };
}

function fromRow(row: Row): StoredAlert {
  return {
    fingerprint: row.fingerprint,
    status: row.status,
    alertname: row.alertname ?? undefined,
    severity: row.severity,
    labels: JSON.parse(row.labels),
    annotations: JSON.parse(row.annotations),
    startsAt: timestampToIso(row.starts_at)!,
    endsAt: timestampToIso(row.ends_at),
    generatorUrl: row.generator_url ?? undefined,
    externalUrl: row.external_url ?? undefined,
    source: row.source,
    updatedAt: timestampToIso(row.updated_at)!,
  };
}

/**
 * The entity an alert is routed to by its labels (`backstage_entity`, else
 * `service`), for capping resolved alerts per entity without the catalog;
 * alerts routed only by an entity's selector share the key of their labels.
 */
function routingKeyOf(labelsJson: string): string {
  const labels = JSON.parse(labelsJson) as Record<string, string>;
  const entity = labels.backstage_entity?.toLocaleLowerCase('en-US');
  if (entity) {
    return `entity:${entity}`;
  }
  return labels.service ? `service:${labels.service}` : 'unrouted';
}

/** Alerts in the plugin's own database. */
export class DatabaseAlertStore implements AlertStore {
  constructor(private readonly db: Knex) {}

  async upsert(batch: StoredAlert[]): Promise<void> {
    // A fingerprint twice in one batch would insert one row twice.
    const alerts = lastStatePerFingerprint(batch);
    if (alerts.length === 0) {
      return;
    }
    await retryOnConflict(() =>
      this.db.transaction(async tx => {
        const existing = new Map<string, Row>();
        const fingerprints = alerts.map(a => a.fingerprint);
        for (let i = 0; i < fingerprints.length; i += 200) {
          const rows: Row[] = await tx('alerts').whereIn(
            'fingerprint',
            fingerprints.slice(i, i + 200),
          );
          rows.forEach(r => existing.set(r.fingerprint, r));
        }
        for (const alert of alerts) {
          const stored = existing.get(alert.fingerprint);
          if (!stored) {
            await tx('alerts').insert(toRow(alert));
          } else if (
            supersedes(
              {
                status: stored.status,
                startsAtMs: timestampToMillis(stored.starts_at)!,
              },
              { status: alert.status, startsAtMs: Date.parse(alert.startsAt) },
            )
          ) {
            await tx('alerts')
              .where({ fingerprint: alert.fingerprint })
              .update(toRow(alert));
          }
        }
      }),
    );
  }

  async list(options: { resolvedSince?: Date }): Promise<StoredAlert[]> {
    const query = this.db<Row>('alerts').where({ status: 'firing' });
    if (options.resolvedSince) {
      query.orWhere(q =>
        q
          .where({ status: 'resolved' })
          .where('updated_at', '>=', options.resolvedSince!),
      );
    }
    const rows = await query.orderBy('starts_at', 'desc');
    return rows.map(fromRow);
  }

  async resolveMissing(active: Set<string>, at: Date): Promise<number> {
    const firing: Array<Pick<Row, 'fingerprint'>> = await this.db('alerts')
      .select('fingerprint')
      .where({ status: 'firing' });
    const gone = firing.map(r => r.fingerprint).filter(f => !active.has(f));
    for (let i = 0; i < gone.length; i += 200) {
      await this.db('alerts')
        .whereIn('fingerprint', gone.slice(i, i + 200))
        .where({ status: 'firing' })
        .update({
          status: 'resolved',
          ends_at: at,
          updated_at: at,
          source: 'sync',
        });
    }
    return gone.length;
  }

  async pruneResolved(options: {
    before: Date;
    keep: number;
    keepPerEntity: number;
  }): Promise<number> {
    let deleted = await this.db('alerts')
      .where({ status: 'resolved' })
      .where('updated_at', '<', options.before)
      .delete();
    const resolved: Array<Pick<Row, 'fingerprint' | 'labels'>> = await this.db(
      'alerts',
    )
      .select('fingerprint', 'labels')
      .where({ status: 'resolved' })
      .orderBy([
        { column: 'updated_at', order: 'desc' },
        { column: 'fingerprint', order: 'desc' },
      ]);
    const perEntity = new Map<string, number>();
    const surplus = resolved
      .filter((row, index) => {
        const key = routingKeyOf(row.labels);
        const count = (perEntity.get(key) ?? 0) + 1;
        perEntity.set(key, count);
        return index >= options.keep || count > options.keepPerEntity;
      })
      .map(row => row.fingerprint);
    for (let i = 0; i < surplus.length; i += 200) {
      deleted += await this.db('alerts')
        .whereIn('fingerprint', surplus.slice(i, i + 200))
        // A fingerprint that fired again since is not a resolved alert now.
        .where({ status: 'resolved' })
        .delete();
    }
    return deleted;
  }

  async touchSource(kind: 'webhook' | 'sync', at: Date): Promise<void> {
    const column = kind === 'webhook' ? 'last_webhook_at' : 'last_sync_at';
    await this.db('alert_sources')
      .insert({ name: SOURCE, [column]: at })
      .onConflict('name')
      .merge([column]);
  }

  async sourceState(): Promise<AlertSourceState> {
    const row = await this.db('alert_sources').where({ name: SOURCE }).first();
    return {
      lastWebhookAt: timestampToIso(row?.last_webhook_at),
      lastSyncAt: timestampToIso(row?.last_sync_at),
    };
  }
}
