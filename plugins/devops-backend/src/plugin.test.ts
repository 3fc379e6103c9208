import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  serviceAuth as service,
  startDevopsBackend as startBackend,
  userAuth as user,
} from './__testUtils__/startDevopsBackend';

const deployment = (overrides: object = {}) => ({
  entityRef: 'component:default/payments-api',
  environment: 'production',
  version: '2.4.1',
  status: 'succeeded',
  strategy: 'blue-green',
  externalId: 'gha-9001',
  startedAt: '2026-11-20T10:00:00Z',
  finishedAt: '2026-11-20T10:06:00Z',
  commitSha: 'A1B2C3D4E5F6',
  commitTime: '2026-11-20T08:00:00+01:00',
  actor: 'ada',
  url: 'https://ci.example.com/runs/9001',
  ...overrides,
});

const listPath =
  '/api/devops/v1/entities/component/default/payments-api/deployments';

describe('POST /v1/deployments', () => {
  it('answers 201 on create and 200 when the external id matches', async () => {
    const server = await startBackend();

    const created = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .send(deployment({ status: 'in_progress', finishedAt: undefined }));
    const updated = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .send(deployment());

    expect(created.status).toBe(201);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: created.body.id,
      status: 'succeeded',
      commitSha: 'a1b2c3d4e5f6',
      commitTime: '2026-11-20T07:00:00.000Z',
    });
    const list = await request(server)
      .get(listPath)
      .set('authorization', user());
    expect(list.body.items).toHaveLength(1);
  });

  it('treats a retried report without external id but with a start time as the same deployment', async () => {
    const server = await startBackend();
    const body = deployment({ externalId: undefined });

    const first = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .send(body);
    const retry = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .send(body);

    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body.id).toBe(first.body.id);
  });

  it('answers 401 without valid credentials and 403 to a user', async () => {
    const server = await startBackend();

    const none = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', mockCredentials.none.header())
      .send(deployment());
    const invalid = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', mockCredentials.service.invalidHeader())
      .send(deployment());
    const asUser = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', user())
      .send(deployment());

    expect(none.status).toBe(401);
    expect(invalid.status).toBe(401);
    expect(asUser.status).toBe(403);
    const list = await request(server)
      .get(listPath)
      .set('authorization', user());
    expect(list.body.items).toEqual([]);
  });

  it.each([
    [{ version: 7 }, /version: Expected string/],
    [{ status: 'done' }, /status: Invalid enum value/],
    [{ strategy: 'yolo' }, /strategy: Invalid enum value/],
    [{ startedAt: 'yesterday' }, /startedAt: must be an ISO 8601 date-time/],
    [
      { finishedAt: '2026-11-20T09:00:00Z' },
      /finishedAt: must not be before startedAt/,
    ],
    [{ entityRef: 'payments-api' }, /entityRef: not an entity ref/],
    [{ environment: 'Prod Env!' }, /environment: must be 1-63 characters/],
    [
      { environment: 'qa' },
      /environment: 'qa' is not an environment of component:default\/payments-api/,
    ],
    [{ commit_sha: 'abc1234' }, /unknown field\(s\) commit_sha/],
    [{ url: 'not a url' }, /url: must be an absolute http or https URL/],
    [{ commitSha: 'xyz' }, /commitSha: must be a hex commit hash/],
  ])(
    'answers 400 naming the field for %j and writes nothing',
    async (patch, message) => {
      const server = await startBackend();

      const res = await request(server)
        .post('/api/devops/v1/deployments')
        .set('authorization', service())
        .send(deployment(patch));

      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
      const list = await request(server)
        .get(listPath)
        .set('authorization', user());
      expect(list.body.items).toEqual([]);
    },
  );

  it('answers 400 to a body that is not JSON', async () => {
    const server = await startBackend();

    const res = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .set('content-type', 'application/json')
      .send('{"entityRef": ');

    expect(res.status).toBe(400);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const server = await startBackend();

    const res = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .send(deployment({ description: 'x'.repeat(1024 * 1024 + 1) }));

    expect(res.status).toBe(413);
  });

  it('answers 404 for an entity not in the catalog, unless config allows it', async () => {
    const strict = await startBackend();
    const lenient = await startBackend({
      config: { devops: { ingestion: { requireCatalogEntity: false } } },
    });
    const body = deployment({ entityRef: 'component:default/unknown' });

    const rejected = await request(strict)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .send(body);
    const accepted = await request(lenient)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .send(body);

    expect(rejected.status).toBe(404);
    expect(rejected.body.error.message).toMatch(
      /component:default\/unknown is not in the catalog/,
    );
    expect(accepted.status).toBe(201);
  });

  it('answers 409 when an external id is reused for another environment', async () => {
    const server = await startBackend();
    await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .send(deployment());

    const res = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .send(deployment({ environment: 'staging' }));

    expect(res.status).toBe(409);
  });

  it("accepts the entity's own environments", async () => {
    const server = await startBackend();

    const res = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', service())
      .send(
        deployment({
          entityRef: 'Component:default/Ledger-Worker',
          environment: 'QA',
        }),
      );

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/ledger-worker',
      environment: 'qa',
    });
  });
});

