/*
 * Benchmark of the health poller. Not part of the test run:
 *
 *   npm run bench:health   (from the repository root)
 *
 * Starts the repository's backend on PostgreSQL with BENCH_TARGETS (default
 * 1,000) components, each declaring a health URL on a local HTTP server and
 * a 10 s interval, so the poller owes 6,000 checks a minute. After every
 * target has been checked once it measures, over BENCH_SECONDS (default
 * 120), the checks recorded per minute and the scheduling drift: how much
 * later than its interval each check came after the previous one.
 */
const http = require('http');
const os = require('os');
const { Client } = require('pg');
const { startBenchBackend, log, waitFor } = require('./backendHarness');

const TARGETS = Number(process.env.BENCH_TARGETS ?? 1000);
const INTERVAL_S = 10;
const WINDOW_S = Number(process.env.BENCH_SECONDS ?? 120);

function percentile(sorted, p) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function main() {
  let served = 0;
  const target = http.createServer((_req, res) => {
    served += 1;
    res.end('{"status":"ok"}');
  });
  await new Promise(r => target.listen(0, '127.0.0.1', r));
  const { port } = target.address();

  const backend = await startBenchBackend({
    entities: Array.from({ length: TARGETS }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i}`,
        annotations: {
          'devops/health-url.production': `http://127.0.0.1:${port}/healthz/${i}`,
          'devops/health-interval': `${INTERVAL_S}s`,
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'platform' },
    })),
    devops: {
      health: {
        tickInterval: { seconds: 1 },
        minInterval: { seconds: INTERVAL_S },
        concurrency: 50,
        allowedHosts: ['127.0.0.1'],
      },
    },
  });
  const db = new Client(backend.devopsDatabase);
  try {
    await waitFor(
      'every target checked once',
      async () => {
        if (!db._connected) {
          await db.connect();
        }
        const { rows } = await db.query(
          'SELECT count(*)::int AS n FROM health_current',
        );
        return rows[0].n === TARGETS;
      },
      240_000,
    );
    const from = new Date();
    log(`all ${TARGETS} targets checked once; measuring for ${WINDOW_S}s`);
    await new Promise(r => setTimeout(r, WINDOW_S * 1000));
    const to = new Date();

    const { rows } = await db.query(
      `SELECT entity_ref, extract(epoch FROM checked_at) * 1000 AS at
         FROM health_checks WHERE checked_at >= $1 AND checked_at < $2
        ORDER BY entity_ref, checked_at`,
      [from, to],
    );
    const drift = [];
    for (let i = 1; i < rows.length; i++) {
      if (rows[i].entity_ref === rows[i - 1].entity_ref) {
        drift.push(
          Number(rows[i].at) - Number(rows[i - 1].at) - INTERVAL_S * 1000,
        );
      }
    }
    drift.sort((a, b) => a - b);
    const minutes = (to - from) / 60_000;
    const report = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${Math.round(
        os.totalmem() / 2 ** 30,
      )} GiB, Node ${process.version}`,
      targets: TARGETS,
      intervalSeconds: INTERVAL_S,
      owedChecksPerMinute: (TARGETS * 60) / INTERVAL_S,
      windowSeconds: WINDOW_S,
      checksPerMinute: Math.round(rows.length / minutes),
      requestsServedPerMinute: Math.round(
        served / ((Date.now() - from) / 60_000),
      ),
      driftMs: {
        p50: percentile(drift, 50),
        p99: percentile(drift, 99),
        max: drift[drift.length - 1],
      },
    };
    console.log(JSON.stringify(report, null, 2));
    log(
      report.checksPerMinute >= 5000
        ? 'target met'
        : 'target missed: under 5,000 checks a minute',
    );
  } finally {
    await db.end().catch(() => {});
    await backend.stop();
    target.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
