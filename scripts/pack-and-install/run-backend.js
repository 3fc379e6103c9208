#!/usr/bin/env node
// Starts the throwaway app's backend once on a free port, waits until the
// devops plugin answers, checks that it is mounted behind Backstage's auth
// (401 without a token, 200 with the static token) and that the scaffolder
// lists our actions, then stops it.
//
// usage: run-backend.js <app-dir>
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { randomBytes } = require('node:crypto');

const STARTUP_TIMEOUT_MS = 180_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function get(url, token) {
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.text() };
}

async function waitForDevops(baseUrl, token, backend) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null) {
      throw new Error(`the backend exited with code ${backend.exitCode}`);
    }
    try {
      const answer = await get(`${baseUrl}/api/devops/v1/environments`, token);
      if (answer.status !== 404 && answer.status !== 503) return answer;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`/api/devops did not answer within ${STARTUP_TIMEOUT_MS} ms`);
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`  ok: ${message}`);
}

async function checkBackend(appDir) {
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(appDir, 'backend.log');
  const log = fs.openSync(logFile, 'w');
  const started = Date.now();
  const backend = spawn(
    process.execPath,
    ['backend.js', '--config', 'app-config.yaml'],
    {
      cwd: appDir,
      env: { ...process.env, BACKEND_PORT: String(port), BACKEND_TOKEN: token },
      stdio: ['ignore', log, log],
    },
  );
  try {
    const environments = await waitForDevops(baseUrl, token, backend);
    console.log(
      `backend up on port ${port} after ${(
        (Date.now() - started) /
        1000
      ).toFixed(1)} s`,
    );
    expect(
      environments.status === 200 &&
        JSON.stringify(JSON.parse(environments.body)).includes('production'),
      `GET /api/devops/v1/environments with the static token: ${environments.status} ${environments.body}`,
    );
    const anonymous = await get(`${baseUrl}/api/devops/v1/environments`);
    expect(
      anonymous.status === 401,
      `GET /api/devops/v1/environments without a token: ${anonymous.status}`,
    );
    const actions = await get(`${baseUrl}/api/scaffolder/v2/actions`, token);
    const ids =
      actions.status === 200 ? JSON.parse(actions.body).map(a => a.id) : [];
    const ours = ids.filter(id => id.startsWith('devops:'));
    expect(
      ours.includes('devops:pipeline:generate'),
      `the scaffolder lists our actions: ${ours.join(', ') || actions.status}`,
    );
  } catch (error) {
    const lines = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n');
    console.error(
      `backend log (last 60 of ${lines.length} lines, ${logFile}):`,
    );
    console.error(lines.slice(-60).join('\n'));
    throw error;
  } finally {
    if (backend.exitCode === null) {
      const exited = new Promise(resolve => backend.once('exit', resolve));
      backend.kill('SIGTERM');
      const timer = setTimeout(() => backend.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.closeSync(log);
  }
}

if (require.main === module) {
  checkBackend(path.resolve(process.argv[2])).catch(error => {
    console.error(error.message);
    process.exit(1);
  });
}
