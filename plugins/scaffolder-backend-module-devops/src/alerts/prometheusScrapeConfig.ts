import type { AlertRuleOptions } from './alertOptions';
import { DEFAULT_BLACKBOX_EXPORTER } from './operatorResources';

/**
 * For a Prometheus without the operator: scrape jobs that find the
 * service's pods by their `app.kubernetes.io/name` label in its namespaces
 * and scrape the container port named `http` at `/metrics`, or what the
 * pods' `prometheus.io/port` and `prometheus.io/path` annotations say (the
 * `job` label is the service name, `namespace` and `pod` are kept, as the
 * rules expect) and probe the production health URL through the
 * blackbox exporter, and the rule file to load. Written as a complete
 * configuration so `promtool check config` can check it; merge its
 * `scrape_configs` and `rule_files` into the cluster's Prometheus.
 */
export function prometheusScrapeConfig(
  o: AlertRuleOptions,
  rulesFile: string,
  blackboxExporter = DEFAULT_BLACKBOX_EXPORTER,
) {
  const annotation = (name: string) =>
    `__meta_kubernetes_pod_annotation_prometheus_io_${name}`;
  const scrapeConfigs: object[] = [
    {
      job_name: o.service,
      kubernetes_sd_configs: [
        {
          role: 'pod',
          namespaces: {
            names: o.environments.map(e => `${o.service}-${e}`),
          },
        },
      ],
      relabel_configs: [
        {
          source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'],
          regex: o.service,
          action: 'keep',
        },
        // The container port named http, unless the pod's annotations say
        // otherwise (prometheus.io/scrape: "false", prometheus.io/port).
        {
          source_labels: [annotation('scrape')],
          regex: 'false',
          action: 'drop',
        },
        {
          source_labels: [
            '__meta_kubernetes_pod_container_port_name',
            annotation('port'),
          ],
          regex: 'http;|.*;\\d+',
          action: 'keep',
        },
        {
          source_labels: ['__address__', annotation('port')],
          regex: '([^:]+)(?::\\d+)?;(\\d+)',
          replacement: '$1:$2',
          target_label: '__address__',
        },
        {
          source_labels: [annotation('path')],
          regex: '(.+)',
          target_label: '__metrics_path__',
        },
        {
          source_labels: ['__meta_kubernetes_namespace'],
          target_label: 'namespace',
        },
        { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
      ],
    },
  ];
  if (o.probeUrl) {
    scrapeConfigs.push({
      job_name: `${o.service}-probe`,
      metrics_path: '/probe',
      params: { module: ['http_2xx'] },
      static_configs: [{ targets: [o.probeUrl] }],
      relabel_configs: [
        { source_labels: ['__address__'], target_label: '__param_target' },
        { source_labels: ['__param_target'], target_label: 'instance' },
        { target_label: '__address__', replacement: blackboxExporter },
      ],
    });
  }
  return { rule_files: [rulesFile], scrape_configs: scrapeConfigs };
}
