import { actionRunner } from '../__testUtils__/actionRunner';
import { readFile } from 'fs/promises';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service } from 'kubernetes-models/v1';
import { join } from 'path';
import {
  AnalysisTemplate,
  Rollout,
} from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1';
import { execFile } from 'child_process';
import { promisify } from 'util';
import { parse, parseAllDocuments } from 'yaml';
import { createEnvironmentAction } from './environment';

const exec = promisify(execFile);

describe('devops:environment:generate', () => {
  const action = createEnvironmentAction();
  const { workspace, run: generate, validate } = actionRunner(action);
  const input = {
    name: 'payments-api',
    image: 'ghcr.io/example/payments-api',
    port: 8080,
    healthPath: '/healthz',
    readinessPath: '/readyz',
    database: 'postgres',
    targetPath: '.',
  };

  const read = async (file: string) =>
    parse(await readFile(join(workspace.path, file), 'utf8'));

  it('writes a kustomize base that validates against the Kubernetes schemas', async () => {
    const ctx = await generate(input);

    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining([
        'k8s/base/deployment.yaml',
        'k8s/overlays/staging/kustomization.yaml',
        'k8s/overlays/production/kustomization.yaml',
        '.env.staging.example',
        '.env.production.example',
        'docker-compose.yml',
      ]),
    );
    const deployment = new Deployment(await read('k8s/base/deployment.yaml'));
    deployment.validate();
    new Service(await read('k8s/base/service.yaml')).validate();
    new HorizontalPodAutoscaler(await read('k8s/base/hpa.yaml')).validate();
    new PodDisruptionBudget(await read('k8s/base/pdb.yaml')).validate();

    const container = deployment.spec!.template.spec!.containers[0];
    expect(container.livenessProbe?.httpGet).toEqual({
      path: '/healthz',
      port: 'http',
    });
    expect(container.readinessProbe?.httpGet).toEqual({
      path: '/readyz',
      port: 'http',
    });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080 }]);
    // An annotation-based Prometheus scrapes the container's own port.
    expect(deployment.spec!.template.metadata?.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '8080',
      'prometheus.io/path': '/metrics',
    });
    expect(container.resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '1', memory: '256Mi' },
    });
    // Pod Security Standards "restricted", as the image's numeric USER.
    expect(deployment.spec!.template.spec!.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    // The read-only root filesystem keeps a writable /tmp.
    expect(container.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
    ]);
    expect(deployment.metadata?.labels?.['backstage.io/kubernetes-id']).toBe(
      'payments-api',
    );
    expect((await read('k8s/base/kustomization.yaml')).resources).toEqual([
      'deployment.yaml',
      'service.yaml',
      'hpa.yaml',
      'pdb.yaml',
    ]);
  });

  it('sizes production for failover in its overlay', async () => {
    await generate(input);

    const production = await read('k8s/overlays/production/kustomization.yaml');
    expect(production.namespace).toBe('payments-api-production');
    expect(production.resources).toEqual(['../../base']);
    const replicas = parse(production.patches[0].patch).find(
      (op: any) => op.path === '/spec/replicas',
    );
    expect(replicas.value).toBeGreaterThanOrEqual(2);
    const staging = await read('k8s/overlays/staging/kustomization.yaml');
    expect(staging.namespace).toBe('payments-api-staging');
  });

  const build = async (environment: string) => {
    const { stdout } = await exec('kubectl', [
      'kustomize',
      join(workspace.path, 'k8s/overlays', environment),
    ]);
    return parseAllDocuments(stdout).map(d => d.toJS());
  };

  it('builds with the real kustomize into the image the overlay names', async () => {
    await generate(input);
    const objects = await build('production');
    const deployment = objects.find(o => o.kind === 'Deployment');
    expect(deployment.metadata.namespace).toBe('payments-api-production');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/example/payments-api:replaced-by-the-pipeline',
    );
  });

  it.each(['blue-green', 'canary'] as const)(
    "makes %s an Argo Rollout analysed on the alert rules' signals",
    async strategy => {
      await generate({ ...input, strategy, errorRatePercent: 2 });
      const objects = await build('production');
      expect(objects.map(o => o.kind).sort()).toEqual(
        [
          'AnalysisTemplate',
          'HorizontalPodAutoscaler',
          'PodDisruptionBudget',
          'Rollout',
          'Service',
          ...(strategy === 'blue-green' ? ['Service'] : []),
        ].sort(),
      );
      const rollout = new Rollout(objects.find(o => o.kind === 'Rollout'));
      rollout.validate();
      expect(rollout.spec!.replicas).toBe(3);
      const hpa = objects.find(o => o.kind === 'HorizontalPodAutoscaler');
      expect(hpa.spec.scaleTargetRef).toEqual({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        name: 'payments-api',
      });
      const analysis = new AnalysisTemplate(
        objects.find(o => o.kind === 'AnalysisTemplate'),
      );
      analysis.validate();
      const [errors, latency] = analysis.spec!.metrics;
      expect(errors.successCondition).toContain('result[0] <= 0.02');
      expect(latency.successCondition).toContain('result[0] <= 1');
      // The metrics and labels the alert rules use, in this namespace.
      expect(errors.provider.prometheus!.query).toBe(
        'sum(rate(http_requests_total{job="payments-api",namespace="{{args.namespace}}",status=~"5.."}[5m])) / sum(rate(http_requests_total{job="payments-api",namespace="{{args.namespace}}"}[5m]))',
      );
      expect(latency.provider.prometheus!.query).toBe(
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="payments-api",namespace="{{args.namespace}}"}[5m])))',
      );
      expect(analysis.spec!.args).toEqual([{ name: 'namespace' }]);
    },
  );

  it('runs a blue-green Rollout with active and preview Services and analysis before and after promotion', async () => {
    await generate({ ...input, strategy: 'blue-green' });
    const objects = await build('production');
    const rollout = new Rollout(objects.find(o => o.kind === 'Rollout'));
    const analysis = {
      templates: [{ templateName: 'payments-api-health' }],
      args: [
        {
          name: 'namespace',
          valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } },
        },
      ],
    };
    expect(rollout.spec!.strategy!.blueGreen).toMatchObject({
      activeService: 'payments-api',
      previewService: 'payments-api-preview',
      prePromotionAnalysis: analysis,
      postPromotionAnalysis: analysis,
    });
    expect(
      objects.filter(o => o.kind === 'Service').map(o => o.metadata.name),
    ).toEqual(['payments-api', 'payments-api-preview']);
  });

  it('runs a canary Rollout in weighted steps with pauses and analysis', async () => {
    await generate({ ...input, strategy: 'canary' });
    const objects = await build('production');
    const canary = new Rollout(objects.find(o => o.kind === 'Rollout')).spec!
      .strategy!.canary!;
    expect(canary.steps).toEqual([
      { setWeight: 20 },
      { pause: { duration: '2m' } },
      { setWeight: 50 },
      { pause: { duration: '2m' } },
      { setWeight: 80 },
      { pause: { duration: '2m' } },
    ]);
    expect(canary.analysis).toMatchObject({
      templates: [{ templateName: 'payments-api-health' }],
      startingStep: 1,
      args: [{ name: 'namespace' }],
    });
  });

  it('keeps secrets out of the example env files', async () => {
    await generate(input);

    const example = await readFile(
      join(workspace.path, '.env.production.example'),
      'utf8',
    );
    expect(example).toMatch(/^PORT=8080$/m);
    expect(example).toMatch(/^DATABASE_URL=\s+# secret$/m);
  });

  it('runs the service with its database locally', async () => {
    await generate(input);
    const compose = await read('docker-compose.yml');
    expect(compose.services['payments-api'].depends_on).toEqual({
      db: { condition: 'service_healthy' },
    });
    expect(compose.services.db.image).toMatch(/^postgres:\d+\.\d+/);

    await generate({ ...input, database: 'none' });
    const without = await read('docker-compose.yml');
    expect(Object.keys(without.services)).toEqual(['payments-api']);
  });

  it.each([
    [{ name: 'Payments_API' }, 'name'],
    [{ image: 'ghcr.io/example/payments-api:latest' }, 'image'],
    [{ port: 0 }, 'port'],
    [{ database: 'oracle' }, 'database'],
    [{ strategy: 'big-bang' }, 'strategy'],
  ])('the scaffolder refuses %j naming %s', (patch, field) => {
    expect(validate({ ...input, ...patch })).toEqual([field]);
  });

  it.each(action.examples!.map(e => [e.description, e.example] as const))(
    'writes the example "%s"',
    async (_, example) => {
      const exampleInput = parse(example).steps[0].input;
      expect(validate(exampleInput)).toEqual([]);
      const ctx = await generate(exampleInput);
      expect(ctx.output).toHaveBeenCalledWith('files', expect.any(Array));
    },
  );
});
