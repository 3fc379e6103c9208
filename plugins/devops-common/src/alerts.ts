/**
 * Alert priority, from the `severity` label through the configured mapping
 * (by default critical → P0, high → P1, warning → P2, info → P3).
 *
 * @public
 */
export type AlertSeverity = 'P0' | 'P1' | 'P2' | 'P3';

/** @public */
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
  fingerprint: string;
  status: 'firing' | 'resolved';
  alertname?: string;
  severity: AlertSeverity;
  summary?: string;
  description?: string;
  runbookUrl?: string;
  labels: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  /** The Prometheus expression browser link of the rule. */
  generatorUrl?: string;
  /** The alert in Alertmanager's UI. */
  alertmanagerUrl?: string;
  updatedAt: string;
}

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/alerts`.
 *
 * @public
 */
export interface EntityAlerts {
  entityRef: string;
  alerts: DevopsAlert[];
  /**
   * Pass as `cursor` for the next page of `alerts`; absent on the last page.
   * Older clients that ignore it see the first page.
   */
  nextCursor?: string;
  firing: Record<AlertSeverity, number>;
  source: {
    lastWebhookAt?: string;
    lastSyncAt?: string;
    /** Whether Alertmanager is also polled, so silence means quiet. */
    syncEnabled: boolean;
    /** The sync has not succeeded for three of its intervals. */
    stale: boolean;
  };
}
