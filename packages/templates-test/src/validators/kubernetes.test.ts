import { validateKubernetesManifests } from './kubernetes';

const check = (files: Record<string, string>) =>
  validateKubernetesManifests({
    dir: '/nonexistent',
    files: Object.entries(files).map(([path, text]) => ({
      path,
      content: Buffer.from(text),
      executable: false,
    })),
  });

describe('validateKubernetesManifests', () => {
  it('names the field the Kubernetes schema refuses, at its line', async () => {
    const findings = await check({
      'k8s/deployment.yaml': [
        'apiVersion: apps/v1', // 1
        'kind: Deployment', // 2
        'metadata:', // 3
        '  name: ledger', // 4
        'spec:', // 5
        '  replicas: two', // 6
        '  selector: { matchLabels: { app: ledger } }', // 7
        '  template:', // 8
        '    metadata: { labels: { app: ledger } }', // 9
        '    spec:', // 10
        '      containers:', // 11
        '        - name: ledger', // 12
        '          image: ghcr.io/acme/ledger:1.0.0', // 13
        '',
      ].join('\n'),
    });

    expect(findings).toEqual([
      {
        file: 'k8s/deployment.yaml',
        line: 6,
        rule: 'kubernetes/schema',
        message: 'Deployment /spec/replicas must be integer',
        severity: 'error',
      },
    ]);
  });

  it('checks that a kustomization refers to files the template produces', async () => {
    const findings = await check({
      'k8s/base/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - service.yaml\n  - deployment.yaml\n',
      'k8s/base/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: { name: ledger }\nspec: { ports: [{ port: 80 }] }\n',
      'k8s/overlays/production/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\n',
    });

    expect(findings).toEqual([
      expect.objectContaining({
        file: 'k8s/base/kustomization.yaml',
        line: 5,
        rule: 'kubernetes/kustomize-reference',
        message:
          'Kustomization refers to `deployment.yaml`, which the template does not produce',
      }),
    ]);
  });
});
