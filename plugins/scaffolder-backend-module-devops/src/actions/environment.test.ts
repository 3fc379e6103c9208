import { actionRunner } from '../__testUtils__/actionRunner';
import { readFile } from 'fs/promises';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service } from 'kubernetes-models/v1';
import { join } from 'path';
import { parse } from 'yaml';
import { createEnvironmentAction } from './environment';

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
    expect(container.resources?.requests).toBeDefined();
    expect(deployment.spec!.template.spec!.securityContext?.runAsNonRoot).toBe(
      true,
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
  ])('the scaffolder refuses %j naming %s', (patch, field) => {
    expect(validate({ ...input, ...patch })).toEqual([field]);
  });
});
