import {
  PodMonitor,
  Probe,
  PrometheusRule,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import type { AlertRuleOptions } from './alertOptions';
import { alertRules } from './alertRules';

/** The pod label the manifests select the service's pods by. */
export const POD_NAME_LABEL = 'app.kubernetes.io/name';

/** Where the blackbox exporter answers, inside the cluster. */
export const DEFAULT_BLACKBOX_EXPORTER =
  'blackbox-exporter.monitoring.svc:9115';

/**
 * Resources for a cluster with the Prometheus operator: a PodMonitor that
 * scrapes `/metrics` on the pods' `http` port in every environment's
 * namespace (the `job` label is the service name, as the rules expect), a
 * Probe that has the blackbox exporter check the production health URL,
 * and the rules as a PrometheusRule. Each is validated against the
 * operator's schemas before it is written.
 */
export function operatorResources(
  o: AlertRuleOptions,
  blackboxExporter = DEFAULT_BLACKBOX_EXPORTER,
) {
  const labels = { [POD_NAME_LABEL]: o.service };
  const podMonitor = new PodMonitor({
    metadata: { name: o.service, labels },
    spec: {
      jobLabel: POD_NAME_LABEL,
      namespaceSelector: {
        matchNames: o.environments.map(e => `${o.service}-${e}`),
      },
      selector: { matchLabels: labels },
      podMetricsEndpoints: [
        { port: 'http', path: '/metrics', interval: '30s' },
      ],
    },
  });
  const rule = new PrometheusRule({
    metadata: { name: o.service, labels },
    spec: alertRules(o) as any,
  });
  const resources: Record<string, { validate(): void; toJSON(): unknown }> = {
    'podmonitor.yaml': podMonitor,
    'prometheusrule.yaml': rule,
  };
  if (o.probeUrl) {
    resources['probe.yaml'] = new Probe({
      metadata: { name: `${o.service}-health`, labels },
      spec: {
        jobName: `${o.service}-probe`,
        module: 'http_2xx',
        interval: '30s',
        prober: { url: blackboxExporter },
        targets: { staticConfig: { static: [o.probeUrl] } },
      },
    });
  }
  for (const resource of Object.values(resources)) {
    resource.validate();
  }
  return resources;
}
