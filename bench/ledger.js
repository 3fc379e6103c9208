/*
 * Benchmark of the deployment ledger on PostgreSQL. Not part of the test run:
 *
 *   npm run bench   (from the repository root)
 *
 * Starts the repository's backend on PostgreSQL (127.0.0.1:5432, or
 * BENCH_PG_* variables) with a catalog of 1,000 components, seeds 1,000
 * deployments for each straight into the plugin's database, then uses
 * autocannon with 20 concurrent connections to measure
 *   1. ingestion: POST /api/devops/v1/deployments, each event a new deployment
 *   2. GET /api/devops/v1/entities/.../summary for random entities
 *   3. GET /api/catalog/entities/by-name/... for random entities, the
 *      baseline the summary is compared with.
 */
const os = require('os');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { startBenchBackend, log } = require('./backendHarness');

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 1000);
const DEPLOYMENTS_PER_ENTITY = Number(process.env.BENCH_DEPLOYMENTS ?? 1000);
const CONNECTIONS = 20;
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = 5;
const environments = ['development', 'staging', 'production'];
let base;
let auth;

async function seedDeployments(database) {
  const client = new Client(database);
  await client.connect();
  try {
    await client.query(
      `INSERT INTO deployments (entity_ref, environment, version, status, strategy,
         external_id, started_at, finished_at, sort_at, commit_sha, commit_time,
         actor, revision, created_at, updated_at)
       SELECT 'component:default/bench-' || e,
              (ARRAY['development','staging','production'])[1 + d % 3],
              '1.' || (d / 10) || '.' || (d % 10),
              CASE WHEN d % 17 = 0 THEN 'failed' ELSE 'succeeded' END,
              'rolling',
              'seed-' || d,
              now() - d * interval '1 hour',
              now() - d * interval '1 hour' + interval '5 minutes',
              now() - d * interval '1 hour',
              md5(e::text || '-' || d::text),
              now() - d * interval '1 hour' - interval '2 hours',
              'seed', 1, now(), now()
       FROM generate_series(0, $1::int - 1) e, generate_series(1, $2::int) d`,
      [ENTITIES, DEPLOYMENTS_PER_ENTITY],
    );
    await client.query('ANALYZE deployments');
    const { rows } = await client.query(
      'SELECT count(*)::int AS n FROM deployments',
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon(
      { connections: CONNECTIONS, headers: auth, ...options },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

// Each measured run follows an unmeasured warm-up of the same requests, so
// neither side is timed while its code is still being optimised.
async function run(options) {
  await cannon({ ...options, duration: WARMUP });
  return cannon({ ...options, duration: DURATION });
}

// BENCH_ONLY=summary,catalog runs a subset while iterating on one path.
const only = new Set(
  (process.env.BENCH_ONLY ?? 'ingestion,summary,catalog').split(','),
);
const skipped = { '2xx': 0, non2xx: 0, errors: 0, latency: {}, requests: {} };

const randomEntity = () => `bench-${Math.floor(Math.random() * ENTITIES)}`;

/**
 * A read of random entities. Its warm-up first reads every entity once, so
 * the timed run sees the steady state: the devops plugin remembers each
 * entity's environments for a minute, and the first read of an entity in a
 * minute also pays a catalog lookup.
 */
async function readRun(pathFor) {
  let next = 0;
  await cannon({
    url: base,
    amount: ENTITIES,
    requests: [
      {
        setupRequest: req => ({
          ...req,
          path: pathFor(`bench-${next++ % ENTITIES}`),
        }),
      },
    ],
  });
  return run({
    url: base,
    requests: [
      { setupRequest: req => ({ ...req, path: pathFor(randomEntity()) }) },
    ],
  });
}

async function main() {
  const backend = await startBenchBackend({
    entities: Array.from({ length: ENTITIES }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `bench-${i}` },
      spec: { type: 'service', lifecycle: 'production', owner: 'platform' },
    })),
  });
  base = backend.base;
  auth = backend.auth;
  try {
    const seeded = await seedDeployments(backend.devopsDatabase);
    log(`seeded ${seeded} deployments`);

    let sequence = 0;
    const ingestion = !only.has('ingestion')
      ? skipped
      : await run({
          url: `${base}/api/devops/v1/deployments`,
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          requests: [
            {
              setupRequest: req => {
                sequence += 1;
                return {
                  ...req,
                  body: JSON.stringify({
                    entityRef: `component:default/${randomEntity()}`,
                    environment: environments[sequence % 3],
                    version: `2.0.${sequence}`,
                    status: 'succeeded',
                    strategy: 'canary',
                    externalId: `bench-run-${sequence}`,
                    startedAt: new Date().toISOString(),
                    commitSha: 'abcdef1234567',
                  }),
                };
              },
            },
          ],
        });
    // Whichever read runs first on the shared backend pays for warm-up the
    // other inherits, so the two alternate over two rounds and the figures
    // are averaged.
    const paths = {
      catalog: name =>
        `/api/catalog/entities/by-name/component/default/${name}`,
      summary: name =>
        `/api/devops/v1/entities/component/default/${name}/summary`,
    };
    const rounds = { catalog: [], summary: [] };
    if (only.has('summary') || only.has('catalog')) {
      for (const order of [
        ['catalog', 'summary'],
        ['summary', 'catalog'],
      ]) {
        for (const target of order.filter(t => only.has(t))) {
          rounds[target].push(await readRun(paths[target]));
        }
      }
    }
    const readFigures = results => {
      if (results.length === 0) {
        return undefined;
      }
      const mean = pick =>
        Math.round(
          (results.reduce((sum, r) => sum + pick(r), 0) / results.length) * 10,
        ) / 10;
      return {
        p50Ms: mean(r => r.latency.p50),
        p99Ms: mean(r => r.latency.p99),
        p99MsPerRound: results.map(r => r.latency.p99),
        requestsPerSecond: Math.round(mean(r => r.requests.average)),
        non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
      };
    };

    const accepted = ingestion['2xx'];
    const report = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${Math.round(
        os.totalmem() / 2 ** 30,
      )} GiB, Node ${process.version}`,
      entities: ENTITIES,
      seededDeployments: seeded,
      connections: CONNECTIONS,
      secondsPerRun: DURATION,
      ingestion: {
        eventsPerSecond: Math.round(accepted / DURATION),
        accepted,
        non2xx: ingestion.non2xx,
        errors: ingestion.errors,
        p99Ms: ingestion.latency.p99,
      },
      summary: readFigures(rounds.summary),
      catalogByName: readFigures(rounds.catalog),
    };
    if (report.summary && report.catalogByName) {
      report.summaryToCatalogP99Ratio =
        Math.round((report.summary.p99Ms / report.catalogByName.p99Ms) * 100) /
        100;
    }
    console.log(JSON.stringify(report, null, 2));
    const failures = [];
    if (only.has('ingestion') && report.ingestion.eventsPerSecond < 1000) {
      failures.push('ingestion below 1,000 events/s');
    }
    if (
      only.has('summary') &&
      only.has('catalog') &&
      report.summaryToCatalogP99Ratio > 1
    ) {
      failures.push('summary p99 above the catalog lookup p99');
    }
    log(
      failures.length
        ? `targets missed: ${failures.join('; ')}`
        : 'all targets met',
    );
  } finally {
    await backend.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
