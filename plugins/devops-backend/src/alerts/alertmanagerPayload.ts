import type {
  AlertSeverity,
  DevopsAlert,
} from '@backstage-devops/plugin-devops-common';
import { z } from 'zod';
import type { StoredAlert } from './AlertStore';

const timestamp = z.string().datetime({
  offset: true,
  message: 'must be an RFC 3339 date-time',
});

const alertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: z.record(z.string()),
  annotations: z.record(z.string()).default({}),
  startsAt: timestamp,
  endsAt: timestamp.optional(),
  generatorURL: z.string().max(4096).optional(),
  fingerprint: z.string().min(1).max(255),
});

/**
 * The body of an Alertmanager `webhook_configs` notification, version 4.
 * Fields this plugin does not use are allowed and ignored, since newer
 * Alertmanagers add them.
 */
export const alertmanagerWebhookSchema = z.object({
  version: z.literal('4'),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  externalURL: z.string().max(2048).optional(),
  alerts: z.array(alertSchema).max(10_000),
});

export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;

/** `critical` → P0 and so on; configurable. */
export const DEFAULT_SEVERITY_MAP: Record<string, AlertSeverity> = {
  critical: 'P0',
  high: 'P1',
  warning: 'P2',
  info: 'P3',
};

export function severityOf(
  labels: Record<string, string>,
  map: Record<string, AlertSeverity>,
): AlertSeverity {
  const label = labels.severity?.toLocaleLowerCase('en-US');
  if (label && map[label]) {
    return map[label];
  }
  // Already a priority, as some rule sets label them.
  if (label && /^p[0-3]$/.test(label)) {
    return label.toUpperCase() as AlertSeverity;
  }
  return 'P3';
}

/** Alertmanager's zero time (`0001-01-01T00:00:00Z`) means "not ended". */
function endTime(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const millis = Date.parse(value);
  return millis > 0 ? new Date(millis).toISOString() : undefined;
}

export function toStoredAlerts(
  alerts: Array<z.infer<typeof alertSchema>>,
  options: {
    externalUrl?: string;
    severityMap: Record<string, AlertSeverity>;
    source: StoredAlert['source'];
    now: Date;
  },
): StoredAlert[] {
  return alerts.map(alert => ({
    fingerprint: alert.fingerprint,
    status: alert.status,
    alertname: alert.labels.alertname,
    severity: severityOf(alert.labels, options.severityMap),
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: new Date(Date.parse(alert.startsAt)).toISOString(),
    endsAt: alert.status === 'resolved' ? endTime(alert.endsAt) : undefined,
    generatorUrl: alert.generatorURL || undefined,
    externalUrl: options.externalUrl || undefined,
    source: options.source,
    updatedAt: options.now.toISOString(),
  }));
}

/** The alert as the entity pages show it. */
export function toDevopsAlert(alert: StoredAlert): DevopsAlert {
  const filter = alert.alertname
    ? `?filter=${encodeURIComponent(`{alertname="${alert.alertname}"}`)}`
    : '';
  return {
    fingerprint: alert.fingerprint,
    status: alert.status,
    alertname: alert.alertname,
    severity: alert.severity,
    summary: alert.annotations.summary,
    description: alert.annotations.description,
    runbookUrl: alert.annotations.runbook_url,
    labels: alert.labels,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    generatorUrl: alert.generatorUrl,
    alertmanagerUrl: alert.externalUrl
      ? `${alert.externalUrl.replace(/\/$/, '')}/#/alerts${filter}`
      : undefined,
    updatedAt: alert.updatedAt,
  };
}