describe('POST /v1/migrations', () => {
  it('records a report and says what changed', async () => {
    const server = await startBackend();
    const body = {
      entityRef: 'component:default/payments-api',
      environment: 'staging',
      tool: 'flyway',
      migrations: [
        {
          id: 'V1',
          name: 'create_payments',
          checksum: -1234,
          status: 'applied',
          appliedAt: '2026-11-01T00:00:00Z',
          durationMs: 120,
        },
        { id: 'V2', status: 'pending' },
      ],
    };

    const first = await request(server)
      .post('/api/devops/v1/migrations')
      .set('authorization', service())
      .send(body);
    const replay = await request(server)
      .post('/api/devops/v1/migrations')
      .set('authorization', service())
      .send(body);

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ changed: 2, unchanged: 0 });
    expect(replay.body).toMatchObject({ changed: 0, unchanged: 2 });
  });

  it.each([
    [{ tool: 'sqitch' }, /tool: Invalid enum value/],
    [{ migrations: [] }, /migrations: Array must contain at least 1/],
    [
      { migrations: [{ id: 'V1', status: 'done' }] },
      /migrations\[0\]\.status: Invalid enum value/,
    ],
    [
      {
        migrations: [
          { id: 'V1', status: 'applied' },
          { id: 'V1', status: 'pending' },
        ],
      },
      /migrations\[1\]\.id: repeats the id of migrations\[0\]/,
    ],
    [
      { migrations: [{ id: 'V1', status: 'applied', durationMs: -5 }] },
      /migrations\[0\]\.durationMs/,
    ],
  ])('answers 400 naming the field for %j', async (patch, message) => {
    const server = await startBackend();

    const res = await request(server)
      .post('/api/devops/v1/migrations')
      .set('authorization', service())
      .send({
        entityRef: 'component:default/payments-api',
        environment: 'staging',
        tool: 'flyway',
        migrations: [{ id: 'V1', status: 'applied' }],
        ...patch,
      });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    const read = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/migrations')
      .set('authorization', user());
    expect(read.body.environments).toEqual([]);
  });
});

