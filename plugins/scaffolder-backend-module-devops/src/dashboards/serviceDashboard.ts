import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import type { AlertRuleOptions } from '../alerts/alertOptions';
import { MIGRATION_FAILED_METRIC } from '../pipeline/recordMigrationRun';

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/** A stable dashboard uid (Grafana allows 40 characters) for links. */
export function dashboardUid(service: string) {
  return `devops-${service}`.slice(0, 40);
}

function query(expr: string, legend: string) {
  return new prometheus.DataqueryBuilder()
    .datasource(DATASOURCE)
    .expr(expr)
    .legendFormat(legend);
}

function panel(
  title: string,
  unit: string,
  gridPos: dashboard.GridPos,
  queries: prometheus.DataqueryBuilder[],
  threshold?: { value: number; label: string },
) {
  const builder = new timeseries.PanelBuilder()
    .title(title)
    .datasource(DATASOURCE)
    .unit(unit)
    .min(0)
    .gridPos(gridPos)
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom),
    );
  for (const q of queries) {
    builder.withTarget(q);
  }
  if (threshold) {
    // The alert threshold as a dashed line: where the panel's line crosses
    // it, the alert of the same name fires.
    builder
      .description(`The dashed line is the ${threshold.label} alert threshold.`)
      .thresholds(
        new dashboard.ThresholdsConfigBuilder()
          .mode(dashboard.ThresholdsMode.Absolute)
          .steps([
            { value: null as unknown as number, color: 'green' },
            { value: threshold.value, color: 'red' },
          ]),
      )
      .thresholdsStyle(
        new common.GraphThresholdsStyleConfigBuilder().mode(
          common.GraphThresholdsStyleMode.Dashed,
        ),
      );
  }
  return builder;
}

/**
 * The service's Grafana dashboard, built with Grafana's foundation SDK:
 * traffic, errors, latency percentiles, saturation against the limits
 * (and the database pool and the last migration run when it has them),
 * with each alert's threshold drawn on its panel, and releases (a new
 * ReplicaSet in the namespace) as annotations. Environments are a variable; the Prometheus data source is
 * chosen on import.
 */
