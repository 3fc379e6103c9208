import { resolve } from 'node:path';
import { testTemplates, type TemplatesReport } from './testTemplates';

jest.setTimeout(120_000);

const BROKEN = resolve(__dirname, '__fixtures__/broken-delivery');

const findingsOf = (report: TemplatesReport, rules: RegExp) =>
  report.templates
    .flatMap(t => [...t.findings, ...t.renderings.flatMap(r => r.findings)])
    .filter(f => rules.test(f.rule))
    .map(({ file, line, rule, message }) => ({ file, line, rule, message }));

describe('the delivery rules on the broken-delivery fixture', () => {
  let report: TemplatesReport;
  beforeAll(async () => {
    report = await testTemplates({ dir: BROKEN });
  });

  it('find what the kubelet and Pod Security admission would refuse, in what kustomize builds', () => {
    expect(findingsOf(report, /^(pss|workload)\//)).toEqual([
      {
        file: 'k8s/overlays/production/kustomization.yaml',
        line: undefined,
        rule: 'pss/restricted',
        message:
          'production: Deployment shop-worker container `worker` must drop ALL capabilities (Pod Security Standards, restricted)',
      },
      {
        file: 'k8s/overlays/production/kustomization.yaml',
        line: undefined,
        rule: 'workload/run-as-non-root',
        message:
          'production: Deployment shop-worker container `worker` sets runAsNonRoot without runAsUser, and the image\'s USER `node` (Dockerfile:4) is not numeric: the kubelet refuses to start it ("container has runAsNonRoot and image has non-numeric user"). Use a numeric USER (e.g. 10001:10001) or set runAsUser.',
      },
    ]);
  });

  it('find Services and Rollout references that point at nothing', () => {
    expect(findingsOf(report, /^(service|rollout|hpa)\//)).toEqual(
      [
        {
          rule: 'service/selector',
          message:
            "production: Service `shop` selects app=shop-web, which no workload's pod template carries: it routes to no pod",
        },
        {
          rule: 'rollout/service',
          message:
            'production: Rollout `shop` names the activeService `shop-active`, which is not among the Services this build produces',
        },
        {
          rule: 'rollout/service',
          message:
            'production: Rollout `shop` names the previewService `shop-preview`, which is not among the Services this build produces',
        },
        {
          rule: 'rollout/analysis-template',
          message:
            'production: Rollout `shop` runs the AnalysisTemplate `shop-health`, which this build does not produce',
        },
        {
          rule: 'hpa/target',
          message:
            'production: HorizontalPodAutoscaler `shop` scales Deployment `shop`, which this build does not produce',
        },
      ].map(f => ({
        file: 'k8s/overlays/production/kustomization.yaml',
        line: undefined,
        ...f,
      })),
    );
  });

  it('validates Rollouts and AnalysisTemplates against the Argo Rollouts schemas', () => {
    expect(findingsOf(report, /^kubernetes\//)).toEqual([
      {
        file: 'k8s/base/analysis-template.yaml',
        line: 8,
        rule: 'kubernetes/schema',
        message:
          "AnalysisTemplate /spec/metrics/0 must have required property 'name'",
      },
      {
        file: 'k8s/base/rollout.yaml',
        line: 8,
        rule: 'kubernetes/schema',
        message: 'Rollout /spec/revisionHistoryLimit must be integer',
      },
    ]);
  });
});
