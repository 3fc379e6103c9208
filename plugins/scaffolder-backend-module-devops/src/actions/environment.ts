import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  baseManifests,
  overlay,
  ServiceSpec,
} from '../environments/kubernetesManifests';
import {
  DATABASES,
  defaultVariables,
  dockerCompose,
  envExample,
} from '../environments/localEnvironment';
import { STRATEGIES } from '../environments/deliveryStrategy';
import { examples } from './environment.examples';
import { writeFiles } from './writeFiles';
import { HTTP_PATH, IMAGE_REPOSITORY, SERVICE_NAME } from './inputPatterns';

const ENVIRONMENTS = ['staging', 'production'] as const;

/** The Prometheus operator's default Service in a `monitoring` namespace. */
const DEFAULT_PROMETHEUS_URL = 'http://prometheus-operated.monitoring.svc:9090';

/**
 * Writes staging and production configuration: a kustomize base (the
 * workload with probes, resources and the restricted security profile: a
 * Deployment for rolling, an Argo Rollout and AnalysisTemplate for
 * blue-green and canary; Service, HPA, PodDisruptionBudget) with one
 * overlay per environment, `.env.<environment>.example` files without
 * secret values, and a docker-compose.yml for local development with the
 * service's database.
 *
 * @public
 */
export function createEnvironmentAction() {
  return createTemplateAction({
    id: 'devops:environment:generate',
    description:
      'Writes Kubernetes manifests (kustomize base and staging/production overlays), .env examples and a docker-compose file',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string().regex(SERVICE_NAME.pattern, SERVICE_NAME.message).max(50),
        image: z =>
          z.string().regex(IMAGE_REPOSITORY.pattern, IMAGE_REPOSITORY.message),
        port: z => z.number().int().min(1).max(65535),
        healthPath: z => z.string().regex(HTTP_PATH.pattern, HTTP_PATH.message),
        readinessPath: z =>
          z.string().regex(HTTP_PATH.pattern, HTTP_PATH.message).optional(),
        database: z => z.enum(DATABASES).default('none'),
        strategy: z =>
          z
            .enum(STRATEGIES)
            .default('rolling')
            .describe(
              'rolling: a Deployment; blue-green and canary: an Argo Rollout with Prometheus analysis',
            ),
        prometheusUrl: z =>
          z
            .string()
            .url()
            .default(DEFAULT_PROMETHEUS_URL)
            .describe(
              'Prometheus as the Argo Rollouts controller reaches it, for the rollout analysis',
            ),
        errorRatePercent: z =>
          z
            .number()
            .min(0.1)
            .max(25)
            .default(1)
            .describe('Error ratio (5xx, percent) that aborts a rollout'),
        latencyP95Ms: z =>
          z
            .number()
            .int()
            .min(10)
            .max(60_000)
            .default(1000)
            .describe('p95 latency (ms) that aborts a rollout'),
        targetPath: z => z.string().default('.'),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Paths written, relative to the workspace'),
      },
    },
    async handler(ctx) {
      const spec: ServiceSpec = {
        name: ctx.input.name,
        image: ctx.input.image,
        port: ctx.input.port,
        healthPath: ctx.input.healthPath,
        readinessPath: ctx.input.readinessPath ?? ctx.input.healthPath,
        strategy: ctx.input.strategy ?? 'rolling',
        analysis: {
          prometheusUrl: ctx.input.prometheusUrl ?? DEFAULT_PROMETHEUS_URL,
          errorRatePercent: ctx.input.errorRatePercent ?? 1,
          latencyP95Ms: ctx.input.latencyP95Ms ?? 1000,
        },
      };
      const database = ctx.input.database ?? 'none';
      const files: Record<string, string> = {};
      for (const [file, content] of Object.entries(baseManifests(spec))) {
        files[`k8s/base/${file}`] = content;
      }
      for (const environment of ENVIRONMENTS) {
        for (const [file, content] of Object.entries(
          overlay(spec, environment),
        )) {
          files[`k8s/overlays/${environment}/${file}`] = content;
        }
        files[`.env.${environment}.example`] = envExample(
          environment,
          defaultVariables(spec, database),
        );
      }
      files['docker-compose.yml'] = dockerCompose(spec, database);
      ctx.output(
        'files',
        await writeFiles(ctx.workspacePath, ctx.input.targetPath ?? '.', files),
      );
    },
  });
}
