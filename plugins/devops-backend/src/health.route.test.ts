import request from 'supertest';
import {
  HealthTargetServers,
  startHealthTargetServers,
} from './__testUtils__/healthTargetServers';
import {
  paymentsApi,
  startDevopsBackend,
  userAuth,
} from './__testUtils__/startDevopsBackend';

describe('GET /v1/entities/{kind}/{namespace}/{name}/health', () => {
  let servers: HealthTargetServers;

  beforeAll(async () => {
    servers = await startHealthTargetServers({ slowMs: 100 });
  });
  afterAll(() => servers.close());

  const annotated = () => ({
    ...paymentsApi,
    metadata: {
      ...paymentsApi.metadata,
      annotations: {
        'devops/health-url.production': servers.url('healthy'),
        'devops/health-url.staging': servers.url('wrong-status'),
      },
    },
  });

  it('shows what the poller found per environment, in promotion order', async () => {
    const server = await startDevopsBackend({
      config: { devops: { health: { allowedHosts: ['127.0.0.1'] } } },
      entities: [annotated()],
    });

    const res = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/health')
      .set('authorization', userAuth());

    expect(res.status).toBe(200);
    expect(res.body.environments.map((e: any) => e.environment)).toEqual([
      'staging',
      'production',
    ]);
    const [staging, production] = res.body.environments;
    expect(production).toMatchObject({
      status: 'up',
      uptimePercent: 100,
      checks: 1,
      last: { status: 'up', httpStatus: 200 },
    });
    expect(production.latency.p50Ms).toEqual(expect.any(Number));
    expect(production.history).toHaveLength(1);
    expect(staging).toMatchObject({
      status: 'down',
      uptimePercent: 0,
      lastFailure: { errorClass: 'unexpected_status', httpStatus: 503 },
    });
  });

  it('polls nothing while devops.health.allowedHosts is unset', async () => {
    const hits = [...servers.hits.values()].reduce((a, b) => a + b, 0);
    const server = await startDevopsBackend({ entities: [annotated()] });

    const res = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/health')
      .set('authorization', userAuth());

    expect(res.body.environments.map((e: any) => [e.status, e.checks])).toEqual(
      [
        ['unknown', 0],
        ['unknown', 0],
      ],
    );
    expect([...servers.hits.values()].reduce((a, b) => a + b, 0)).toBe(hits);
  });

  it('answers 400 to a window it cannot serve', async () => {
    const server = await startDevopsBackend();

    const res = await request(server)
      .get(
        '/api/devops/v1/entities/component/default/payments-api/health?since=2020-01-01T00:00:00Z',
      )
      .set('authorization', userAuth());

    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /since: must be within the last 31 days/,
    );
  });
});
