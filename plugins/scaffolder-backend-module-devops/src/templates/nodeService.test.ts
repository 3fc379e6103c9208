import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ChildProcess, execFile, spawn } from 'child_process';
import { readFile, readdir } from 'fs/promises';
import { AddressInfo, createServer } from 'net';
import { join, relative, resolve } from 'path';
import { promisify } from 'util';
import { createDockerfileAction } from '../actions/dockerfile';
import { RUNTIME_COMMANDS } from '../pipeline/runtimeSteps';

const exec = promisify(execFile);
const template = resolve(__dirname, '../../../../templates/new-service');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter(e => e.isFile() && !e.parentPath.includes('node_modules'))
    .map(e => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Runs a shell command line in the service, as the pipeline does. */
const npm = (cwd: string, line: string) =>
  exec('bash', ['-c', line], { cwd, env: { ...process.env, CI: 'true' } });

async function waitForHealth(url: string, child: ChildProcess) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) {
      throw new Error(`the service exited with ${child.exitCode}`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

describe('the new-service template, node runtime', () => {
  const workspace = createMockDirectory();
  const scratch = createMockDirectory();
  let service: ChildProcess | undefined;

  afterEach(() => {
    service?.kill('SIGKILL');
  });

  it('renders a service that installs, passes its own tests and answers health, readiness and metrics', async () => {
    // The scaffolder's own fetch:template, as the template's first step runs it.
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
          description: 'Takes "card" payments.',
          port: 8080,
          healthPath: '/livez',
        },
      },
    });
    // fetch:template stages the raw skeleton in a temporary directory; keep
    // it out of the workspace (the mock would reuse the workspace).
    fetchContext.createTemporaryDirectory = async () => scratch.path;
    await fetchTemplate.handler(fetchContext as any);
    await createDockerfileAction().handler(
      createMockActionContext({
        workspacePath: workspace.path,
        input: { runtime: 'node', port: 8080, healthPath: '/livez' },
      }) as any,
    );

    const files = await filesUnder(workspace.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'package-lock.json',
        'src/server.js',
        'test/app.test.js',
      ]),
    );
    for (const file of files) {
      const text = await readFile(join(workspace.path, file), 'utf8');
      expect({ file, unrendered: text.includes('${{') }).toEqual({
        file,
        unrendered: false,
      });
    }
    const manifest = JSON.parse(
      await readFile(join(workspace.path, 'package.json'), 'utf8'),
    );
    // The description reaches package.json as written, quotes included.
    expect(manifest).toMatchObject({
      name: 'payments-api',
      description: 'Takes "card" payments.',
    });
    // What the generated Dockerfile copies and starts must exist.
    const dockerfile = await readFile(
      join(workspace.path, 'Dockerfile'),
      'utf8',
    );
    expect(dockerfile).toContain('COPY package.json package-lock.json ./');
    expect(dockerfile).toContain('CMD ["node","src/server.js"]');
    // A numeric user the kubelet can verify as non-root, created with that id.
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toContain('useradd --system --uid 10001 --gid 10001');

    // The pipeline's own install, lint and test-with-coverage commands.
    const commands = RUNTIME_COMMANDS.node;
    await npm(workspace.path, commands.install);
    await npm(workspace.path, commands.lint);
    const tests = await npm(workspace.path, commands.test(80));
    expect(tests.stdout).toMatch(/# pass 3\b/);
    expect(tests.stdout).toMatch(/# fail 0\b/);

    const port = await freePort();
    service = spawn(process.execPath, ['src/server.js'], {
      cwd: workspace.path,
      env: { ...process.env, PORT: String(port) },
      stdio: 'pipe',
    });
    const base = `http://127.0.0.1:${port}`;
    const health = await waitForHealth(`${base}/livez`, service);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(
      'http_requests_total{method="GET",route="/livez",status="200"}',
    );
    expect(metrics).toContain('# TYPE http_request_duration_seconds histogram');

    // Kubernetes stops pods with SIGTERM: the service drains and exits 0.
    const exited = new Promise(r => service!.once('exit', code => r(code)));
    service.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
