/**
 * Prometheus alert rules for a generated service, as data. Label and
 * annotation names follow what the DevOps backend routes and shows:
 * `severity` (mapped to P0-P3), `backstage_entity` (routes to the entity),
 * `summary`, `description` and `runbook_url`.
 */
export interface AlertRuleOptions {
  /** Prometheus job and container name of the service. */
  service: string;
  entityRef: string;
  runbookUrl: string;
  hasDatabase: boolean;
  latencyThresholdMs: number;
  errorRatePercent: number;
}

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function alertRules(o: AlertRuleOptions): {
  groups: Array<{ name: string; rules: AlertRule[] }>;
} {
  const job = `job="${o.service}"`;
  const container = `container="${o.service}"`;
  const rule = (
    alert: string,
    severity: 'critical' | 'high' | 'warning',
    expr: string,
    forDuration: string,
    summary: string,
    description: string,
  ): AlertRule => ({
    alert,
    expr,
    for: forDuration,
    labels: { severity, service: o.service, backstage_entity: o.entityRef },
    annotations: {
      summary,
      description,
      runbook_url: `${o.runbookUrl}#${alert.toLowerCase()}`,
    },
  });
  const rules: AlertRule[] = [
    rule(
      'ServiceDown',
      'critical',
      `up{${job}} == 0`,
      '2m',
      `${o.service} is down`,
      'Prometheus has not been able to scrape {{ $labels.instance }} for 2 minutes.',
    ),
    rule(
      'HighErrorRate',
      'high',
      `sum(rate(http_requests_total{${job},status=~"5.."}[5m])) / sum(rate(http_requests_total{${job}}[5m])) > ${
        o.errorRatePercent / 100
      }`,
      '10m',
      `${o.service} answers more than ${o.errorRatePercent}% of requests with 5xx`,
      'The share of server errors has been above the threshold for 10 minutes.',
    ),
    rule(
      'SlowResponses',
      'warning',
      `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${job}}[5m]))) > ${
        o.latencyThresholdMs / 1000
      }`,
      '10m',
      `${o.service} p95 latency is above ${o.latencyThresholdMs} ms`,
      'The 95th percentile of request latency has been {{ $value | humanizeDuration }} for 10 minutes.',
    ),
    rule(
      'FrequentRestarts',
      'warning',
      `increase(kube_pod_container_status_restarts_total{${container}}[15m]) > 3`,
      '0m',
      `${o.service} restarted more than 3 times in 15 minutes`,
      'Pod {{ $labels.pod }} keeps restarting; look at its logs and last termination reason.',
    ),
    rule(
      'CpuSaturation',
      'warning',
      `sum(rate(container_cpu_usage_seconds_total{${container}}[5m])) / sum(kube_pod_container_resource_limits{${container},resource="cpu"}) > 0.9`,
      '15m',
      `${o.service} uses more than 90% of its CPU limit`,
      'CPU use has been near the limit for 15 minutes; scale out or raise the limit.',
    ),
  ];
  if (o.hasDatabase) {
    rules.push(
      rule(
        'DatabaseConnectionFailures',
        'high',
        `increase(db_connection_errors_total{${job}}[5m]) > 0`,
        '5m',
        `${o.service} cannot connect to its database`,
        'Connection errors to the database for 5 minutes: {{ $value }} in the last 5 minutes.',
      ),
    );
  }
  return { groups: [{ name: `${o.service}.rules`, rules }] };
}

/**
 * A `promtool test rules` file proving the two paging rules fire with the
 * labels the DevOps backend routes by.
 */
export function alertRuleTests(o: AlertRuleOptions, rulesFile: string) {
  const labels = {
    severity: 'critical',
    service: o.service,
    backstage_entity: o.entityRef,
  };
  return {
    rule_files: [rulesFile],
    evaluation_interval: '1m',
    tests: [
      {
        interval: '1m',
        input_series: [
          {
            series: `up{job="${o.service}",instance="${o.service}:8080"}`,
            values: '1 1 0 0 0 0',
          },
          {
            series: `http_requests_total{job="${o.service}",status="200"}`,
            values: '0+100x20',
          },
          {
            series: `http_requests_total{job="${o.service}",status="500"}`,
            values: `0+${Math.ceil(o.errorRatePercent * 2)}x20`,
          },
        ],
        alert_rule_test: [
          {
            eval_time: '5m',
            alertname: 'ServiceDown',
            exp_alerts: [
              {
                exp_labels: {
                  ...labels,
                  job: o.service,
                  instance: `${o.service}:8080`,
                },
                exp_annotations: {
                  summary: `${o.service} is down`,
                  description: `Prometheus has not been able to scrape ${o.service}:8080 for 2 minutes.`,
                  runbook_url: `${o.runbookUrl}#servicedown`,
                },
              },
            ],
          },
          {
            eval_time: '1m',
            alertname: 'ServiceDown',
            exp_alerts: [],
          },
          {
            eval_time: '20m',
            alertname: 'HighErrorRate',
            exp_alerts: [
              {
                exp_labels: { ...labels, severity: 'high' },
                exp_annotations: {
                  summary: `${o.service} answers more than ${o.errorRatePercent}% of requests with 5xx`,
                  description:
                    'The share of server errors has been above the threshold for 10 minutes.',
                  runbook_url: `${o.runbookUrl}#higherrorrate`,
                },
              },
            ],
          },
        ],
      },
    ],
  };
}
