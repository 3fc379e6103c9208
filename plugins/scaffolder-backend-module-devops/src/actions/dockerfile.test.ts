import { actionRunner } from '../__testUtils__/actionRunner';
import { DockerfileParser } from 'dockerfile-ast';
import {
  validate as lintDockerfile,
  ValidationSeverity,
} from 'dockerfile-utils';
import { readFile, readdir } from 'fs/promises';
import { join } from 'path';
import { RUNTIMES } from '../dockerfile/runtimes';
import { createDockerfileAction } from './dockerfile';

describe('devops:dockerfile:generate', () => {
  const action = createDockerfileAction();
  const { workspace, run: generate, validate } = actionRunner(action);

  it.each(RUNTIMES)(
    'writes a hardened multi-stage Dockerfile for %s',
    async runtime => {
      const ctx = await generate({
        runtime,
        port: 8080,
        healthPath: '/healthz',
        targetPath: '.',
      });

      expect(ctx.output).toHaveBeenCalledWith('files', [
        'Dockerfile',
        '.dockerignore',
      ]);
      const text = await readFile(join(workspace.path, 'Dockerfile'), 'utf8');
      const problems = lintDockerfile(text).filter(
        d => d.severity === ValidationSeverity.ERROR,
      );
      expect(problems).toEqual([]);

      const dockerfile = DockerfileParser.parse(text);
      const froms = dockerfile.getFROMs();
      expect(froms.length).toBeGreaterThanOrEqual(2);
      for (const from of froms) {
        const tag = from.getImageTag();
        expect({ image: from.getImageName(), tag }).toEqual({
          image: from.getImageName(),
          tag: expect.stringMatching(/^\d/),
        });
      }
      // The final stage runs as a numeric, non-root user created with that id.
      const finalStage = dockerfile
        .getInstructions()
        .slice(dockerfile.getInstructions().indexOf(froms[froms.length - 1]));
      const users = finalStage
        .filter(i => i.getKeyword() === 'USER')
        .map(i => i.getArgumentsContent());
      expect(users).toEqual(['10001:10001']);
      expect(
        finalStage.some(i =>
          (i.getArgumentsContent() ?? '').includes(
            'useradd --system --uid 10001 --gid 10001',
          ),
        ),
      ).toBe(true);
      const keywords = finalStage.map(i => i.getKeyword());
      expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
      expect(
        finalStage
          .find(i => i.getKeyword() === 'EXPOSE')
          ?.getArgumentsContent(),
      ).toBe('8080');
      const health =
        finalStage
          .find(i => i.getKeyword() === 'HEALTHCHECK')
          ?.getArgumentsContent() ?? '';
      expect(health).toContain('http://127.0.0.1:8080/healthz');
      // No secrets baked into the image.
      for (const i of dockerfile
        .getInstructions()
        .filter(x => ['ENV', 'ARG'].includes(x.getKeyword()))) {
        expect(i.getArgumentsContent()).not.toMatch(
          /secret|token|password|api_?key/i,
        );
      }

      const ignore = (
        await readFile(join(workspace.path, '.dockerignore'), 'utf8')
      ).split('\n');
      expect(ignore).toEqual(
        expect.arrayContaining(['.git', '.env', '.env.*']),
      );
    },
  );

  it('writes the same bytes for the same input', async () => {
    const input = {
      runtime: 'python',
      port: 9000,
      healthPath: '/health/ready',
      targetPath: 'svc',
    };
    await generate(input);
    const first = await readFile(
      join(workspace.path, 'svc/Dockerfile'),
      'utf8',
    );
    await generate(input);
    expect(await readFile(join(workspace.path, 'svc/Dockerfile'), 'utf8')).toBe(
      first,
    );
  });

  it.each([
    [{ runtime: 'ruby', port: 8080, healthPath: '/healthz' }, 'runtime'],
    [{ runtime: 'node', port: 70000, healthPath: '/healthz' }, 'port'],
    [{ runtime: 'node', port: 8080, healthPath: 'healthz' }, 'healthPath'],
  ])('the scaffolder refuses %j naming %s', (input, field) => {
    // The scaffolder validates step input against the action's schema before
    // the handler runs; this is that validation.
    expect(validate(input)).toEqual([field]);
  });

  it('refuses to write outside the workspace', async () => {
    await expect(
      generate({
        runtime: 'go',
        port: 8080,
        healthPath: '/healthz',
        targetPath: '../elsewhere',
      }),
    ).rejects.toThrow(/outside/);
    expect(await readdir(workspace.path)).toEqual([]);
  });
});
