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
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
  fc.string({ minLength: 5000, maxLength: 5001 }),
);

// Strings of the right type that a particular field must still refuse.
const wrongStrings: Record<string, fc.Arbitrary<string>> = {
  entityRef: fc.constantFrom('payments-api', ':', 'component:default/'),
  environment: fc.constantFrom('PRODUCTION!', 'has space', '', '-x'),
  status: fc.constantFrom('done', 'SUCCESS', ''),
  tool: fc.constantFrom('sqitch', ''),
  startedAt: fc.constantFrom('yesterday', '2026-13-45T00:00:00Z', '2026-11-20'),
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
});
