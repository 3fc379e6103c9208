import {
  HealthTargetServers,
  startHealthTargetServers,
} from '../__testUtils__/healthTargetServers';
import { parseExpectedStatus } from './expectedStatus';
import { HealthChecker } from './HealthChecker';
import { compileHostPatterns } from './hostPatterns';

describe('HealthChecker against real servers', () => {
  let servers: HealthTargetServers;
  const checker = new HealthChecker({
    timeoutMs: 700,
    maxBodyBytes: 64 * 1024,
    maxRedirects: 3,
    degradedLatencyMs: 2000,
    isHostAllowed: compileHostPatterns(['127.0.0.1', 'localhost', '*.invalid']),
  });
  const expect2xx = parseExpectedStatus(undefined);
  const check = (url: string, extra: object = {}) =>
    checker.check({ url, expectStatus: expect2xx, ...extra });

  beforeAll(async () => {
    servers = await startHealthTargetServers({ slowMs: 1500 });
  });
  afterAll(() => servers.close());

  it('reports a healthy endpoint up with its latency', async () => {
    const result = await check(servers.url('healthy'));
    expect(result).toMatchObject({ status: 'up', httpStatus: 200 });
    expect(result.latencyMs).toBeLessThan(700);
    expect(result.errorClass).toBeUndefined();
  });

  it.each([
    ['slow', 'timeout'],
    ['hanging', 'timeout'],
    ['refused', 'connection_refused'],
    ['wrong-status', 'unexpected_status'],
    ['redirect-loop', 'too_many_redirects'],
    ['bad-tls', 'tls'],
  ] as const)('reports a %s endpoint down as %s', async (kind, errorClass) => {
    const result = await check(servers.url(kind));
    expect(result).toMatchObject({ status: 'down', errorClass });
    expect(result.error).toBeTruthy();
  });

  it('reads only the first part of a huge body', async () => {
    const started = Date.now();
    const result = await check(servers.url('huge-body'));
    expect(result.status).toBe('up');
    expect(Date.now() - started).toBeLessThan(700);
  });

  it('follows a redirect to a healthy endpoint', async () => {
    expect(await check(servers.url('redirect-once'))).toMatchObject({
      status: 'up',
      httpStatus: 200,
    });
  });

  it('fails a body check when the expected text is missing', async () => {
    expect(
      await check(servers.url('wrong-body'), { bodyContains: '"status":"ok"' }),
    ).toMatchObject({ status: 'down', errorClass: 'body_check_failed' });
    expect(
      await check(servers.url('healthy'), { bodyContains: '"status":"ok"' }),
    ).toMatchObject({ status: 'up' });
  });

  it('accepts the status codes an entity declares', async () => {
    const result = await checker.check({
      url: servers.url('wrong-status'),
      expectStatus: parseExpectedStatus('200,503'),
    });
    expect(result.status).toBe('up');
  });

  it('reports an unknown host as a DNS failure', async () => {
    expect(await check('http://no-such-service.invalid/healthz')).toMatchObject(
      {
        status: 'down',
        errorClass: 'dns',
      },
    );
  });

  it('never contacts other schemes or hosts outside the allow-list', async () => {
    expect(await check('file:///etc/passwd')).toMatchObject({
      status: 'down',
      errorClass: 'not_allowed',
    });
    expect(await check('http://10.1.2.3/healthz')).toMatchObject({
      status: 'down',
      errorClass: 'not_allowed',
    });
  });

  it('marks a slow but successful answer degraded', async () => {
    const strict = new HealthChecker({
      timeoutMs: 3000,
      maxBodyBytes: 1024,
      maxRedirects: 0,
      degradedLatencyMs: 500,
      isHostAllowed: () => true,
    });
    expect(
      await strict.check({ url: servers.url('slow'), expectStatus: expect2xx }),
    ).toMatchObject({ status: 'degraded', httpStatus: 200 });
  });
});
