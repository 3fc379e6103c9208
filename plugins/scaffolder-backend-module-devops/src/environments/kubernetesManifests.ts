import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { stringify } from 'yaml';

export interface ServiceSpec {
  name: string;
  image: string;
  port: number;
  healthPath: string;
  readinessPath: string;
}

export interface EnvironmentSizing {
  replicas: number;
  maxReplicas: number;
  cpu: string;
  memory: string;
}

/** Replicas and resources per environment; production is sized for failover. */
export const SIZING: Record<'staging' | 'production', EnvironmentSizing> = {
  staging: { replicas: 1, maxReplicas: 3, cpu: '250m', memory: '256Mi' },
  production: { replicas: 3, maxReplicas: 10, cpu: '500m', memory: '512Mi' },
};

/**
 * The kustomize base: Deployment (probes, resources, hardened security
 * context), Service, HorizontalPodAutoscaler and PodDisruptionBudget, built
 * as typed Kubernetes models and validated against the API schemas.
 */
export function baseManifests(spec: ServiceSpec) {
  const labels = { 'app.kubernetes.io/name': spec.name };
  const probe = (path: string, initialDelaySeconds: number) => ({
    httpGet: { path, port: 'http' },
    initialDelaySeconds,
    periodSeconds: 10,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });
  const deployment = new Deployment({
    metadata: { name: spec.name, labels },
    spec: {
      replicas: SIZING.staging.replicas,
      selector: { matchLabels: labels },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
      },
      template: {
        metadata: { labels },
        spec: {
          securityContext: {
            runAsNonRoot: true,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: spec.name,
              image: spec.image,
              ports: [{ name: 'http', containerPort: spec.port }],
              envFrom: [
                { secretRef: { name: `${spec.name}-env`, optional: true } },
              ],
              livenessProbe: probe(spec.healthPath, 10),
              readinessProbe: probe(spec.readinessPath, 5),
              resources: {
                requests: {
                  cpu: SIZING.staging.cpu,
                  memory: SIZING.staging.memory,
                },
                limits: { memory: SIZING.staging.memory },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  });
  const service = new Service({
    metadata: { name: spec.name, labels },
    spec: {
      selector: labels,
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  });
  const hpa = new HorizontalPodAutoscaler({
    metadata: { name: spec.name, labels },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: spec.name,
      },
      minReplicas: SIZING.staging.replicas,
      maxReplicas: SIZING.staging.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    },
  });
  const pdb = new PodDisruptionBudget({
    metadata: { name: spec.name, labels },
    spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
  });
  for (const manifest of [deployment, service, hpa, pdb]) {
    manifest.validate();
  }
  return {
    'deployment.yaml': stringify(deployment.toJSON()),
    'service.yaml': stringify(service.toJSON()),
    'hpa.yaml': stringify(hpa.toJSON()),
    'pdb.yaml': stringify(pdb.toJSON()),
    'kustomization.yaml': stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['deployment.yaml', 'service.yaml', 'hpa.yaml', 'pdb.yaml'],
    }),
  };
}

/** An overlay: namespace, image tag, and the environment's sizing as JSON patches. */
export function overlay(
  spec: ServiceSpec,
  environment: 'staging' | 'production',
) {
  const sizing = SIZING[environment];
  const patch = (kind: string, ops: object[]) => ({
    target: { kind, name: spec.name },
    patch: stringify(ops),
  });
  return {
    'kustomization.yaml': stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: `${spec.name}-${environment}`,
      resources: ['../../base'],
      labels: [{ pairs: { 'app.kubernetes.io/environment': environment } }],
      images: [{ name: spec.image, newTag: 'replaced-by-the-pipeline' }],
      patches: [
        patch('Deployment', [
          { op: 'replace', path: '/spec/replicas', value: sizing.replicas },
          {
            op: 'replace',
            path: '/spec/template/spec/containers/0/resources',
            value: {
              requests: { cpu: sizing.cpu, memory: sizing.memory },
              limits: { memory: sizing.memory },
            },
          },
        ]),
        patch('HorizontalPodAutoscaler', [
          { op: 'replace', path: '/spec/minReplicas', value: sizing.replicas },
          {
            op: 'replace',
            path: '/spec/maxReplicas',
            value: sizing.maxReplicas,
          },
        ]),
      ],
    }),
  };
}
