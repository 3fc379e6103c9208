import {
  createMockDirectory,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import devopsBackend from '@backstage-devops/plugin-devops-backend';
import { execFile } from 'child_process';
import { writeFile } from 'fs/promises';
import type { Server } from 'http';
import { join } from 'path';
import { promisify } from 'util';
import {
  reportDeploymentScript,
  reportMigrationsScript,
} from './deployScripts';

const exec = promisify(execFile);

describe('the generated pipeline reporting steps', () => {
  const dir = createMockDirectory();

  it('record a deployment and a migration run on a real DevOps backend', async () => {
    const { server } = await startTestBackend({
      features: [
        devopsBackend,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'payments-api' },
            },
          ],
        }),
      ],
    });
    const { port } = (server as Server).address() as { port: number };
    await writeFile(
      join(dir.path, 'report-deployment.sh'),
      reportDeploymentScript,
      { mode: 0o755 },
    );
    await writeFile(
      join(dir.path, 'report-migrations.sh'),
      reportMigrationsScript,
      { mode: 0o755 },
    );
    await writeFile(
      join(dir.path, 'migrations.json'),
      JSON.stringify([
        { id: '0001_init', status: 'applied' },
        { id: '0002_refunds', status: 'pending' },
      ]),
    );
    // What the CI provider puts in the job's environment.
    const env = {
      ...process.env,
      BACKSTAGE_URL: `http://127.0.0.1:${port}`,
      BACKSTAGE_DEVOPS_TOKEN: mockCredentials.service.token(),
      ENTITY_REF: 'component:default/payments-api',
      VERSION: '1.0.42-abc1234',
      COMMIT_SHA: 'abc1234def5678',
      COMMIT_TIME: '2026-11-23T08:00:00Z',
      RUN_ID: '9001-1',
      RUN_URL: 'https://ci.example.com/runs/9001',
      ACTOR: 'ada',
      STRATEGY: 'canary',
      STARTED_AT: '2026-11-23T09:00:00Z',
    };

    await exec('./report-deployment.sh', ['staging', 'in_progress'], {
      cwd: dir.path,
      env,
    });
    await exec(
      './report-migrations.sh',
      ['staging', 'knex', 'migrations.json'],
      { cwd: dir.path, env },
    );
    await exec('./report-deployment.sh', ['staging', 'succeeded'], {
      cwd: dir.path,
      env,
    });

    const read = (path: string) =>
      fetch(
        `http://127.0.0.1:${port}/api/devops/v1/entities/component/default/payments-api/${path}`,
        {
          headers: {
            authorization: `Bearer ${mockCredentials.service.token()}`,
          },
        },
      ).then(r => r.json());
    const deployments = await read('deployments');
    expect(deployments.items).toEqual([
      expect.objectContaining({
        environment: 'staging',
        version: '1.0.42-abc1234',
        status: 'succeeded',
        strategy: 'canary',
        externalId: '9001-1-staging',
        startedAt: '2026-11-23T09:00:00.000Z',
        actor: 'ada',
        url: 'https://ci.example.com/runs/9001',
      }),
    ]);
    const migrations = await read('migrations');
    expect(migrations.environments[0]).toMatchObject({
      environment: 'staging',
      applied: [expect.objectContaining({ id: '0001_init' })],
      pending: [expect.objectContaining({ id: '0002_refunds' })],
    });
  });

  it('warns instead of failing the deployment when Backstage is unreachable', async () => {
    await writeFile(
      join(dir.path, 'report-deployment.sh'),
      reportDeploymentScript,
      { mode: 0o755 },
    );
    const result = await exec(
      './report-deployment.sh',
      ['production', 'succeeded'],
      {
        cwd: dir.path,
        env: {
          ...process.env,
          BACKSTAGE_URL: 'http://127.0.0.1:9',
          BACKSTAGE_DEVOPS_TOKEN: 'token',
          BACKSTAGE_REPORT_RETRIES: '0',
          ENTITY_REF: 'component:default/payments-api',
          VERSION: '1.0.0',
          COMMIT_SHA: 'abc1234',
          RUN_ID: '1',
        },
      },
    );
    expect(result.stderr).toContain('could not report the deployment');
  });
});
