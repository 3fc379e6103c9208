import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { RUNTIMES } from '../dockerfile/runtimes';
import {
  deployScript,
  reportDeploymentScript,
  reportMigrationsScript,
  reportOutcomeScript,
  STRATEGIES,
} from '../pipeline/deployScripts';
import { githubWorkflow } from '../pipeline/githubWorkflow';
import {
  RECORD_MIGRATION_RUN,
  recordMigrationRunScript,
} from '../pipeline/recordMigrationRun';
import {
  GITLAB_REGISTRY_IMAGE,
  gitlabPipeline,
} from '../pipeline/gitlabPipeline';
import { examples } from './pipeline.examples';
import { writeFiles } from './writeFiles';
import {
  ENTITY_REF,
  HTTP_PATH,
  IMAGE_REPOSITORY,
  SERVICE_NAME,
} from './inputPatterns';

/**
 * Writes the CI/CD pipeline for GitHub Actions or GitLab CI, with the
 * deploy and reporting scripts it calls under `.devops/`.
 *
 * @public
 */
export function createPipelineAction() {
  return createTemplateAction({
    id: 'devops:pipeline:generate',
    description:
      'Writes a CI/CD pipeline (lint, test, security scan, build, staging, smoke test, approved production deploy with rollback) that reports to Backstage',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        provider: z => z.enum(['github', 'gitlab']).describe('CI provider'),
        service: z =>
          z.string().regex(SERVICE_NAME.pattern, SERVICE_NAME.message).max(50),
        entityRef: z =>
          z.string().regex(ENTITY_REF.pattern, ENTITY_REF.message),
        runtime: z => z.enum(RUNTIMES),
        strategy: z =>
          z
            .enum(STRATEGIES)
            .default('rolling')
            .describe('Production deployment strategy'),
        image: z =>
          z
            .string()
            .regex(IMAGE_REPOSITORY.pattern, IMAGE_REPOSITORY.message)
            .optional()
            .describe(
              'GitHub: the registry repository the image is pushed to (required). GitLab pushes to the project registry, $CI_REGISTRY_IMAGE',
            ),
        healthPath: z => z.string().regex(HTTP_PATH.pattern, HTTP_PATH.message),
        coverageThreshold: z => z.number().int().min(0).max(100).default(80),
        hasDatabase: z => z.boolean().default(false),
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
      if (ctx.input.provider === 'github' && !ctx.input.image) {
        throw new Error(
          'image is required for provider github: the registry repository to push to, e.g. ghcr.io/acme/payments-api',
        );
      }
      const options = {
        service: ctx.input.service,
        entityRef: ctx.input.entityRef,
        runtime: ctx.input.runtime,
        strategy: ctx.input.strategy ?? 'rolling',
        image:
          ctx.input.provider === 'gitlab'
            ? GITLAB_REGISTRY_IMAGE
            : ctx.input.image!,
        healthPath: ctx.input.healthPath,
        coverageThreshold: ctx.input.coverageThreshold ?? 80,
        hasDatabase: ctx.input.hasDatabase ?? false,
      };
      const pipeline: Record<string, string> =
        ctx.input.provider === 'github'
          ? {
              '.github/workflows/ci-cd.yml': stringify(
                githubWorkflow(options),
                { lineWidth: 0, aliasDuplicateObjects: false },
              ),
            }
          : {
              '.gitlab-ci.yml': stringify(gitlabPipeline(options), {
                lineWidth: 0,
                aliasDuplicateObjects: false,
              }),
            };
      const files = await writeFiles(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
        {
          ...pipeline,
          '.devops/deploy.sh': deployScript(options.service, options.strategy),
          '.devops/report-deployment.sh': reportDeploymentScript,
          '.devops/report-outcome.sh': reportOutcomeScript,
          '.devops/report-migrations.sh': reportMigrationsScript,
          ...(options.hasDatabase
            ? {
                [RECORD_MIGRATION_RUN]: recordMigrationRunScript(
                  options.service,
                ),
              }
            : {}),
        },
      );
      ctx.output('files', files);
    },
  });
}