describe('reading an entity', () => {
  async function seeded() {
    const server = await startBackend();
    const post = (path: string, body: object) =>
      request(server)
        .post(`/api/devops/v1/${path}`)
        .set('authorization', service())
        .send(body);
    await post(
      'deployments',
      deployment({
        externalId: 'p1',
        version: '2.4.0',
        startedAt: '2026-11-10T10:00:00Z',
        finishedAt: '2026-11-10T10:05:00Z',
      }),
    );
    await post(
      'deployments',
      deployment({
        externalId: 'p2',
        version: '2.4.1',
        status: 'failed',
        startedAt: '2026-11-12T10:00:00Z',
        finishedAt: '2026-11-12T10:05:00Z',
      }),
    );
    await post(
      'deployments',
      deployment({
        externalId: 's1',
        environment: 'staging',
        version: '2.5.0',
        startedAt: '2026-11-13T10:00:00Z',
        finishedAt: '2026-11-13T10:04:00Z',
      }),
    );
    const migration = (environment: string, migrations: object[]) =>
      post('migrations', {
        entityRef: 'component:default/payments-api',
        environment,
        tool: 'knex',
        migrations,
      });
    await migration('staging', [
      { id: '001', status: 'applied', checksum: 'aa' },
      { id: '002', status: 'applied', checksum: 'bb' },
    ]);
    await migration('production', [
      { id: '001', status: 'applied', checksum: 'zz' },
      { id: '002', status: 'pending' },
    ]);
    return server;
  }

  it('summarises each environment in promotion order', async () => {
    const server = await seeded();

    const res = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/summary')
      .set('authorization', user());

    expect(res.status).toBe(200);
    expect(res.body.environments.map((e: any) => e.environment)).toEqual([
      'development',
      'staging',
      'production',
    ]);
    const production = res.body.environments[2];
    expect(production).toMatchObject({
      runningVersion: '2.4.0',
      latestDeployment: { version: '2.4.1', status: 'failed' },
      lastDeployedAt: '2026-11-12T10:05:00.000Z',
      migrations: { pending: 1, failed: 0 },
    });
    expect(res.body.environments[0]).toEqual({
      environment: 'development',
      migrations: { pending: 0, failed: 0 },
    });
  });

  it('lists deployments newest first, paginated and filtered', async () => {
    const server = await seeded();

    const page1 = await request(server)
      .get(`${listPath}?limit=2`)
      .set('authorization', user());
    const page2 = await request(server)
      .get(`${listPath}?limit=2&cursor=${page1.body.nextCursor}`)
      .set('authorization', user());
    const staging = await request(server)
      .get(`${listPath}?environment=staging`)
      .set('authorization', user());
    const failed = await request(server)
      .get(`${listPath}?status=failed`)
      .set('authorization', user());
    expect(failed.body.items.map((d: any) => d.version)).toEqual(['2.4.1']);
    const badLimit = await request(server)
      .get(`${listPath}?limit=0`)
      .set('authorization', user());

    expect(page1.body.items.map((d: any) => d.version)).toEqual([
      '2.5.0',
      '2.4.1',
    ]);
    expect(page2.body.items.map((d: any) => d.version)).toEqual(['2.4.0']);
    expect(page2.body.nextCursor).toBeUndefined();
    expect(staging.body.items.map((d: any) => d.version)).toEqual(['2.5.0']);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(/limit/);
  });

  it('shows migrations per environment with drift', async () => {
    const server = await seeded();

    const res = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/migrations')
      .set('authorization', user());

    expect(
      res.body.environments.map((e: any) => [
        e.environment,
        e.applied.length,
        e.pending.length,
      ]),
    ).toEqual([
      ['staging', 2, 0],
      ['production', 1, 1],
    ]);
    expect(res.body.drift).toEqual([
      expect.objectContaining({
        migrationId: '001',
        kind: 'checksum_mismatch',
        checksums: { staging: 'aa', production: 'zz' },
      }),
      expect.objectContaining({
        migrationId: '002',
        kind: 'not_applied',
        appliedIn: ['staging'],
        notAppliedIn: ['production'],
      }),
    ]);
  });

  it('answers 403 when the permission policy denies reading the entity', async () => {
    const server = await startBackend({ permission: AuthorizeResult.DENY });

    const res = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/summary')
      .set('authorization', user());

    expect(res.status).toBe(403);
  });

  it('answers 401 to a request without valid credentials', async () => {
    const server = await startBackend();

    const res = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/summary')
      .set('authorization', mockCredentials.user.invalidHeader());

    expect(res.status).toBe(401);
  });

  it('computes DORA metrics over a window ending now', async () => {
    const server = await startBackend();
    const now = Date.now();
    const iso = (hoursAgo: number) =>
      new Date(now - hoursAgo * 3600_000).toISOString();
    const post = (body: object) =>
      request(server)
        .post('/api/devops/v1/deployments')
        .set('authorization', service())
        .send(deployment(body));
    await post({
      externalId: 'a',
      version: '1',
      status: 'succeeded',
      commitTime: iso(50),
      startedAt: iso(49),
      finishedAt: iso(48),
    });
    await post({
      externalId: 'b',
      version: '2',
      status: 'failed',
      commitTime: iso(30),
      startedAt: iso(25),
      finishedAt: iso(24),
    });
    await post({
      externalId: 'c',
      version: '3',
      status: 'succeeded',
      commitTime: iso(22),
      startedAt: iso(21),
      finishedAt: iso(20),
    });
    await post({
      externalId: 'old',
      version: '0',
      status: 'succeeded',
      startedAt: iso(24 * 40),
      finishedAt: iso(24 * 40 - 1),
    });

    const res = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/dora?days=7')
      .set('authorization', user());

    expect(res.status).toBe(200);
    expect(res.body.deploymentFrequency).toEqual({
      deployments: 2,
      perDay: 2 / 7,
      perWeek: 2,
    });
    expect(res.body.leadTime).toEqual({
      count: 2,
      medianSeconds: 2 * 3600,
      p90Seconds: 2 * 3600,
    });
    expect(res.body.changeFailureRate).toEqual({
      failed: 1,
      total: 3,
      rate: 1 / 3,
    });
    expect(res.body.timeToRestore).toEqual({
      count: 1,
      medianSeconds: 4 * 3600,
      p90Seconds: 4 * 3600,
      unrestored: 0,
    });
  });
});
