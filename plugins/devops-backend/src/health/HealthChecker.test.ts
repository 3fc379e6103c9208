import {
  HealthTargetServers,
  startHealthTargetServers,
} from '../__testUtils__/healthTargetServers';
import { parseExpectedStatus } from './expectedStatus';
import { HealthChecker } from './HealthChecker';
import {
  HealthTargetAddresses,
  HostResolver,
  systemResolver,
} from './healthTargetAddresses';
import { HostAllowList } from './hostAllowList';

const localAllowList = new HostAllowList([
  '127.0.0.1',
  '::1',
  'localhost',
  '*.invalid',
  '*.test',
]);

/** Names under .test answer from `names`; everything else from the system. */
function testResolver(names: Record<string, string[]>): HostResolver & {
  calls: string[];
} {
  const calls: string[] = [];
  const resolver = async (host: string) => {
    calls.push(host);
    if (host.endsWith('.test')) {
      return (names[host] ?? []).map(address => ({
        address,
        family: address.includes(':') ? (6 as const) : (4 as const),
      }));
    }
    return systemResolver(host);
  };
  return Object.assign(resolver, { calls });
}

describe('HealthChecker against real servers', () => {
  let servers: HealthTargetServers;
  const checker = new HealthChecker({
    timeoutMs: 700,
    maxBodyBytes: 64 * 1024,
    maxRedirects: 3,
    degradedLatencyMs: 2000,
    addresses: new HealthTargetAddresses({ allowList: localAllowList }),
    bodyChecks: true,
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
      addresses: new HealthTargetAddresses({ allowList: localAllowList }),
    });
    expect(
      await strict.check({ url: servers.url('slow'), expectStatus: expect2xx }),
    ).toMatchObject({ status: 'degraded', httpStatus: 200 });
  });

  describe('aimed inward', () => {
    const checkerWith = (
      resolver: HostResolver,
      allowList = localAllowList,
      extra: object = {},
    ) =>
      new HealthChecker({
        timeoutMs: 700,
        maxBodyBytes: 1024,
        maxRedirects: 3,
        degradedLatencyMs: 2000,
        addresses: new HealthTargetAddresses({ allowList, resolver }),
        ...extra,
      });
    const port = () => new URL(servers.url('healthy')).port;

    it('refuses a name on the allow-list that resolves to a denied address', async () => {
      // 127.0.0.2 is loopback but outside the allowed 127.0.0.1.
      const resolver = testResolver({ 'inside.test': ['127.0.0.2'] });
      const result = await checkerWith(resolver).check({
        url: `http://inside.test:${port()}/healthy/x`,
        expectStatus: expect2xx,
      });
      expect(result).toMatchObject({
        status: 'down',
        errorClass: 'not_allowed',
      });
      expect(result.error).toContain('resolves to 127.0.0.2');
    });

    it('refuses a name when any one of its addresses is denied', async () => {
      const resolver = testResolver({
        'mixed.test': ['127.0.0.1', '127.0.0.3'],
      });
      expect(
        await checkerWith(resolver).check({
          url: `http://mixed.test:${port()}/healthy/x`,
          expectStatus: expect2xx,
        }),
      ).toMatchObject({ status: 'down', errorClass: 'not_allowed' });
    });

    it('refuses a redirect to a denied address', async () => {
      const hits = servers.hits.get('/healthy/after-redirect') ?? 0;
      const resolver = testResolver({
        'start.test': ['127.0.0.1'],
        'metadata.test': ['127.0.0.2'],
      });
      const target = new URL(servers.url('redirect-to'));
      target.hostname = 'start.test';
      target.searchParams.set(
        'to',
        `http://metadata.test:${port()}/healthy/after-redirect`,
      );
      const result = await checkerWith(resolver).check({
        url: target.toString(),
        expectStatus: expect2xx,
      });
      expect(result).toMatchObject({
        status: 'down',
        errorClass: 'not_allowed',
      });
      expect(resolver.calls).toEqual(['start.test', 'metadata.test']);
      expect(servers.hits.get('/healthy/after-redirect') ?? 0).toBe(hits);
    });

    it('connects to the address it checked, never asking DNS twice', async () => {
      // A rebinding name: first a permitted address, then a denied one.
      let answers = 0;
      const calls: string[] = [];
      const rebinding: HostResolver = async host => {
        calls.push(host);
        answers += 1;
        return [
          { address: answers === 1 ? '127.0.0.1' : '127.0.0.2', family: 4 },
        ];
      };
      const result = await checkerWith(rebinding).check({
        url: `http://rebind.test:${port()}/echo-host/x`,
        expectStatus: expect2xx,
      });
      expect(result).toMatchObject({ status: 'up', httpStatus: 200 });
      expect(calls).toEqual(['rebind.test']);
      // The server on 127.0.0.1 answered, and saw the name it was asked for.
      expect(servers.hostHeaders).toContain(`rebind.test:${port()}`);
    });

    it('checks a name that resolves into a range the operator allowed', async () => {
      const resolver = testResolver({ 'lab.test': ['127.0.0.1'] });
      const allowList = new HostAllowList(['lab.test', '127.0.0.0/8']);
      expect(
        await checkerWith(resolver, allowList).check({
          url: `http://lab.test:${port()}/healthy/x`,
          expectStatus: expect2xx,
        }),
      ).toMatchObject({ status: 'up' });
    });

    it('ignores devops/health-body-contains unless body checks are enabled', async () => {
      const resolver = testResolver({});
      const target = {
        url: servers.url('wrong-body'),
        expectStatus: expect2xx,
        bodyContains: '"status":"ok"',
      };
      expect(await checkerWith(resolver).check(target)).toMatchObject({
        status: 'up',
      });
      expect(
        await checkerWith(resolver, localAllowList, { bodyChecks: true }).check(
          target,
        ),
      ).toMatchObject({ status: 'down', errorClass: 'body_check_failed' });
    });
  });
});
