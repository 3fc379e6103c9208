import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ChildProcess, execFile, spawn } from 'child_process';
import { AddressInfo, createServer } from 'net';
import { resolve } from 'path';
import { promisify } from 'util';
import { RUNTIME_COMMANDS } from '../pipeline/runtimeSteps';

const exec = promisify(execFile);
const template = resolve(__dirname, '../../../../templates/new-service');
// The machine's PostgreSQL, as the store tests use it.
const POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

/** One numeric sample of the exposition, e.g. `db_pool_max_connections`. */
function sample(metrics: string, series: string): number {
  const line = metrics
    .split('\n')
    .find(l => l.startsWith(`${series} `) || l.startsWith(`${series}{`));
  if (!line) {
    throw new Error(`${series} is not exported:\n${metrics}`);
  }
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('the new-service template, node runtime with a database', () => {
  const workspace = createMockDirectory();
  const scratch = createMockDirectory();
  let service: ChildProcess | undefined;

  afterEach(() => {
    service?.kill('SIGKILL');
  });

  const start = async (databaseUrl: string) => {
    const port = await freePort();
    service = spawn(process.execPath, ['src/server.js'], {
      cwd: workspace.path,
      env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await fetch(`${base}/metrics`);
        return base;
      } catch (error) {
        if (attempt > 100 || service.exitCode !== null) throw error;
        await new Promise(r => setTimeout(r, 100));
      }
    }
  };

  it('reads DATABASE_URL into a pool whose use, waits and failures /metrics exports', async () => {
    const fetchTemplate = createFetchTemplateAction({
      reader: mockServices.urlReader.mock(),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    });
    const fetchContext = createMockActionContext({
      workspacePath: workspace.path,
      templateInfo: {
        entityRef: 'template:default/new-service',
        baseUrl: `file://${template}/template.yaml`,
      },
      input: {
        url: './skeletons/node',
        values: {
          name: 'payments-api',
          description: 'Takes payments.',
          port: 8080,
          healthPath: '/healthz',
          database: true,
        },
      },
    });
    fetchContext.createTemporaryDirectory = async () => scratch.path;
    await fetchTemplate.handler(fetchContext as any);

    // The pipeline's own install and lint, with the pinned pg client.
    await exec('bash', ['-c', RUNTIME_COMMANDS.node.install], {
      cwd: workspace.path,
      env: { ...process.env, CI: 'true' },
    });
    await exec('bash', ['-c', RUNTIME_COMMANDS.node.lint], {
      cwd: workspace.path,
    });

    // A database that answers: readiness passes through the pool.
    let base = await start(`${POSTGRES}/postgres`);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    let metrics = await (await fetch(`${base}/metrics`)).text();
    expect(sample(metrics, 'db_pool_max_connections')).toBe(10);
    expect(sample(metrics, 'db_pool_connections_in_use')).toBe(0);
    expect(sample(metrics, 'db_pool_connections_idle')).toBe(1);
    expect(sample(metrics, 'db_pool_waiting_requests')).toBe(0);
    expect(sample(metrics, 'db_connection_errors_total')).toBe(0);
    expect(sample(metrics, 'db_query_duration_seconds_count')).toBe(1);
    service!.kill('SIGKILL');

    // A database that refuses: not ready, and every attempt is counted.
    base = await start(
      `postgresql://payments:secret@127.0.0.1:${await freePort()}/payments`,
    );
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    metrics = await (await fetch(`${base}/metrics`)).text();
    expect(sample(metrics, 'db_connection_errors_total')).toBe(2);
    expect(sample(metrics, 'db_pool_connections_in_use')).toBe(0);
  }, 180_000);
});
