import { promqlMetricNames } from './promqlMetrics';

describe('promqlMetricNames', () => {
  it.each([
    ['up{job="ledger"} == 0', ['up']],
    [
      'sum by (namespace) (rate(http_requests_total{job="a",status=~"5.."}[5m])) / sum by (namespace) (rate(http_requests_total{job="a"}[5m])) > 0.01',
      ['http_requests_total'],
    ],
    [
      'histogram_quantile(0.95, sum by (namespace, le) (rate(http_request_duration_seconds_bucket{job="a"}[5m]))) > 1',
      ['http_request_duration_seconds_bucket'],
    ],
    [
      'kube_horizontalpodautoscaler_status_current_replicas{x="y"} >= on (namespace) group_left () kube_horizontalpodautoscaler_spec_max_replicas',
      [
        'kube_horizontalpodautoscaler_status_current_replicas',
        'kube_horizontalpodautoscaler_spec_max_replicas',
      ],
    ],
    [
      'time() - max(kube_replicaset_created) > 1.2e6',
      ['kube_replicaset_created'],
    ],
    ['rate(x_total[5m] offset 1h) > 0 and y unless z', ['x_total', 'y', 'z']],
  ])('finds the metrics of %s', (expr, metrics) => {
    expect(promqlMetricNames(expr)).toEqual(metrics);
  });
});
