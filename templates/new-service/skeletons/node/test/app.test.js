'use strict';

const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');
const {
  createApp,
  HEALTH_PATH,
  METRICS_PATH,
  READINESS_PATH,
} = require('../src/app');

const app = createApp();
let base;

before(async () => {
  await new Promise(resolve => app.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${app.server.address().port}`;
});

after(() => new Promise(resolve => app.server.close(resolve)));

test('the health endpoint answers while the process runs', async () => {
  const res = await fetch(base + HEALTH_PATH);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('readiness follows whether the service takes traffic', async () => {
  app.setReady(false);
  assert.equal((await fetch(base + READINESS_PATH)).status, 503);
  app.setReady(true);
  assert.equal((await fetch(base + READINESS_PATH)).status, 200);
});

test('metrics count the requests answered', async () => {
  await fetch(`${base}/no-such-page`);
  const text = await (await fetch(base + METRICS_PATH)).text();
  assert.match(
    text,
    /http_requests_total\{method="GET",route="unmatched",status="404"\} 1/,
  );
  assert.match(text, /# TYPE http_request_duration_seconds histogram/);
});
