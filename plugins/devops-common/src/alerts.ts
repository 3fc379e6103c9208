/**
 * Alert priority, from the `severity` label through the configured mapping
 * (by default critical → P0, high → P1, warning → P2, info → P3).
 *
 * @public
 */
export type AlertSeverity = 'P0' | 'P1' | 'P2' | 'P3';

/**
 * Every alert priority, most urgent first: the order in which the entity
 * pages list and count alerts.
 *
 * @public
 */
export const ALERT_SEVERITIES: readonly AlertSeverity[] = [
  'P0',
  'P1',
  'P2',
  'P3',
];

/**
 * An alert from Prometheus Alertmanager, as the entity pages show it.
 *
 * @public
 */
export interface DevopsAlert {
  /**
   * Alertmanager's fingerprint of the alert's label set: firing and resolved
   * notifications of the same alert share it, so it identifies the alert.
   */
  fingerprint: string;
  /** `firing` until Alertmanager reports the alert resolved. */
  status: 'firing' | 'resolved';
  /** The `alertname` label, that is the name of the alerting rule. */
  alertname?: string;
  /**
   * Priority from the `severity` label through the configured mapping; P3
   * when the label is missing or not mapped.
   */
  severity: AlertSeverity;
  /** The `summary` annotation of the alerting rule. */
  summary?: string;
  /** The `description` annotation of the alerting rule. */
  description?: string;
  /**
   * The `runbook_url` annotation; only an absolute http(s) URL is kept,
   * anything else leaves this undefined.
   */
  runbookUrl?: string;
  /** Every label of the alert, as Alertmanager sent it. */
  labels: Record<string, string>;
  /** When the alert started firing, ISO 8601 in UTC. */
  startsAt: string;
  /**
   * When a resolved alert ended, ISO 8601 in UTC; undefined while it fires.
   */
  endsAt?: string;
  /** The Prometheus expression browser link of the rule. */
  generatorUrl?: string;
  /** The alert in Alertmanager's UI. */
  alertmanagerUrl?: string;
  /**
   * When the DevOps backend last stored a notification or sync result for
   * this alert, ISO 8601 in UTC.
   */
  updatedAt: string;
}

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/alerts`.
 *
 * @public
 */
export interface EntityAlerts {
  /** The entity the alerts are routed to, as `kind:namespace/name`. */
  entityRef: string;
  /**
   * One page of the alerts in the requested state (by default only firing
   * ones; resolved ones stay listed for the configured window, 7 days by
   * default).
   */
  alerts: DevopsAlert[];
  /**
   * Pass as `cursor` for the next page of `alerts`; absent on the last page.
   * Older clients that ignore it see the first page.
   */
  nextCursor?: string;
  /**
   * Firing alerts routed to the entity per priority, over all pages and
   * whatever state was requested; every priority is present, 0 when none.
   */
  firing: Record<AlertSeverity, number>;
  /**
   * How fresh the alert data is, so a page can tell "no alerts" from "no
   * news from Alertmanager".
   */
  source: {
    /**
     * When the last Alertmanager webhook arrived; undefined if none ever did.
     */
    lastWebhookAt?: string;
    /** When Alertmanager was last polled successfully; undefined if never. */
    lastSyncAt?: string;
    /** Whether Alertmanager is also polled, so silence means quiet. */
    syncEnabled: boolean;
    /** The sync has not succeeded for three of its intervals. */
    stale: boolean;
  };
}
