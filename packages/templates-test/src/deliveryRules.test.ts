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

  it("finds a catalog kubernetes-id that no workload's label matches", () => {
    expect(findingsOf(report, /^catalog\/kubernetes-id$/)).toEqual([
      {
        file: 'catalog-info.yaml',
        line: undefined,
        rule: 'catalog/kubernetes-id',
        message:
          "backstage.io/kubernetes-id is `shop`, but no workload in the production build carries the label backstage.io/kubernetes-id=shop on itself and its pods: Backstage's Kubernetes plugin would show nothing",
      },
    ]);
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

  it('find pipelines whose image, scan or production gate does not hold', () => {
    const github = '.github/workflows/deliver.yml';
    const gitlab = '.gitlab-ci.yml';
    const pipeline = findingsOf(report, /^pipeline\//);
    const expected = [
      {
        file: github,
        rule: 'pipeline/image-consistency',
        message:
          'Job `hotfix` deploys `ghcr.io/acme/shop-api`, but `build` builds `ghcr.io/acme/shop`: build, push, scan and deploy must name one image',
      },
      {
        file: github,
        rule: 'pipeline/scan-target',
        message:
          'Job `build` scans `ghcr.io/acme/shop:1.0.0`, which no earlier step of the job builds into its Docker (build-push-action needs `load: true`): Trivy has no image to scan',
      },
      {
        file: github,
        rule: 'pipeline/scan-on-review',
        message:
          'Job `build` does not scan the image of a pull or merge request: the scan must run on proposed changes as well as on main',
      },
      {
        file: github,
        rule: 'pipeline/production-gate',
        message:
          'Job `deploy-production` waits on the `production` environment, but the template does not create it with reviewers (github:environment:create with `reviewers`): GitHub creates it unprotected and the job runs straight away',
      },
      {
        file: github,
        rule: 'pipeline/production-gate',
        message:
          'Job `hotfix` deploys to production without `environment: production`, so no reviewer approves it',
      },
      {
        file: gitlab,
        rule: 'pipeline/image-consistency',
        message:
          'Job `build` pushes `ghcr.io/acme/shop`, but `build` builds `$CI_REGISTRY_IMAGE`: build, push, scan and deploy must name one image',
      },
      {
        file: gitlab,
        rule: 'pipeline/registry-login',
        message:
          'Job `build` pushes `ghcr.io/acme/shop` but logs in to `$CI_REGISTRY` only: the push is refused',
      },
      {
        file: gitlab,
        rule: 'pipeline/scan-target',
        message:
          'Job `image-scan` scans the archive `image.tar`, which neither the job nor a job it needs saves as an artifact: Trivy has no image to scan',
      },
      {
        file: gitlab,
        rule: 'pipeline/scan-on-review',
        message:
          'Job `image-scan` does not scan the image of a pull or merge request: the scan must run on proposed changes as well as on main',
      },
      {
        file: gitlab,
        rule: 'pipeline/production-gate',
        message:
          'Job `deploy-production` deploys to production, but neither it nor a job it needs is manual (`when: manual`): it runs without anybody starting it',
      },
    ].map(f => ({ line: undefined, ...f }));
    expect(pipeline).toEqual(expect.arrayContaining(expected));
    expect(pipeline).toHaveLength(expected.length);
  });
});
