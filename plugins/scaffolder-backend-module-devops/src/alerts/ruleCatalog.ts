import type { AlertRuleOptions } from './alertOptions';
import {
  MIGRATION_FAILED_METRIC,
  migrationPushJob,
} from '../pipeline/recordMigrationRun';
import type { AlertPriority } from './severity';

/** An input series of a promtool unit test. */
export interface TestSeries {
  series: string;
  values: string;
}

/**
 * One alerting rule with the evidence that it works: series that make it
 * fire (and the labels the alert then carries besides the rule's own) and
 * series, close to the threshold but on the good side, that keep it quiet.
 */
export interface RuleDefinition {
  alert: string;
  priority: AlertPriority;
  expr: string;
  for: string;
  summary: string;
  /** May name series labels as `{{ $labels.name }}`. */
  description: string;
  fires: {
    series: TestSeries[];
    evalTime: string;
    labels: Record<string, string>;
  };
  quiet: { series: TestSeries[]; evalTime: string };
}

const labelText = (labels: Record<string, string>) =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')}}`;

const series = (
  metric: string,
  labels: Record<string, string>,
  values: string,
): TestSeries => ({ series: `${metric}${labelText(labels)}`, values });

// promtool's expanding notation: `start+step` for `count` more samples.
const counter = (perMinute: number, count = 80) =>
  `0+${Number(perMinute.toFixed(6))}x${count}`;
const gauge = (value: number, count = 80) =>
  `${Number(value.toFixed(6))}x${count}`;

/**
 * A latency histogram around `thresholdSeconds`: fast traffic lands in the
 * bucket ending at the threshold (every quantile below it), slow traffic
 * in the next one (every quantile above it).
 */
function histogram(
  metric: string,
  labels: Record<string, string>,
  thresholdSeconds: number,
  slow: boolean,
): TestSeries[] {
  const bounds = [thresholdSeconds, thresholdSeconds * 4];
  return [
    series(
      `${metric}_bucket`,
      { ...labels, le: String(bounds[0]) },
      counter(slow ? 0 : 60),
    ),
    series(
      `${metric}_bucket`,
      { ...labels, le: String(bounds[1]) },
      counter(60),
    ),
    series(`${metric}_bucket`, { ...labels, le: '+Inf' }, counter(60)),
  ];
}

/**
 * The rules a generated service ships with, by concern: availability,
 * errors, latency, saturation, capacity, certificates, database, migrations
 * and delivery. Metrics come from the service itself (`http_*`, `db_*`),
 * from Prometheus (`up`), from the standard exporters named in the README
 * (kube-state-metrics, cAdvisor through the kubelet, the kubelet's volume
 * stats, the blackbox exporter), or, for migrations, from the Pushgateway
 * the pipeline pushes each run's result to.
 */
