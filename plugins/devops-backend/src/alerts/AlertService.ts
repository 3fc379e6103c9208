import {
  ALERT_SEVERITIES,
  AlertSeverity,
  EntityAlerts,
} from '@backstage-devops/plugin-devops-common';
import { pageOfAlerts } from './alertPages';
import { alertBelongsTo, type LabelMatcher } from './alertSelector';
import {
  toDevopsAlert,
  toStoredAlerts,
  type AlertmanagerWebhook,
} from './alertmanagerPayload';
import type { AlertSourceState, AlertStore, StoredAlert } from './AlertStore';

/** An entity alerts can be routed to. */
export interface AlertTarget {
  entityRef: string;
  /** Its parsed `devops/alert-selector`, when it declares a valid one. */
  selector?: LabelMatcher[];
}

/**
 * The stored alerts routed to an entity: by its selector when it has one,
 * else by the `backstage_entity` or `service` label.
 */
export function alertsRoutedTo(
  alerts: StoredAlert[],
  target: AlertTarget,
): StoredAlert[] {
  const { entityRef, selector } = target;
  const routing = {
    entityRef,
    name: entityRef.slice(entityRef.indexOf('/') + 1),
    selector,
  };
  return alerts.filter(a => alertBelongsTo(a.labels, routing));
}

/** Firing alerts per priority; every priority is present, 0 when none. */
export function countFiring(
  alerts: Array<{ status: string; severity: AlertSeverity }>,
): Record<AlertSeverity, number> {
  const counts = Object.fromEntries(
    ALERT_SEVERITIES.map(s => [s, 0]),
  ) as Record<AlertSeverity, number>;
  for (const alert of alerts) {
    if (alert.status === 'firing') {
      counts[alert.severity] += 1;
    }
  }
  return counts;
}

/**
 * How fresh the alert data is. With syncing configured, the source is stale
 * once the sync has not succeeded for three intervals: one missed pull is
 * noise, three mean Alertmanager or the way to it is down.
 */
export function alertSourceStatus(
  state: AlertSourceState,
  syncIntervalMs: number | undefined,
  now: number,
): EntityAlerts['source'] {
  return {
    ...state,
    syncEnabled: syncIntervalMs !== undefined,
    stale:
      syncIntervalMs !== undefined &&
      (!state.lastSyncAt ||
        now - Date.parse(state.lastSyncAt) > 3 * syncIntervalMs),
  };
}

/** Which of an entity's alerts to list, a page at a time. */
export interface AlertsQuery {
  state: 'firing' | 'resolved' | 'all';
  limit: number;
  cursor?: string;
}

/** Receives alert notifications and answers which alerts an entity has. */
export class AlertService {
  constructor(
    private readonly options: {
      store: AlertStore;
      /** The entity's parsed alert selector; undefined when it has none. */
      selectorOf: (entityRef: string) => Promise<LabelMatcher[] | undefined>;
      severityMap: Record<string, AlertSeverity>;
      /** How long resolved alerts stay listed. */
      resolvedWindowMs: number;
      /** Between Alertmanager pulls, when pulling is configured. */
      syncIntervalMs?: number;
    },
  ) {}

  /** Stores an Alertmanager webhook notification; returns the alert count. */
  async receiveWebhook(payload: AlertmanagerWebhook): Promise<number> {
    const { store } = this.options;
    const now = new Date();
    await store.upsert(
      toStoredAlerts(payload.alerts, {
        externalUrl: payload.externalURL,
        severityMap: this.options.severityMap,
        source: 'webhook',
        now,
      }),
    );
    await store.touchSource('webhook', now);
    return payload.alerts.length;
  }

  /** One page of the entity's alerts, its firing counts and the source's freshness. */
  async entityAlerts(
    entityRef: string,
    query: AlertsQuery,
  ): Promise<EntityAlerts> {
    const [routed, state] = await Promise.all([
      this.routed(entityRef, query.state !== 'firing'),
      this.options.store.sourceState(),
    ]);
    const page = pageOfAlerts(
      routed.filter(a => query.state === 'all' || a.status === query.state),
      { limit: query.limit, cursor: query.cursor },
    );
    return {
      entityRef,
      alerts: page.items.map(toDevopsAlert),
      nextCursor: page.nextCursor,
      firing: countFiring(routed),
      source: alertSourceStatus(state, this.options.syncIntervalMs, Date.now()),
    };
  }

  /** Firing alerts routed to the entity, per priority. */
  async firingCounts(
    entityRef: string,
  ): Promise<Record<AlertSeverity, number>> {
    return countFiring(await this.routed(entityRef, false));
  }

  // Firing alerts, plus resolved ones from the window when asked for.
  private async routed(entityRef: string, includeResolved: boolean) {
    const selector = await this.options.selectorOf(entityRef);
    const resolvedSince = includeResolved
      ? new Date(Date.now() - this.options.resolvedWindowMs)
      : undefined;
    const stored = await this.options.store.list({ resolvedSince });
    return alertsRoutedTo(stored, { entityRef, selector });
  }
}
