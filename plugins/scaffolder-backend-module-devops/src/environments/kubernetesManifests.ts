import { Rollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Service, type IPodTemplateSpec } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { stringify } from 'yaml';
import { IMAGE_USER } from '../dockerfile/runtimes';
import {
  analysisArgs,
  analysisTemplate,
  analysisTemplateName,
  type AnalysisOptions,
} from './analysisTemplate';
import { WORKLOAD_KIND, type Strategy } from './deliveryStrategy';

export interface ServiceSpec {
  name: string;
  image: string;
  port: number;
  healthPath: string;
  readinessPath: string;
  strategy: Strategy;
  analysis: Omit<AnalysisOptions, 'service'>;
}

export interface EnvironmentSizing {
  replicas: number;
  maxReplicas: number;
  cpu: string;
  memory: string;
  cpuLimit: string;
}

/** Replicas and resources per environment; production is sized for failover. */
export const SIZING: Record<'staging' | 'production', EnvironmentSizing> = {
  staging: {
    replicas: 1,
    maxReplicas: 3,
    cpu: '250m',
    memory: '256Mi',
    cpuLimit: '1',
  },
  production: {
    replicas: 3,
    maxReplicas: 10,
    cpu: '500m',
    memory: '512Mi',
    cpuLimit: '2',
  },
};

/** The label Backstage's Kubernetes plugin finds an entity's objects by. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

const resourcesFor = (sizing: EnvironmentSizing) => ({
  requests: { cpu: sizing.cpu, memory: sizing.memory },
  limits: { cpu: sizing.cpuLimit, memory: sizing.memory },
});

/** The Service a blue-green Rollout shows the new version on before promotion. */
export const previewServiceName = (name: string) => `${name}-preview`;

/**
 * The pod template: Pod Security Standards "restricted" (non-root by
 * numeric id matching the image's USER, no privilege escalation, no
 * capabilities, RuntimeDefault seccomp), a read-only root filesystem with
 * a writable /tmp, probes, CPU and memory requests and limits, and the
 * scrape annotations.
 */
function podTemplate(
  spec: ServiceSpec,
  labels: Record<string, string>,
): IPodTemplateSpec {
  const probe = (path: string, initialDelaySeconds: number) => ({
    httpGet: { path, port: 'http' },
    initialDelaySeconds,
    periodSeconds: 10,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });
  return {
    metadata: {
      labels,
      // For a Prometheus without the operator that discovers pods by the
      // common annotations; the generated scrape job honours them too.
      annotations: {
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(spec.port),
        'prometheus.io/path': '/metrics',
      },
    },
    spec: {
      securityContext: {
        runAsNonRoot: true,
        runAsUser: IMAGE_USER.uid,
        runAsGroup: IMAGE_USER.gid,
        fsGroup: IMAGE_USER.gid,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: spec.name,
          // A name the overlays map to the registry's image, so the
          // pipeline sets one tag whichever registry the CI pushes to.
          image: spec.name,
          ports: [{ name: 'http', containerPort: spec.port }],
          envFrom: [
            { secretRef: { name: `${spec.name}-env`, optional: true } },
          ],
          livenessProbe: probe(spec.healthPath, 10),
          readinessProbe: probe(spec.readinessPath, 5),
          resources: resourcesFor(SIZING.staging),
          securityContext: {
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        },
      ],
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
    },
  };
}

function workload(spec: ServiceSpec, labels: Record<string, string>) {
  const selector = { matchLabels: { 'app.kubernetes.io/name': spec.name } };
  const template = podTemplate(spec, labels);
  const metadata = { name: spec.name, labels };
  const replicas = SIZING.staging.replicas;
  if (spec.strategy === 'rolling') {
    return new Deployment({
      metadata,
      spec: {
        replicas,
        selector,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
        },
        template,
      },
    });
  }
  const analysis = {
    templates: [{ templateName: analysisTemplateName(spec.name) }],
    args: analysisArgs,
  };
  return new Rollout({
    metadata,
    spec: {
      replicas,
      revisionHistoryLimit: 3,
      selector,
      template,
      strategy:
        spec.strategy === 'blue-green'
          ? {
              blueGreen: {
                activeService: spec.name,
                previewService: previewServiceName(spec.name),
                // Promote without a person once the analysis passes; the
                // person already approved the production job.
                autoPromotionEnabled: true,
                prePromotionAnalysis: analysis,
                // The old version keeps running while the post-promotion
                // analysis watches real traffic, so an abort switches back
                // to pods that are still there.
                postPromotionAnalysis: analysis,
                scaleDownDelaySeconds: 600,
              },
            }
          : {
              canary: {
                // Runs beside the steps from the first pause on; a failed
                // measurement aborts and scales the canary away.
                analysis: { ...analysis, startingStep: 1 },
                steps: [
                  { setWeight: 20 },
                  { pause: { duration: '2m' } },
                  { setWeight: 50 },
                  { pause: { duration: '2m' } },
                  { setWeight: 80 },
                  { pause: { duration: '2m' } },
                ],
              },
            },
    },
  });
}

/**
 * The kustomize base: the workload (a Deployment for rolling, an Argo
 * Rollout with its AnalysisTemplate for blue-green and canary), its
 * Service(s), HorizontalPodAutoscaler and PodDisruptionBudget, built as
 * typed Kubernetes models and validated against their schemas.
 */
export function baseManifests(spec: ServiceSpec) {
  const labels = {
    'app.kubernetes.io/name': spec.name,
    [KUBERNETES_ID_LABEL]: spec.name,
  };
  const selector = { 'app.kubernetes.io/name': spec.name };
  const kind = WORKLOAD_KIND[spec.strategy];
  const service = (name: string) =>
    new Service({
      metadata: { name, labels },
      spec: {
        selector,
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    });
  const hpa = new HorizontalPodAutoscaler({
    metadata: { name: spec.name, labels },
    spec: {
      scaleTargetRef: {
        apiVersion: kind === 'Rollout' ? 'argoproj.io/v1alpha1' : 'apps/v1',
        kind,
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
    spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
  });
  const files: Record<string, { validate(): void; toJSON(): unknown }> = {
    [`${kind.toLowerCase()}.yaml`]: workload(spec, labels),
    'service.yaml': service(spec.name),
    ...(spec.strategy === 'blue-green'
      ? { 'service-preview.yaml': service(previewServiceName(spec.name)) }
      : {}),
    ...(kind === 'Rollout'
      ? {
          'analysis-template.yaml': analysisTemplate(
            { service: spec.name, ...spec.analysis },
            labels,
          ),
        }
      : {}),
    'hpa.yaml': hpa,
    'pdb.yaml': pdb,
  };
  const rendered: Record<string, string> = {};
  for (const [file, manifest] of Object.entries(files)) {
    manifest.validate();
    rendered[file] = stringify(manifest.toJSON());
  }
  rendered['kustomization.yaml'] = stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: Object.keys(files),
  });
  return rendered;
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
      images: [
        {
          name: spec.name,
          newName: spec.image,
          newTag: 'replaced-by-the-pipeline',
        },
      ],
      patches: [
        patch(WORKLOAD_KIND[spec.strategy], [
          { op: 'replace', path: '/spec/replicas', value: sizing.replicas },
          {
            op: 'replace',
            path: '/spec/template/spec/containers/0/resources',
            value: resourcesFor(sizing),
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
