import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_DEVOPS_ALERT_SELECTOR,
  ANNOTATION_DEVOPS_ENVIRONMENTS,
  ANNOTATION_DEVOPS_HEALTH_URL_PREFIX,
} from '@backstage-devops/plugin-devops-common';
import { stringify } from 'yaml';
import { examples } from './catalogInfo.examples';
import { writeFiles } from './writeFiles';
import { SERVICE_NAME } from './inputPatterns';

/**
 * Writes a catalog-info.yaml whose annotations wire the new service to the
 * DevOps plugins: its environments and one health URL per environment.
 *
 * @public
 */
export function createCatalogInfoAction() {
  return createTemplateAction({
    id: 'devops:catalog-info:generate',
    description:
      'Writes a catalog-info.yaml for a new service, annotated for the DevOps entity pages',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string().regex(SERVICE_NAME.pattern, SERVICE_NAME.message).max(63),
        owner: z => z.string().min(1),
        system: z => z.string().optional(),
        type: z => z.string().default('service'),
        lifecycle: z => z.string().default('experimental'),
        description: z => z.string().optional(),
        environments: z =>
          z.array(z.string()).default(['development', 'staging', 'production']),
        healthUrls: z =>
          z
            .record(z.string(), z.string().url())
            .default({})
            .describe('Health URL per environment'),
        alertSelector: z =>
          z
            .string()
            .regex(
              /^[a-zA-Z_][a-zA-Z0-9_]*(=|!=|=~|!~)"[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*(=|!=|=~|!~)"[^"]*")*$/,
              'must be Prometheus label matchers like service="payments-api"',
            )
            .optional()
            .describe('Label matchers that route Alertmanager alerts here'),
        repository: z =>
          z
            .object({
              provider: z.enum(['github', 'gitlab']),
              slug: z
                .string()
                .regex(
                  /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/,
                  'must be <owner>/<repository>',
                ),
            })
            .optional()
            .describe(
              'Where the code lives; written as github.com/project-slug or gitlab.com/project-slug for the GitHub or GitLab plugins',
            ),
        annotations: z =>
          z
            .record(z.string(), z.string())
            .default({})
            .describe(
              'Further annotations, e.g. backstage.io/techdocs-ref or github.com/project-slug',
            ),
        targetPath: z => z.string().default('catalog-info.yaml'),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Paths written, relative to the workspace'),
      },
    },
    async handler(ctx) {
      // The scaffolder validates input against the schema but does not fill
      // in its defaults, so they are applied here.
      const input = {
        ...ctx.input,
        type: ctx.input.type ?? 'service',
        lifecycle: ctx.input.lifecycle ?? 'experimental',
        environments: ctx.input.environments ?? [
          'development',
          'staging',
          'production',
        ],
        healthUrls: ctx.input.healthUrls ?? {},
        annotations: ctx.input.annotations ?? {},
        targetPath: ctx.input.targetPath ?? 'catalog-info.yaml',
      };
      const annotations: Record<string, string> = {
        ...input.annotations,
        ...(input.repository
          ? {
              [`${input.repository.provider}.com/project-slug`]:
                input.repository.slug,
            }
          : {}),
        [ANNOTATION_DEVOPS_ENVIRONMENTS]: input.environments.join(','),
        ...(input.alertSelector
          ? { [ANNOTATION_DEVOPS_ALERT_SELECTOR]: input.alertSelector }
          : {}),
      };
      for (const env of input.environments) {
        const url = input.healthUrls[env];
        if (url) {
          annotations[`${ANNOTATION_DEVOPS_HEALTH_URL_PREFIX}${env}`] = url;
        }
      }
      const entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: input.name,
          ...(input.description ? { description: input.description } : {}),
          annotations,
        },
        spec: {
          type: input.type,
          lifecycle: input.lifecycle,
          owner: input.owner,
          ...(input.system ? { system: input.system } : {}),
        },
      };
      const files = await writeFiles(ctx.workspacePath, '.', {
        [input.targetPath]: stringify(entity),
      });
      ctx.output('files', files);
    },
  });
}
