import { Arg, DockerfileParser, Env, type Instruction } from 'dockerfile-ast';
import {
  validate as lintDockerfile,
  ValidationSeverity,
} from 'dockerfile-utils';
import type { Finding, RenderedWorkspace } from '../Finding';

export const isDockerfile = (path: string) =>
  /(^|\/)(Dockerfile|[^/]+\.Dockerfile|Dockerfile\.[^/]+)$/.test(path);

const SECRET_NAME =
  /secret|token|passw(or)?d|api_?key|private_?key|credential/i;

const lineOf = (instruction: Instruction) =>
  instruction.getRange().start.line + 1;

/**
 * dockerfile-utils' validation plus our rules for a production image:
 * every base image pinned to a version or digest (`pinned-base`), the
 * final stage runs as a non-root user (`non-root`) and has a HEALTHCHECK
 * (`healthcheck`), and no secret is baked in through ENV or ARG
 * (`no-secrets`).
 */
export async function validateDockerfiles(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of workspace.files.filter(f => isDockerfile(f.path))) {
    const text = file.content.toString('utf8');
    const add = (rule: string, message: string, line?: number) =>
      findings.push({
        file: file.path,
        line,
        rule: `dockerfile/${rule}`,
        message,
        severity: 'error',
      });

    for (const diagnostic of lintDockerfile(text)) {
      findings.push({
        file: file.path,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        rule: `dockerfile-utils/${diagnostic.code ?? 'diagnostic'}`,
        message:
          typeof diagnostic.message === 'string'
            ? diagnostic.message
            : diagnostic.message.value,
        severity:
          diagnostic.severity === ValidationSeverity.ERROR
            ? 'error'
            : 'warning',
      });
    }

    const dockerfile = DockerfileParser.parse(text);
    const froms = dockerfile.getFROMs();
    if (froms.length === 0) {
      add('pinned-base', 'The Dockerfile has no FROM instruction', 1);
      continue;
    }
    const stageNames = new Set<string>();
    for (const from of froms) {
      const image = from.getImageName() ?? '';
      const tag = from.getImageTag();
      const digest = from.getImageDigest();
      if (!stageNames.has(image) && image !== 'scratch' && !digest) {
        if (!tag || tag === 'latest') {
          add(
            'pinned-base',
            `Base image \`${from.getImage()}\` is not pinned: use a version tag or a digest, not ${
              tag ? '`latest`' : 'an implicit `latest`'
            }`,
            lineOf(from),
          );
        }
      }
      const stage = from.getBuildStage();
      if (stage) {
        stageNames.add(stage);
      }
    }

    const instructions = dockerfile.getInstructions();
    const finalFrom = froms[froms.length - 1];
    const finalStage = instructions.slice(instructions.indexOf(finalFrom));
    const users = finalStage.filter(i => i.getKeyword() === 'USER');
    const lastUser = users[users.length - 1];
    if (!lastUser) {
      add(
        'non-root',
        'The final stage has no USER instruction, so the container runs as root',
        lineOf(finalFrom),
      );
    } else if (/^(root|0)(:.*)?$/.test(lastUser.getArgumentsContent() ?? '')) {
      add('non-root', 'The final stage runs as root', lineOf(lastUser));
    }
    const healthcheck = finalStage.find(i => i.getKeyword() === 'HEALTHCHECK');
    if (!healthcheck) {
      add(
        'healthcheck',
        'The final stage has no HEALTHCHECK',
        lineOf(finalFrom),
      );
    } else if (/^NONE$/i.test(healthcheck.getArgumentsContent() ?? '')) {
      add(
        'healthcheck',
        'HEALTHCHECK NONE disables the health check',
        lineOf(healthcheck),
      );
    }
    for (const instruction of instructions) {
      let names: string[] = [];
      if (instruction instanceof Env) {
        names = instruction.getProperties().map(p => p.getName());
      } else if (instruction instanceof Arg) {
        names = [instruction.getProperty()?.getName() ?? ''];
      }
      const secret = names.find(name => SECRET_NAME.test(name));
      if (secret) {
        add(
          'no-secrets',
          `${instruction.getKeyword()} ${secret} bakes a secret into the image; pass it at run time instead`,
          lineOf(instruction),
        );
      }
    }
  }
  return findings;
}
