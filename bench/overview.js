/*
 * Benchmark of the catalog-wide overview. Not part of the test run:
 *
 *   npm run bench:overview   (from the repository root)
 *
 * For each database (BENCH_DATABASES, default `sqlite,pg`) starts the
 * repository's backend with a catalog of 1,000 components, seeds sixty days
 * of history for each straight into the plugin's database (about 95
 * deployments, 24 migration states, current production health, and alerts
 * for a third of them), then uses autocannon with 10 concurrent connections
 * to measure GET /api/devops/v1/overview as a guest user: the first page
 * (25 entries, every readiness check evaluated for each), a page of 100 and
 * a first page filtered by owner, with the default row cache; then the first
 * page with the cache off. The target is a first-page p99 under 200 ms.
 */
const autocannon = require('autocannon');
const knexFactory = require('knex');
const os = require('os');
const { startBenchBackend, log } = require('./backendHarness');

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = 5;
const TARGET_P99_MS = 200;
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,pg').split(',');
const DAY = 86_400_000;

// The backend runs as `backstage-cli package start` runs it, in development
// mode, where the guest sign-in the benchmark's user token comes from works.
process.env.NODE_ENV = process.env.NODE_ENV ?? 'development';

const name = i => `bench-${String(i).padStart(4, '0')}`;
const ref = i => `component:default/${name(i)}`;

function catalog() {
  return Array.from({ length: ENTITIES }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: name(i),
      annotations: {
        ...(i % 2 === 0
          ? {
              'devops/health-url.production': `https://${name(
                i,
              )}.example.com/healthz`,
            }
          : {}),
        ...(i % 3 === 0
          ? { 'devops/alert-selector': `service="${name(i)}"` }
          : {}),
      },
    },
    spec: {
      type: 'service',
      owner: `team-${String(i % 20).padStart(2, '0')}`,
      system: `system-${i % 10}`,
      lifecycle: i % 5 === 0 ? 'experimental' : 'production',
    },
  }));
}

/** Sixty days of releases every two days through three environments. */
function deploymentsOf(i, now) {
  const rows = [];
  const add = (environment, version, at, status, extra = {}) =>
    rows.push({
      entity_ref: ref(i),
      environment,
      version,
      status,
      strategy: 'rolling',
      external_id: `seed-${rows.length}`,
      started_at: new Date(at),
      finished_at: new Date(at + 5 * 60_000),
      sort_at: new Date(at),
      commit_sha: null,
      commit_time: new Date(at - 3 * 3_600_000),
      actor: 'seed',
      url: null,
      rollback_of: null,
      description: null,
      revision: 1,
      created_at: new Date(at),
      updated_at: new Date(at),
      ...extra,
    });
  let previous;
  for (let r = 0; r < 30; r++) {
    const at = now - 60 * DAY + r * 2 * DAY + (i % 24) * 60_000;
    const version = `1.${r}.0`;
    add('development', version, at, 'succeeded');
    add('staging', version, at + 2 * 3_600_000, 'succeeded');
    if ((r + i) % 9 === 0 && previous) {
      add('production', version, at + 6 * 3_600_000, 'rolled_back');
      const failedId = `seed-${rows.length - 1}`;
      add('production', previous, at + 7 * 3_600_000, 'succeeded', {
        rollback_of: failedId,
      });
    } else {
      add('production', version, at + 6 * 3_600_000, 'succeeded');
      previous = version;
    }
  }
  return rows;
}

function migrationsOf(i, now) {
  const rows = [];
  for (const environment of ['development', 'staging', 'production']) {
    for (let m = 1; m <= 8; m++) {
      const pending = environment === 'production' && m === 8 && i % 4 === 0;
      rows.push({
        entity_ref: ref(i),
        environment,
        migration_id: `V${m}`,
        name: `migration_${m}`,
        checksum: `sum-${m}`,
        status: pending ? 'pending' : 'applied',
        tool: 'flyway',
        applied_at: pending ? null : new Date(now - (40 - m) * DAY),
        duration_ms: 100,
        revision: 1,
        first_reported_at: new Date(now - (40 - m) * DAY),
        last_reported_at: new Date(now - DAY),
      });
    }
  }
  return rows;
}