export function serviceDashboard(o: AlertRuleOptions) {
  const t = o.thresholds;
  const svc = o.service;
  const job = `job="${svc}",namespace=~"$namespace"`;
  const container = `namespace=~"$namespace",container="${svc}"`;
  const rate = '$__rate_interval';
  const half = (x: number, y: number, h = 8): dashboard.GridPos => ({
    x,
    y,
    w: 12,
    h,
  });

  const builder = new dashboard.DashboardBuilder(`${svc}`)
    .uid(dashboardUid(svc))
    .description(`Golden signals of ${svc} (${o.entityRef})`)
    .tags(['devops', 'golden-path', svc])
    .editable()
    .refresh('1m')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('browser')
    .withVariable(
      new dashboard.DatasourceVariableBuilder('datasource')
        .label('Prometheus')
        .type('prometheus'),
    )
    .withVariable(
      new dashboard.CustomVariableBuilder('namespace')
        .label('Environment')
        .values(o.environments.map(e => `${svc}-${e}`).join(','))
        .current({
          text: `${svc}-${o.productionEnvironment}`,
          value: `${svc}-${o.productionEnvironment}`,
        }),
    )
    .annotation(
      new dashboard.AnnotationQueryBuilder()
        .name('Releases')
        .datasource(DATASOURCE)
        .enable(true)
        .iconColor('blue')
        .expr(
          `(time() - max by (namespace, replicaset) (kube_replicaset_created{namespace=~"$namespace",replicaset=~"${svc}-[a-z0-9]+"})) < 60`,
        )
        .titleFormat('Release {{replicaset}}')
        .step('60s'),
    )
    .withRow(new dashboard.RowBuilder('Traffic and errors'))
    .withPanel(
      panel('Requests per second', 'reqps', half(0, 1), [
        query(
          `sum by (status) (rate(http_requests_total{${job}}[${rate}]))`,
          '{{status}}',
        ),
      ]),
    )
    .withPanel(
      panel(
        'Share of 5xx answers',
        'percentunit',
        half(12, 1),
        [
          query(
            `sum(rate(http_requests_total{${job},status=~"5.."}[${rate}])) / sum(rate(http_requests_total{${job}}[${rate}]))`,
            '5xx',
          ),
        ],
        { value: t.errorRatePercent / 100, label: 'HighErrorRate' },
      ),
    )
    .withRow(new dashboard.RowBuilder('Latency'))
    .withPanel(
      panel(
        'Request latency',
        's',
        { x: 0, y: 10, w: 24, h: 8 },
        [0.5, 0.95, 0.99].map(q =>
          query(
            `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${job}}[${rate}])))`,
            `p${q * 100}`,
          ),
        ),
        { value: t.latencyP95Ms / 1000, label: 'HighLatencyP95' },
      ),
    )
    .withRow(new dashboard.RowBuilder('Saturation'))
    .withPanel(
      panel(
        'CPU against the limit',
        'percentunit',
        half(0, 19),
        [
          query(
            `sum by (pod) (rate(container_cpu_usage_seconds_total{${container}}[${rate}])) / sum by (pod) (kube_pod_container_resource_limits{${container},resource="cpu"})`,
            '{{pod}}',
          ),
        ],
        { value: t.cpuPercent / 100, label: 'CpuSaturation' },
      ),
    )
    .withPanel(
      panel(
        'Memory against the limit',
        'percentunit',
        half(12, 19),
        [
          query(
            `sum by (pod) (container_memory_working_set_bytes{${container}}) / sum by (pod) (kube_pod_container_resource_limits{${container},resource="memory"})`,
            '{{pod}}',
          ),
        ],
        { value: t.memoryPercent / 100, label: 'MemorySaturation' },
      ),
    )
    .withPanel(
      panel('Ready replicas and restarts', 'short', half(0, 27), [
        query(`sum(kube_pod_container_status_ready{${container}})`, 'ready'),
        query(
          `sum(increase(kube_pod_container_status_restarts_total{${container}}[15m]))`,
          'restarts in 15 min',
        ),
      ]),
    );
  if (o.hasDatabase || o.hasMigrations) {
    builder.withRow(new dashboard.RowBuilder('Database'));
  }
  if (o.hasDatabase) {
    builder
      .withPanel(
        panel('Connection pool', 'short', half(0, 36), [
          query(`sum(db_pool_connections_in_use{${job}})`, 'in use'),
          query(`sum(db_pool_max_connections{${job}})`, 'maximum'),
          query(`sum(db_pool_waiting_requests{${job}})`, 'waiting'),
          query(
            `sum(increase(db_connection_errors_total{${job}}[5m]))`,
            'connection errors in 5 min',
          ),
        ]),
      )
      .withPanel(
        panel(
          'Query time (p95)',
          's',
          half(12, 36),
          [
            query(
              `histogram_quantile(0.95, sum by (le) (rate(db_query_duration_seconds_bucket{${job}}[${rate}])))`,
              'p95',
            ),
          ],
          { value: t.dbSlowQueryMs / 1000, label: 'SlowDatabaseQueries' },
        ),
      );
  }
  if (o.hasMigrations) {
    // What the pipeline pushed after each environment's last migration run.
    builder.withPanel(
      panel(
        'Last migration run failed',
        'short',
        half(0, o.hasDatabase ? 44 : 36),
        [
          query(
            `max by (namespace) (${MIGRATION_FAILED_METRIC}{namespace=~"$namespace"})`,
            '{{namespace}}',
          ),
        ],
        { value: 1, label: 'DatabaseMigrationFailed' },
      ),
    );
  }
  return builder.build();
}
