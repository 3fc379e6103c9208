/**
 * Metrics that come from standard exporters rather than from the service:
 * an alert rule may use them without the service exporting them. Names as
 * the exporters publish them (kube-state-metrics v2, the kubelet's cAdvisor
 * and volume stats, the blackbox exporter), plus the series Prometheus
 * writes for every scrape.
 */
export const STANDARD_EXPORTER_METRICS: Record<string, string[]> = {
  prometheus: [
    'up',
    'scrape_duration_seconds',
    'scrape_samples_scraped',
    'scrape_series_added',
  ],
  'kube-state-metrics': [
    'kube_pod_container_status_ready',
    'kube_pod_container_status_restarts_total',
    'kube_pod_container_status_waiting_reason',
    'kube_pod_container_status_terminated_reason',
    'kube_pod_container_status_last_terminated_reason',
    'kube_pod_container_resource_limits',
    'kube_pod_container_resource_requests',
    'kube_pod_status_ready',
    'kube_pod_status_phase',
    'kube_deployment_status_replicas_available',
    'kube_deployment_spec_replicas',
    'kube_replicaset_created',
    'kube_horizontalpodautoscaler_status_current_replicas',
    'kube_horizontalpodautoscaler_status_desired_replicas',
    'kube_horizontalpodautoscaler_spec_max_replicas',
    'kube_horizontalpodautoscaler_spec_min_replicas',
  ],
  cadvisor: [
    'container_cpu_usage_seconds_total',
    'container_cpu_cfs_periods_total',
    'container_cpu_cfs_throttled_periods_total',
    'container_memory_working_set_bytes',
    'container_memory_rss',
    'container_network_receive_bytes_total',
    'container_network_transmit_bytes_total',
  ],
  kubelet: [
    'kubelet_volume_stats_available_bytes',
    'kubelet_volume_stats_capacity_bytes',
    'kubelet_volume_stats_used_bytes',
    'kubelet_volume_stats_inodes_free',
  ],
  'blackbox-exporter': [
    'probe_success',
    'probe_duration_seconds',
    'probe_http_status_code',
    'probe_ssl_earliest_cert_expiry',
  ],
};

/** The standard exporter that publishes a metric, if any. */
export function standardExporterOf(metric: string): string | undefined {
  return Object.entries(STANDARD_EXPORTER_METRICS).find(([, names]) =>
    names.includes(metric),
  )?.[0];
}
