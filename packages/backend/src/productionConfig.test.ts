import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { AddressInfo, createServer } from 'net';
import { resolve } from 'path';

// The pg driver the backend uses; it ships no type declarations here.
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, values?: unknown[]): Promise<{ rows: any[] }>;
  end(): Promise<void>;
}
const { Client } = require('pg') as {
  Client: new (config: object) => PgClient;
};

/*
 * Starts this backend as the README's production section does (NODE_ENV
 * production, app-config.yaml plus app-config.production.yaml, PostgreSQL)
 * and checks that nobody gets in as a guest.
 */

jest.setTimeout(240_000);

const root = resolve(__dirname, '../../..');
// The PostgreSQL the store tests use (scripts/test-all.sh sets it), else the
// machine's own on 127.0.0.1:5432 with trust authentication.
const postgres = new URL(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432',
);
const pg = {
  host: postgres.hostname,
  port: Number(postgres.port || 5432),
  user: decodeURIComponent(postgres.username || 'postgres'),
  password: decodeURIComponent(postgres.password) || 'unused-with-trust-auth',
};
const ciToken = `ci-${randomBytes(12).toString('hex')}`;
// Databases of their own, dropped afterwards.
const prefix = `prodtest_${randomBytes(4).toString('hex')}_`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

async function dropTestDatabases() {
  const client = new Client({ ...pg, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

describe('the production configuration', () => {
  let backend: ChildProcess;
  let baseUrl: string;
  let output = '';

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    backend = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        resolve(root, 'app-config.yaml'),
        '--config',
        resolve(root, 'app-config.production.yaml'),
      ],
      {
        cwd: resolve(root, 'packages/backend'),
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          APP_BASE_URL: baseUrl,
          BACKEND_BASE_URL: baseUrl,
          POSTGRES_HOST: pg.host,
          POSTGRES_PORT: String(pg.port),
          POSTGRES_USER: pg.user,
          POSTGRES_PASSWORD: pg.password,
          DEVOPS_CI_TOKEN: ciToken,
          AUTH_GITHUB_CLIENT_ID: 'test-client-id',
          AUTH_GITHUB_CLIENT_SECRET: 'test-client-secret',
          // Only what a test run must change: the port and the databases.
          APP_CONFIG_backend_listen: `:${port}`,
          APP_CONFIG_backend_database_prefix: prefix,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    backend.stdout!.on('data', d => (output += d));
    backend.stderr!.on('data', d => (output += d));

    const deadline = Date.now() + 180_000;
    for (;;) {
      if (backend.exitCode !== null) {
        throw new Error(`The backend exited early:\n${output.slice(-4000)}`);
      }
      try {
        const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
        if (res.ok) {
          break;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(
          `The backend never became ready:\n${output.slice(-4000)}`,
        );
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  });

  afterAll(async () => {
    if (backend && backend.exitCode === null) {
      const exited = new Promise(r => backend.once('exit', r));
      backend.kill('SIGTERM');
      await exited;
    }
    await dropTestDatabases();
  });

  it('has no guest sign-in', async () => {
    for (const path of ['refresh', 'start']) {
      const res = await fetch(`${baseUrl}/api/auth/guest/${path}`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      const body = await res.json();
      expect(res.status).toBe(404);
      expect(body.error.message).toBe(
        "No auth provider registered for 'guest'",
      );
      expect(JSON.stringify(body)).not.toContain('backstageIdentity');
    }
  });

  it('signs in through GitHub with the client id from the environment', async () => {
    const res = await fetch(`${baseUrl}/api/auth/github/start?env=production`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(
      'https://github.com/login/oauth/authorize',
    );
    expect(location.searchParams.get('client_id')).toBe('test-client-id');
  });

  it('answers reads only to callers with credentials', async () => {
    const anonymous = await fetch(`${baseUrl}/api/devops/v1/environments`);
    const ci = await fetch(`${baseUrl}/api/devops/v1/environments`, {
      headers: { authorization: `Bearer ${ciToken}` },
    });
    const localToken = await fetch(`${baseUrl}/api/devops/v1/environments`, {
      headers: { authorization: 'Bearer local-dev-devops-ci-token' },
    });
    expect(anonymous.status).toBe(401);
    expect(ci.status).toBe(200);
    expect(localToken.status).toBe(401);
  });

  it('leaves the demo data module out', () => {
    // The module logs "DevOps demo data is on" or "... is off" whenever it
    // is installed; under NODE_ENV=production the backend does not add it.
    expect(output).not.toContain('DevOps demo data');
  });

  it('does not poll health URLs until allowed hosts are configured', () => {
    expect(output).toContain(
      'Health checks are NOT running: devops.health.allowedHosts is not set',
    );
  });
});
