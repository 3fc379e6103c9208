/*
 * What the benchmarks share: the repository's backend started on
 * PostgreSQL with a generated catalog and extra config, readiness waits, and
 * clean-up of the databases it created.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Client } = require('pg');
const { stringify } = require('yaml');

const PORT = Number(process.env.BENCH_PORT ?? 7017);
const TOKEN = 'benchmark-token-0123456789';
const pgConnection = {
  host: process.env.BENCH_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.BENCH_PG_PORT ?? 5432),
  user: process.env.BENCH_PG_USER ?? 'postgres',
  password: process.env.BENCH_PG_PASSWORD ?? '',
};
const repoRoot = path.resolve(__dirname, '..');
const base = `http://localhost:${PORT}`;
const auth = { authorization: `Bearer ${TOKEN}` };

const log = (...args) =>
  console.log(`[bench ${new Date().toISOString()}]`, ...args);

async function waitFor(description, check, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) {
        return;
      }
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${description}`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

async function dropDatabases(prefix) {
  const client = new Client({ ...pgConnection, database: 'postgres' });
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

/**
 * Starts the backend with `entities` as its whole catalog and `devops`
 * config merged over app-config.yaml, waits until the catalog has ingested
 * the last entity, and returns what a benchmark needs to talk to it.
 * `database: 'sqlite'` puts every plugin in a SQLite file under a temporary
 * directory instead of PostgreSQL.
 */
async function startBenchBackend({ entities, devops, database = 'pg' }) {
  const prefix = `bench_${process.pid}_`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devops-bench-'));
  const databaseConfig =
    database === 'sqlite'
      ? { client: 'better-sqlite3', connection: { directory: dir } }
      : { client: 'pg', connection: pgConnection, prefix };
  const catalogFile = path.join(dir, 'entities.yaml');
  fs.writeFileSync(catalogFile, entities.map(e => stringify(e)).join('---\n'));
  const configFile = path.join(dir, 'app-config.bench.yaml');
  fs.writeFileSync(
    configFile,
    stringify({
      backend: {
        baseUrl: base,
        listen: { port: PORT },
        database: databaseConfig,
        auth: {
          externalAccess: [
            { type: 'static', options: { token: TOKEN, subject: 'benchmark' } },
          ],
        },
      },
      catalog: {
        locations: [{ type: 'file', target: catalogFile }],
        processingInterval: { minutes: 30 },
      },
      // The demo module is installed outside production; the benchmarks
      // seed their own data.
      devops: { demoData: { enabled: false }, ...devops },
    }),
  );
  // Node with Backstage's TypeScript transform, as `backstage-cli package
  // start` runs it, but without its file watcher: an edit elsewhere in the
  // tree must not restart the backend in the middle of a measurement.
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
        paths: [repoRoot],
      }),
      'src/index.ts',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(repoRoot, 'packages/backend'),
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        // For profiling the backend, e.g. BENCH_NODE_OPTIONS=--cpu-prof
        NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    },
  );
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise(r => setTimeout(r, 2000));
    await dropDatabases(prefix).catch(e => log('could not drop databases', e));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('the backend', async () => {
      const res = await fetch(`${base}/.backstage/health/v1/readiness`);
      return res.ok;
    });
    log(
      'backend ready; waiting for the catalog to ingest',
      entities.length,
      'entities',
    );
    const last = entities[entities.length - 1].metadata.name;
    await waitFor('catalog ingestion', async () => {
      const res = await fetch(
        `${base}/api/catalog/entities/by-query?filter=metadata.name=${last}&limit=1`,
        { headers: auth },
      );
      return res.ok && (await res.json()).items.length === 1;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    auth,
    stop,
    devopsDatabase: { ...pgConnection, database: `${prefix}devops` },
    /** knex config of the devops plugin's own database, either client. */
    devopsKnex:
      database === 'sqlite'
        ? {
            client: 'better-sqlite3',
            connection: { filename: path.join(dir, 'devops.sqlite') },
            useNullAsDefault: true,
          }
        : {
            client: 'pg',
            connection: { ...pgConnection, database: `${prefix}devops` },
          },
  };
}

module.exports = { startBenchBackend, log, waitFor };