export function ruleCatalog(o: AlertRuleOptions): RuleDefinition[] {
  const t = o.thresholds;
  const svc = o.service;
  const job = `job="${svc}"`;
  const production = `${svc}-${o.productionEnvironment}`;
  const namespaces = `namespace=~"${o.environments
    .map(e => `${svc}-${e}`)
    .join('|')}"`;
  const container = `${namespaces},container="${svc}"`;
  const scraped = {
    job: svc,
    instance: '10.0.0.7:8080',
    namespace: production,
    pod: `${svc}-7d9f8-abcde`,
  };
  const pod = { namespace: production, pod: scraped.pod, container: svc };
  const rules: RuleDefinition[] = [];

  // Availability
  rules.push({
    alert: 'ServiceDown',
    priority: 'P0',
    expr: `up{${job}} == 0`,
    for: '2m',
    summary: `${svc} is down`,
    description:
      'Prometheus cannot scrape {{ $labels.pod }} ({{ $labels.instance }}) in {{ $labels.namespace }}.',
    fires: {
      series: [series('up', scraped, gauge(0))],
      evalTime: '5m',
      labels: scraped,
    },
    quiet: { series: [series('up', scraped, gauge(1))], evalTime: '5m' },
  });
  if (o.probeUrl) {
    const probe = { job: 'blackbox', instance: o.probeUrl };
    rules.push({
      alert: 'HealthCheckFailing',
      priority: 'P0',
      expr: `probe_success{instance="${o.probeUrl}"} == 0`,
      for: '2m',
      summary: `${svc} fails its health check from outside the cluster`,
      description:
        'The blackbox exporter gets no healthy answer from {{ $labels.instance }}.',
      fires: {
        series: [series('probe_success', probe, gauge(0))],
        evalTime: '5m',
        labels: probe,
      },
      quiet: {
        series: [series('probe_success', probe, gauge(1))],
        evalTime: '5m',
      },
    });
  }
  rules.push({
    alert: 'NoReadyReplicas',
    priority: 'P0',
    expr: `sum by (namespace) (kube_pod_container_status_ready{${container}}) == 0`,
    for: '2m',
    summary: `${svc} has no ready replica`,
    description:
      'No container of {{ $labels.namespace }} passes its readiness probe, so the Service sends traffic nowhere.',
    fires: {
      series: [series('kube_pod_container_status_ready', pod, gauge(0))],
      evalTime: '5m',
      labels: { namespace: production },
    },
    quiet: {
      series: [series('kube_pod_container_status_ready', pod, gauge(1))],
      evalTime: '5m',
    },
  });

  // Errors
  const errorRatio = t.errorRatePercent / 100;
  const requests = (status: string, perMinute: number) =>
    series(
      'http_requests_total',
      { job: svc, namespace: production, status },
      counter(perMinute),
    );
  rules.push({
    alert: 'HighErrorRate',
    priority: 'P1',
    expr: `sum by (namespace) (rate(http_requests_total{${job},status=~"5.."}[5m])) / sum by (namespace) (rate(http_requests_total{${job}}[5m])) > ${errorRatio}`,
    for: '5m',
    summary: `${svc} answers more than ${t.errorRatePercent}% of requests with 5xx`,
    description:
      'The share of server errors in {{ $labels.namespace }} has been above the threshold for 5 minutes.',
    fires: {
      series: [requests('200', 100), requests('500', 100 * errorRatio * 3)],
      evalTime: '15m',
      labels: { namespace: production },
    },
    quiet: {
      series: [requests('200', 100), requests('500', (100 * errorRatio) / 2)],
      evalTime: '15m',
    },
  });

  // Latency
  const route = { job: svc, namespace: production };
  for (const [alert, quantile, ms] of [
    ['HighLatencyP95', 0.95, t.latencyP95Ms],
    ['HighLatencyP99', 0.99, t.latencyP99Ms],
  ] as const) {
    const seconds = ms / 1000;
    rules.push({
      alert,
      priority: 'P2',
      expr: `histogram_quantile(${quantile}, sum by (namespace, le) (rate(http_request_duration_seconds_bucket{${job}}[5m]))) > ${seconds}`,
      for: '10m',
      summary: `${svc} p${quantile * 100} latency is above ${ms} ms`,
      description: `The ${
        quantile * 100
      }th percentile of request latency in {{ $labels.namespace }} has been above ${ms} ms for 10 minutes.`,
      fires: {
        series: histogram(
          'http_request_duration_seconds',
          route,
          seconds,
          true,
        ),
        evalTime: '20m',
        labels: { namespace: production },
      },
      quiet: {
        series: histogram(
          'http_request_duration_seconds',
          route,
          seconds,
          false,
        ),
        evalTime: '20m',
      },
    });
  }

  // Saturation, against the limits the manifests set
  const limit = (resource: string, value: number) =>
    series(
      'kube_pod_container_resource_limits',
      { ...pod, resource, unit: resource === 'cpu' ? 'core' : 'byte' },
      gauge(value),
    );
  const cpu = t.cpuPercent / 100;
  rules.push({
    alert: 'CpuSaturation',
    priority: 'P1',
    expr: `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${container}}[5m])) / sum by (namespace, pod) (kube_pod_container_resource_limits{${container},resource="cpu"}) > ${cpu}`,
    for: '5m',
    summary: `${svc} uses more than ${t.cpuPercent}% of its CPU limit`,
    description:
      'Pod {{ $labels.pod }} in {{ $labels.namespace }} has used more than the threshold of its CPU limit for 5 minutes and is being throttled.',
    fires: {
      series: [
        series(
          'container_cpu_usage_seconds_total',
          pod,
          counter(60 * ((1 + cpu) / 2)),
        ),
        limit('cpu', 1),
      ],
      evalTime: '15m',
      labels: { namespace: production, pod: pod.pod },
    },
    quiet: {
      series: [
        series(
          'container_cpu_usage_seconds_total',
          pod,
          counter(60 * (cpu / 2)),
        ),
        limit('cpu', 1),
      ],
      evalTime: '15m',
    },
  });
  const memory = t.memoryPercent / 100;
  const memoryLimit = 536870912;
  rules.push({
    alert: 'MemorySaturation',
    priority: 'P1',
    expr: `sum by (namespace, pod) (container_memory_working_set_bytes{${container}}) / sum by (namespace, pod) (kube_pod_container_resource_limits{${container},resource="memory"}) > ${memory}`,
    for: '5m',
    summary: `${svc} uses more than ${t.memoryPercent}% of its memory limit`,
    description:
      'Pod {{ $labels.pod }} in {{ $labels.namespace }} is close to its memory limit; the kernel kills it when it reaches it.',
    fires: {
      series: [
        series(
          'container_memory_working_set_bytes',
          pod,
          gauge(Math.round(memoryLimit * ((1 + memory) / 2))),
        ),
        limit('memory', memoryLimit),
      ],
      evalTime: '15m',
      labels: { namespace: production, pod: pod.pod },
    },
    quiet: {
      series: [
        series(
          'container_memory_working_set_bytes',
          pod,
          gauge(Math.round(memoryLimit * (memory / 2))),
        ),
        limit('memory', memoryLimit),
      ],
      evalTime: '15m',
    },
  });
  rules.push({
    alert: 'FrequentRestarts',
    priority: 'P2',
    expr: `increase(kube_pod_container_status_restarts_total{${container}}[15m]) > ${t.restartsPer15m}`,
    for: '0m',
    summary: `${svc} restarted more than ${t.restartsPer15m} times in 15 minutes`,
    description:
      'Pod {{ $labels.pod }} in {{ $labels.namespace }} keeps restarting; look at its logs and last termination reason.',
    fires: {
      series: [
        series(
          'kube_pod_container_status_restarts_total',
          pod,
          counter(Math.ceil((t.restartsPer15m + 1) / 10)),
        ),
      ],
      evalTime: '20m',
      labels: pod,
    },
    quiet: {
      series: [
        series('kube_pod_container_status_restarts_total', pod, gauge(2)),
      ],
      evalTime: '20m',
    },
  });
  const waiting = (reason: string) => ({ ...pod, reason });
  rules.push({
    alert: 'CrashLooping',
    priority: 'P1',
    expr: `kube_pod_container_status_waiting_reason{${container},reason="CrashLoopBackOff"} == 1`,
    for: '5m',
    summary: `${svc} is in CrashLoopBackOff`,
    description:
      'Pod {{ $labels.pod }} in {{ $labels.namespace }} crashes at start-up again and again; Kubernetes waits longer before each restart.',
    fires: {
      series: [
        series(
          'kube_pod_container_status_waiting_reason',
          waiting('CrashLoopBackOff'),
          gauge(1),
        ),
      ],
      evalTime: '10m',
      labels: waiting('CrashLoopBackOff'),
    },
    quiet: {
      series: [
        series(
          'kube_pod_container_status_waiting_reason',
          waiting('CrashLoopBackOff'),
          gauge(0),
        ),
      ],
      evalTime: '10m',
    },
  });
  const hpa = { namespace: production, horizontalpodautoscaler: svc };
  const hpaSelector = `${namespaces},horizontalpodautoscaler="${svc}"`;
  rules.push({
    alert: 'HpaAtMaxReplicas',
    priority: 'P2',
    expr: `kube_horizontalpodautoscaler_status_current_replicas{${hpaSelector}} >= kube_horizontalpodautoscaler_spec_max_replicas{${hpaSelector}}`,
    for: '15m',
    summary: `${svc} has run at its maximum replica count for 15 minutes`,
    description:
      'The autoscaler of {{ $labels.namespace }} cannot add replicas; latency and errors follow if load still grows.',
    fires: {
      series: [
        series(
          'kube_horizontalpodautoscaler_status_current_replicas',
          hpa,
          gauge(10),
        ),
        series(
          'kube_horizontalpodautoscaler_spec_max_replicas',
          hpa,
          gauge(10),
        ),
      ],
      evalTime: '20m',
      labels: hpa,
    },
    quiet: {
      series: [
        series(
          'kube_horizontalpodautoscaler_status_current_replicas',
          hpa,
          gauge(9),
        ),
        series(
          'kube_horizontalpodautoscaler_spec_max_replicas',
          hpa,
          gauge(10),
        ),
      ],
      evalTime: '20m',
    },
  });

  // Capacity
  if (o.hasStorage) {
    const free = t.diskFreePercent / 100;
    const volume = {
      namespace: production,
      persistentvolumeclaim: `${svc}-data`,
    };
    const volumeSelector = `${namespaces},persistentvolumeclaim=~"${svc}-.*"`;
    const capacity = 10737418240;
    const volumeSeries = (availableShare: number) => [
      series(
        'kubelet_volume_stats_available_bytes',
        volume,
        gauge(Math.round(capacity * availableShare)),
      ),
      series('kubelet_volume_stats_capacity_bytes', volume, gauge(capacity)),
    ];
    rules.push({
      alert: 'VolumeFillingUp',
      priority: 'P2',
      expr: `kubelet_volume_stats_available_bytes{${volumeSelector}} / kubelet_volume_stats_capacity_bytes{${volumeSelector}} < ${free}`,
      for: '15m',
      summary: `A volume of ${svc} has less than ${t.diskFreePercent}% free`,
      description:
        'PersistentVolumeClaim {{ $labels.persistentvolumeclaim }} in {{ $labels.namespace }} is filling up.',
      fires: {
        series: volumeSeries(free / 2),
        evalTime: '20m',
        labels: volume,
      },
      quiet: { series: volumeSeries((1 + free) / 2), evalTime: '20m' },
    });
  }

  // Certificates
  if (o.probeUrl?.startsWith('https://')) {
    const probe = { job: 'blackbox', instance: o.probeUrl };
    const window = t.certExpiryDays * 86400;
    rules.push({
      alert: 'TlsCertificateExpiring',
      priority: 'P2',
      expr: `probe_ssl_earliest_cert_expiry{instance="${o.probeUrl}"} - time() < ${window}`,
      for: '15m',
      summary: `The TLS certificate of ${svc} expires within ${t.certExpiryDays} days`,
      description:
        'The certificate served at {{ $labels.instance }} has not been renewed; renewal should have happened by now.',
      fires: {
        series: [
          series('probe_ssl_earliest_cert_expiry', probe, gauge(window / 2)),
        ],
        evalTime: '30m',
        labels: probe,
      },
      quiet: {
        series: [
          series('probe_ssl_earliest_cert_expiry', probe, gauge(window * 2)),
        ],
        evalTime: '30m',
      },
    });
  }

  // Database
  if (o.hasDatabase) {
    const pool = (name: string, value: number) =>
      series(name, scraped, gauge(value));
    rules.push({
      alert: 'DatabasePoolExhausted',
      priority: 'P0',
      expr: `db_pool_connections_in_use{${job}} >= db_pool_max_connections{${job}}`,
      for: '2m',
      summary: `${svc} has no free database connection`,
      description:
        'Every connection of the pool of {{ $labels.pod }} in {{ $labels.namespace }} is in use; requests wait for one or fail.',
      fires: {
        series: [
          pool('db_pool_connections_in_use', 10),
          pool('db_pool_max_connections', 10),
        ],
        evalTime: '5m',
        labels: scraped,
      },
      quiet: {
        series: [
          pool('db_pool_connections_in_use', 9),
          pool('db_pool_max_connections', 10),
        ],
        evalTime: '5m',
      },
    });
    rules.push({
      alert: 'DatabasePoolWaiting',
      priority: 'P1',
      expr: `db_pool_waiting_requests{${job}} > 0`,
      for: '5m',
      summary: `Requests of ${svc} wait for a database connection`,
      description:
        '{{ $labels.pod }} in {{ $labels.namespace }} has had requests queued for a connection for 5 minutes.',
      fires: {
        series: [pool('db_pool_waiting_requests', 3)],
        evalTime: '10m',
        labels: scraped,
      },
      quiet: {
        series: [pool('db_pool_waiting_requests', 0)],
        evalTime: '10m',
      },
    });
    rules.push({
      alert: 'DatabaseConnectionErrors',
      priority: 'P0',
      expr: `sum by (namespace) (increase(db_connection_errors_total{${job}}[5m])) > 0`,
      for: '5m',
      summary: `${svc} cannot connect to its database`,
      description:
        'Connections from {{ $labels.namespace }} to the database have been failing for 5 minutes.',
      fires: {
        series: [series('db_connection_errors_total', scraped, counter(1))],
        evalTime: '15m',
        labels: { namespace: production },
      },
      quiet: {
        series: [series('db_connection_errors_total', scraped, gauge(0))],
        evalTime: '15m',
      },
    });
    const seconds = t.dbSlowQueryMs / 1000;
    rules.push({
      alert: 'SlowDatabaseQueries',
      priority: 'P2',
      expr: `histogram_quantile(0.95, sum by (namespace, le) (rate(db_query_duration_seconds_bucket{${job}}[5m]))) > ${seconds}`,
      for: '10m',
      summary: `${svc} database queries take more than ${t.dbSlowQueryMs} ms at p95`,
      description:
        'The 95th percentile of query time in {{ $labels.namespace }} has been above the threshold for 10 minutes.',
      fires: {
        series: histogram('db_query_duration_seconds', route, seconds, true),
        evalTime: '20m',
        labels: { namespace: production },
      },
      quiet: {
        series: histogram('db_query_duration_seconds', route, seconds, false),
        evalTime: '20m',
      },
    });
  }

  // Migrations run in CI; the pipeline pushes each run's result to the
  // Pushgateway (see recordMigrationRun.ts), grouped by namespace.
  if (o.hasMigrations) {
    const pushed = { job: migrationPushJob(svc), namespace: production };
    rules.push({
      alert: 'DatabaseMigrationFailed',
      priority: 'P1',
      expr: `max by (namespace) (${MIGRATION_FAILED_METRIC}{${namespaces}}) == 1`,
      for: '0m',
      summary: `The last database migration run of ${svc} failed`,
      description:
        'A migration failed, so the pipeline did not deploy to {{ $labels.namespace }}; the schema may be partly changed.',
      fires: {
        series: [series(MIGRATION_FAILED_METRIC, pushed, gauge(1))],
        evalTime: '5m',
        labels: { namespace: production },
      },
      quiet: {
        series: [series(MIGRATION_FAILED_METRIC, pushed, gauge(0))],
        evalTime: '5m',
      },
    });
  }

  // Delivery (informational): every release creates a new ReplicaSet,
  // whether a Deployment or an Argo Rollout rolls it out.
  const gap = t.deploymentGapDays * 86400;
  const replicaSet = { namespace: production, replicaset: `${svc}-5f7c9d8b6` };
  rules.push({
    alert: 'DeploymentsStalled',
    priority: 'P3',
    expr: `time() - max by (namespace) (kube_replicaset_created{namespace="${production}",replicaset=~"${svc}-[a-z0-9]+"}) > ${gap}`,
    for: '1h',
    summary: `${svc} has not been released to ${o.productionEnvironment} for ${t.deploymentGapDays} days`,
    description:
      'Deployment frequency dropped: no new release reached {{ $labels.namespace }}. Small, frequent releases keep each change easy to roll back.',
    fires: {
      series: [series('kube_replicaset_created', replicaSet, gauge(-gap))],
      evalTime: '70m',
      labels: { namespace: production },
    },
    quiet: {
      series: [series('kube_replicaset_created', replicaSet, gauge(-3600))],
      evalTime: '70m',
    },
  });
  return rules;
}
