import { DateTime } from 'luxon';
import type { DevopsAlertRecord } from '@backstage-devops/plugin-devops-node';

/**
 * Alerts as Alertmanager would have sent them for a demo entity: one still
 * firing, one resolved yesterday.
 */
export function buildDemoAlerts(
  entityRef: string,
  now: DateTime,
): DevopsAlertRecord[] {
  const service = entityRef.split('/').pop()!;
  const labels = (alertname: string, severity: string) => ({
    alertname,
    service,
    backstage_entity: entityRef,
    environment: 'production',
    severity,
  });
  const runbook = `https://runbooks.example.com/${service}`;
  return [
    {
      fingerprint: `demo-${service}-latency`,
      status: 'firing',
      alertname: 'HighLatencyP95',
      severity: 'P2',
      labels: labels('HighLatencyP95', 'warning'),
      annotations: {
        summary: `${service} p95 latency above 500 ms for 10 minutes`,
        description:
          'The 95th percentile of request latency has been above the SLO threshold.',
        runbook_url: `${runbook}#latency`,
      },
      startsAt: now.minus({ minutes: 42 }).toUTC().toISO()!,
      updatedAt: now.toUTC().toISO()!,
    },
    {
      fingerprint: `demo-${service}-errors`,
      status: 'resolved',
      alertname: 'HighErrorRate',
      severity: 'P0',
      labels: labels('HighErrorRate', 'critical'),
      annotations: {
        summary: `${service} 5xx rate above 5%`,
        runbook_url: `${runbook}#errors`,
      },
      startsAt: now.minus({ hours: 26 }).toUTC().toISO()!,
      endsAt: now.minus({ hours: 25, minutes: 48 }).toUTC().toISO()!,
      updatedAt: now.minus({ hours: 25, minutes: 48 }).toUTC().toISO()!,
    },
  ];
}
