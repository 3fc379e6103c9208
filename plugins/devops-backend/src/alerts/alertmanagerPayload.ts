import {
  isHttpUrl,
  type AlertSeverity,
  type DevopsAlert,
} from '@backstage-devops/plugin-devops-common';
import { z } from 'zod';
import type { StoredAlert } from './AlertStore';
import { lastStatePerFingerprint } from './alertStates';

const timestamp = z.string().datetime({
  offset: true,
  message: 'must be an RFC 3339 date-time',
});

/**
 * A time that has happened, give or take the allowed clock skew: an alert
 * starting in 2099 would outrank every genuine resolve of it.
 */
const pastTimestamp = (maxClockSkewMs: number) =>
  timestamp.refine(value => Date.parse(value) <= Date.now() + maxClockSkewMs, {
    message: `must not be in the future (more than ${Math.round(
      maxClockSkewMs / 1000,
    )} s ahead of the server's clock)`,
  });

const alertSchema = (maxClockSkewMs: number) =>
  z.object({
    status: z.enum(['firing', 'resolved']),
    labels: z.record(z.string()),
    annotations: z.record(z.string()).default({}),
    startsAt: pastTimestamp(maxClockSkewMs),
    // Firing alerts carry the time they will expire unless renewed, which
    // is in the future by design; only a resolved alert's end has happened.
    endsAt: timestamp.optional(),
    generatorURL: z.string().max(4096).optional(),
    fingerprint: z.string().min(1).max(255),
  });

type AlertInput = z.infer<ReturnType<typeof alertSchema>>;

/**
 * The body of an Alertmanager `webhook_configs` notification, version 4.
 * Fields this plugin does not use are allowed and ignored, since newer
 * Alertmanagers add them. Times later than now plus `maxClockSkewMs` are
 * refused; links other than http(s) are dropped later, keeping the alert.
 */
export function createAlertmanagerWebhookSchema(maxClockSkewMs: number) {
  return z
    .object({
      version: z.literal('4'),
      status: z.enum(['firing', 'resolved']),
      receiver: z.string(),
      externalURL: z.string().max(2048).optional(),
      alerts: z.array(alertSchema(maxClockSkewMs)).max(10_000),
    })
    .superRefine((value, ctx) => {
      const limit = Date.now() + maxClockSkewMs;
      value.alerts.forEach((alert, index) => {
        if (
          alert.status === 'resolved' &&
          alert.endsAt &&
          Date.parse(alert.endsAt) > limit
        ) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['alerts', index, 'endsAt'],
            message: `must not be in the future for a resolved alert (more than ${Math.round(
              maxClockSkewMs / 1000,
            )} s ahead of the server's clock)`,
          });
        }
      });
    });
}

/** With the default clock skew of five minutes. */
export const alertmanagerWebhookSchema = createAlertmanagerWebhookSchema(
  5 * 60_000,
);

export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;

/** The link if it is http(s); anything else is dropped, keeping the alert. */
function safeLink(value: string | undefined): string | undefined {
  return isHttpUrl(value) ? value.trim() : undefined;
}

/** Annotations with an unsafe `runbook_url` left out. */
function safeAnnotations(
  annotations: Record<string, string>,
): Record<string, string> {
  if (
    annotations.runbook_url === undefined ||
    isHttpUrl(annotations.runbook_url)
  ) {
    return annotations;
  }
  const { runbook_url: _dropped, ...rest } = annotations;
  return rest;
}

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
  alerts: AlertInput[],
  options: {
    externalUrl?: string;
    severityMap: Record<string, AlertSeverity>;
    source: StoredAlert['source'];
    now: Date;
  },
): StoredAlert[] {
  return lastStatePerFingerprint(alerts).map(alert => ({
    fingerprint: alert.fingerprint,
    status: alert.status,
    alertname: alert.labels.alertname,
    severity: severityOf(alert.labels, options.severityMap),
    labels: alert.labels,
    annotations: safeAnnotations(alert.annotations),
    startsAt: new Date(Date.parse(alert.startsAt)).toISOString(),
    endsAt: alert.status === 'resolved' ? endTime(alert.endsAt) : undefined,
    generatorUrl: safeLink(alert.generatorURL),
    externalUrl: safeLink(options.externalUrl),
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
    // Checked again on the way out for rows stored before links were checked.
    runbookUrl: safeLink(alert.annotations.runbook_url),
    labels: alert.labels,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    generatorUrl: safeLink(alert.generatorUrl),
    alertmanagerUrl: isHttpUrl(alert.externalUrl)
      ? `${alert.externalUrl.replace(/\/$/, '')}/#/alerts${filter}`
      : undefined,
    updatedAt: alert.updatedAt,
  };
}
