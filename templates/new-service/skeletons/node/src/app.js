'use strict';

const http = require('node:http');
const { createMetrics } = require('./metrics');

const HEALTH_PATH = '${{ values.healthPath }}';
const READINESS_PATH = '/readyz';
const METRICS_PATH = '/metrics';

function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * The service's HTTP server. Liveness answers as long as the process runs;
 * readiness only while it accepts traffic (not before start-up finished or
 * after shutdown began), so the load balancer drains it first. `database`
 * is the service's PostgreSQL pool, when it has one.
 */
function createApp({ metrics = createMetrics(), database } = {}) {
  const state = { ready: false };

  // With a database, the service is only ready while it can reach it, so
  // the load balancer stops sending requests that could only fail.
  async function ready() {
    if (!state.ready) return false;
    if (!database) return true;
    try {
      await database.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  const routes = {
    [HEALTH_PATH]: (req, res) => send(res, 200, { status: 'ok' }),
    [READINESS_PATH]: async (req, res) =>
      (await ready())
        ? send(res, 200, { status: 'ready' })
        : send(res, 503, { status: 'not ready' }),
    [METRICS_PATH]: (req, res) =>
      send(res, 200, metrics.render(), 'text/plain; version=0.0.4'),
    '/': (req, res) => send(res, 200, { service: '${{ values.name }}' }),
  };

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const path = new URL(req.url, 'http://localhost').pathname;
    const handler = req.method === 'GET' ? routes[path] : undefined;
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(
        {
          method: req.method,
          route: handler ? path : 'unmatched',
          status: res.statusCode,
        },
        seconds,
      );
    });
    if (handler) {
      handler(req, res);
    } else {
      send(res, 404, { error: 'not found' });
    }
  });

  return {
    server,
    setReady(ready) {
      state.ready = ready;
    },
  };
}

module.exports = { createApp, HEALTH_PATH, READINESS_PATH, METRICS_PATH };
