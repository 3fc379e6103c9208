import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { renderDockerfile } from '../dockerfile/DockerfileModel';
import {
  dockerfileFor,
  dockerignoreFor,
  RUNTIMES,
} from '../dockerfile/runtimes';
import { examples } from './dockerfile.examples';
import { writeFiles } from './writeFiles';
import { HTTP_PATH } from './inputPatterns';

/**
 * Writes a hardened multi-stage Dockerfile and a .dockerignore: pinned base
 * images, dependency layers before source, a non-root user, EXPOSE of the
 * port and a HEALTHCHECK on the health path, no secrets in ENV or ARG.
 *
 * @public
 */
export function createDockerfileAction() {
  return createTemplateAction({
    id: 'devops:dockerfile:generate',
    description:
      'Writes a hardened multi-stage Dockerfile and .dockerignore for a node, python, go or java service',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        runtime: z => z.enum(RUNTIMES).describe('The service runtime'),
        port: z =>
          z
            .number()
            .int()
            .min(1)
            .max(65535)
            .describe('Port the service listens on'),
        healthPath: z =>
          z
            .string()
            .regex(HTTP_PATH.pattern, HTTP_PATH.message)
            .describe('Path of the health endpoint'),
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Directory in the workspace to write to'),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Paths written, relative to the workspace'),
      },
    },
    async handler(ctx) {
      const { runtime, port, healthPath, targetPath } = ctx.input;
      const files = await writeFiles(ctx.workspacePath, targetPath ?? '.', {
        Dockerfile: renderDockerfile(
          dockerfileFor(runtime, { port, healthPath }),
        ),
        '.dockerignore': `${dockerignoreFor(runtime).join('\n')}\n`,
      });
      ctx.output('files', files);
    },
  });
}
