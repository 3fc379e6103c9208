import { AnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1';

/** Where Argo Rollouts asks Prometheus, and what it accepts. */
export interface AnalysisOptions {
  service: string;
  /** Prometheus as the Rollouts controller reaches it, in the cluster. */
  prometheusUrl: string;
  errorRatePercent: number;
  latencyP95Ms: number;
}

/**
 * The signals the analysis and the generated alert rules share: the same
 * metrics (`http_requests_total` by `status`, the
 * `http_request_duration_seconds` histogram), the same `job` label and
 * window, so a version the analysis passes is one the alerts stay quiet
 * for. The analysis looks at the namespace being rolled out only, which
 * the Rollout passes as the `namespace` argument.
 */
const selector = (service: string) =>
  `job="${service}",namespace="{{args.namespace}}"`;

export function errorRatioQuery(service: string): string {
  return `sum(rate(http_requests_total{${selector(
    service,
  )},status=~"5.."}[5m])) / sum(rate(http_requests_total{${selector(
    service,
  )}}[5m]))`;
}

export function latencyP95Query(service: string): string {
  return `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${selector(
    service,
  )}}[5m])))`;
}

/** What a Rollout passes to the template: its own namespace. */
export const analysisArgs = [
  {
    name: 'namespace',
    valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } },
  },
];

export const analysisTemplateName = (service: string) => `${service}-health`;

// No traffic yet (an empty or NaN answer) is not a failure: a new service
// with no requests must still be promotable.
const atMost = (limit: number) =>
  `len(result) == 0 || isNaN(result[0]) || result[0] <= ${limit}`;

/**
 * An AnalysisTemplate that fails a rollout when the error ratio or the p95
 * latency crosses the alert thresholds: checked every minute, five times,
 * and a single failed measurement aborts (the engine then returns traffic
 * to the stable version).
 */
export function analysisTemplate(
  o: AnalysisOptions,
  labels: Record<string, string>,
) {
  const measure = (name: string, query: string, limit: number) => ({
    name,
    interval: '1m',
    count: 5,
    failureLimit: 0,
    successCondition: atMost(limit),
    provider: { prometheus: { address: o.prometheusUrl, query } },
  });
  const template = new AnalysisTemplate({
    metadata: { name: analysisTemplateName(o.service), labels },
    spec: {
      args: [{ name: 'namespace' }],
      metrics: [
        measure(
          'error-ratio',
          errorRatioQuery(o.service),
          o.errorRatePercent / 100,
        ),
        measure(
          'latency-p95-seconds',
          latencyP95Query(o.service),
          o.latencyP95Ms / 1000,
        ),
      ],
    },
  });
  template.validate();
  return template;
}
