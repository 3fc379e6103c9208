import type { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import request from 'supertest';
import { devopsPlugin } from './plugin';

jest.setTimeout(120_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

const validDeployment = {
  entityRef: 'component:default/payments-api',
  environment: 'production',
  version: '1.0.0',
  status: 'succeeded',
  externalId: 'run-1',
  startedAt: '2026-11-20T10:00:00Z',
  finishedAt: '2026-11-20T10:06:00Z',
  commitTime: '2026-11-20T08:00:00Z',
  url: 'https://ci.example.com/runs/1',
  description: 'Release 1.0.0',
};
const validReport = {
  entityRef: 'component:default/payments-api',
  environment: 'staging',
  tool: 'knex',
  migrations: [{ id: '001', status: 'applied' }],
};

// Values no field accepts: the wrong type, or a string longer than any
// field allows.
const wrongForAnyField = fc.oneof(
  fc.constant(null),
  // Text no database column can hold as sent.
  fc
    .tuple(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('\u0000', '\ud800', '\udfff'),
    )
    .map(([text, bad]) => `${text}${bad}`),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
  fc.string({ minLength: 5000, maxLength: 5001 }),
);

// Times later than the allowed clock skew of five minutes.
const futureTime = fc
  .integer({ min: 10, max: 100 * 365 * 24 * 60 })
  .map(minutes => new Date(Date.now() + minutes * 60_000).toISOString());

// Links that are not absolute http(s) URLs, in the spellings that slip
// past naive checks.
const notHttpUrl = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', ' ', '\t', '\n '),
      fc.constantFrom(
        'javascript',
        'JavaScript',
        'JAVASCRIPT',
        'data',
        'vbscript',
        'file',
      ),
      fc.string({ maxLength: 20 }),
    )
    .map(([lead, scheme, rest]) => `${lead}${scheme}:${rest}`),
  fc.constantFrom('/runs/1', '//ci.example.com/x', 'ci.example.com', 'http//x'),
);

// Strings of the right type that a particular field must still refuse.
const wrongStrings: Record<string, fc.Arbitrary<string>> = {
  startedAt: fc.oneof(
    fc.constantFrom('yesterday', '2026-13-45T00:00:00Z', '2026-11-20'),
    futureTime,
  ),
  finishedAt: futureTime,
  commitTime: futureTime,
  url: notHttpUrl,
  environment: fc.constantFrom('PRODUCTION!', 'has space', '', '-x'),
  status: fc.constantFrom('done', 'SUCCESS', ''),
  tool: fc.constantFrom('sqitch', ''),
  entityRef: fc.constantFrom(
    'payments-api',
    ':',
    'component:default/',
    'user:default/ada',
    'component:default/../payments-api',
  ),
};

const badValueFor = (key: string) =>
  wrongStrings[key]
    ? fc.oneof(wrongForAnyField, wrongStrings[key])
    : wrongForAnyField;

/** A valid payload broken in one way that must make it invalid. */
function mutated(valid: Record<string, unknown>, required: string[]) {
  return fc.oneof(
    // A required field removed.
    fc.constantFrom(...required).map(key => {
      const copy = { ...valid };
      delete copy[key];
      return copy;
    }),
    // A field replaced by a value it cannot hold.
    fc
      .constantFrom(...Object.keys(valid))
      .chain(key =>
        badValueFor(key).map(value => ({ ...valid, [key]: value })),
      ),
    // An unknown field added.
    fc
      .tuple(
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter(k => !(k in valid) && k !== '__proto__'),
        fc.jsonValue(),
      )
      .map(([key, value]) => ({ ...valid, [key]: value })),
  );
}

const arbitraryBody = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue(), { maxKeys: 8 }),
);

describe('ingestion under random and mutated payloads', () => {
  it('answers 4xx, never 5xx, and writes nothing', async () => {
    const { server } = await startTestBackend({
      features: [
        devopsPlugin,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const auth = mockCredentials.service.header();
    const statuses = new Map<number, number>();

    const post = async (path: string, body: unknown) => {
      const res = await request(server)
        .post(`/api/devops/v1/${path}`)
        .set('authorization', auth)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body));
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      return res.status;
    };

    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutated(validDeployment, [
            'entityRef',
            'environment',
            'version',
            'status',
          ]).map(b => ['deployments', b] as const),
          mutated(validReport, [
            'entityRef',
            'environment',
            'tool',
            'migrations',
          ]).map(b => ['migrations', b] as const),
          // A migration applied in the future.
          futureTime.map(
            appliedAt =>
              [
                'migrations',
                {
                  ...validReport,
                  migrations: [{ id: '001', status: 'applied', appliedAt }],
                },
              ] as const,
          ),
          fc.tuple(fc.constantFrom('deployments', 'migrations'), arbitraryBody),
        ),
        async ([path, body]) => {
          const status = await post(path, body);
          return status >= 400 && status < 500;
        },
      ),
      { numRuns: 2000 },
    );

    const deployments = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/deployments')
      .set('authorization', auth);
    const migrations = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/migrations')
      .set('authorization', auth);
    expect(deployments.body.items).toEqual([]);
    expect(migrations.body.environments).toEqual([]);
    expect([...statuses.keys()].every(s => s >= 400 && s < 500)).toBe(true);
  });

  it('keeps Alertmanager alerts whatever their links say, and stores only http(s) links', async () => {
    const { server } = await startTestBackend({
      features: [
        devopsPlugin,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const auth = mockCredentials.service.header();
    const link = fc.oneof(
      notHttpUrl,
      fc.webUrl(),
      fc.string({ maxLength: 30 }),
    );
    let fingerprint = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.record({
          generatorURL: link,
          externalURL: link,
          runbook: link,
          futureStart: fc.option(futureTime, { freq: 4 }),
        }),
        async ({ generatorURL, externalURL, runbook, futureStart }) => {
          fingerprint += 1;
          const res = await request(server)
            .post('/api/devops/v1/alerts/alertmanager')
            .set('authorization', auth)
            .send({
              version: '4',
              status: 'firing',
              receiver: 'backstage',
              externalURL,
              alerts: [
                {
                  status: 'firing',
                  labels: { alertname: 'Down', service: 'payments-api' },
                  annotations: { runbook_url: runbook },
                  startsAt: futureStart ?? '2026-11-20T10:00:00Z',
                  generatorURL,
                  fingerprint: `f${fingerprint}`,
                },
              ],
            });
          if (futureStart) {
            return res.status === 400;
          }
          return res.status === 200;
        },
      ),
      { numRuns: 300 },
    );

    const listed = await request(server)
      .get(
        '/api/devops/v1/entities/component/default/payments-api/alerts?limit=500',
      )
      .set('authorization', auth);
    expect(listed.body.alerts.length).toBeGreaterThan(0);
    const links = listed.body.alerts
      .flatMap((a: any) => [a.generatorUrl, a.runbookUrl, a.alertmanagerUrl])
      .filter((url: unknown) => url !== undefined);
    expect(
      links.filter(
        (url: string) => !['http:', 'https:'].includes(new URL(url).protocol),
      ),
    ).toEqual([]);
  });
});