async function seed(knexConfig) {
  const db = knexFactory(knexConfig);
  const now = Date.now();
  try {
    let deployments = 0;
    for (let i = 0; i < ENTITIES; i++) {
      const rows = deploymentsOf(i, now);
      deployments += rows.length;
      await db.batchInsert('deployments', rows, 200);
      await db.batchInsert('migration_states', migrationsOf(i, now), 200);
    }
    const health = [];
    for (let i = 0; i < ENTITIES; i += 2) {
      health.push({
        entity_ref: ref(i),
        environment: 'production',
        url: `https://${name(i)}.example.com/healthz`,
        status: i % 10 === 0 ? 'down' : 'up',
        http_status: i % 10 === 0 ? 503 : 200,
        latency_ms: 40,
        error_class: i % 10 === 0 ? 'unexpected_status' : null,
        error_message: null,
        checked_at: new Date(now - 60_000),
      });
    }
    await db.batchInsert('health_current', health, 200);
    const alerts = [];
    for (let i = 0; i < ENTITIES; i += 3) {
      alerts.push({
        fingerprint: `bench-${i}`,
        status: i % 2 === 0 ? 'firing' : 'resolved',
        alertname: 'HighErrorRate',
        severity: ['P0', 'P1', 'P2', 'P3'][i % 4],
        labels: JSON.stringify({
          alertname: 'HighErrorRate',
          service: name(i),
        }),
        annotations: '{}',
        starts_at: new Date(now - DAY),
        ends_at: i % 2 === 0 ? null : new Date(now - DAY / 2),
        generator_url: null,
        external_url: null,
        source: 'webhook',
        updated_at: new Date(now - DAY / 2),
      });
    }
    await db.batchInsert('alerts', alerts, 200);
    if (knexConfig.client === 'pg') {
      await db.raw('ANALYZE');
    }
    return { deployments, healthRows: health.length, alerts: alerts.length };
  } finally {
    await db.destroy();
  }
}

/**
 * A guest user's token, so requests take the path people's do: through the
 * permission backend (the repository's allow-all policy) rather than the
 * shortcut service tokens get.
 */
async function userHeaders(backend) {
  const res = await fetch(`${backend.base}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(`no guest token: ${res.status} ${await res.text()}`);
  }
  const { backstageIdentity } = await res.json();
  return { authorization: `Bearer ${backstageIdentity.token}` };
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...options }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

// Each measured run follows an unmeasured warm-up of the same requests.
async function measure(url, headers) {
  await cannon({ url, headers, duration: WARMUP });
  const r = await cannon({ url, headers, duration: DURATION });
  return {
    requests: r.requests.total,
    perSecond: r.requests.average,
    non2xx: r.non2xx,
    errors: r.errors,
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
  };
}

/**
 * One backend on `database`: with the default row cache, the first page, a
 * page of 100 and an owner filter; then, with the cache off
 * (`devops.overview.cacheTtl: 0s`), the first page computed afresh on
 * every request.
 */
async function benchOne(database) {
  const results = {};
  for (const [cacheTtl, scenarios] of [
    [
      undefined,
      [
        ['firstPage', ''],
        ['pageOf100', '?limit=100'],
        ['ownerFilter', '?owner=team-07'],
      ],
    ],
    [{ seconds: 0 }, [['firstPageUncached', '']]],
  ]) {
    log(`starting the backend on ${database} with ${ENTITIES} components`);
    const backend = await startBenchBackend({
      entities: catalog(),
      database,
      devops: {
        // Nothing to poll or sync: health and alerts are seeded.
        health: { enabled: false },
        ...(cacheTtl === undefined ? {} : { overview: { cacheTtl } }),
      },
    });
    try {
      results.seeded = await seed(backend.devopsKnex);
      log(`seeded on ${database}`, results.seeded);
      const url = path => `${backend.base}/api/devops/v1/overview${path}`;
      const headers = await userHeaders(backend);
      const check = await fetch(url(''), { headers });
      const body = await check.json();
      if (
        !check.ok ||
        body.totalItems !== ENTITIES ||
        body.items.length !== 25
      ) {
        throw new Error(
          `unexpected overview answer: ${JSON.stringify(body).slice(0, 500)}`,
        );
      }
      for (const [label, path] of scenarios) {
        results[label] = await measure(url(path), headers);
        log(database, label, results[label]);
      }
    } finally {
      await backend.stop();
    }
  }
  return results;
}

async function main() {
  const report = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
    entities: ENTITIES,
    connections: CONNECTIONS,
    seconds: DURATION,
  };
  const failures = [];
  for (const database of DATABASES) {
    report[database] = await benchOne(database);
    if (report[database].firstPage.p99Ms >= TARGET_P99_MS) {
      failures.push(
        `${database}: first-page p99 ${report[database].firstPage.p99Ms} ms is not under ${TARGET_P99_MS} ms`,
      );
    }
    if (report[database].firstPage.non2xx > 0) {
      failures.push(
        `${database}: ${report[database].firstPage.non2xx} non-2xx answers`,
      );
    }
  }
  console.log(JSON.stringify(report, null, 2));
  if (failures.length > 0) {
    log('target missed:', failures.join('; '));
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { catalog, seed };
