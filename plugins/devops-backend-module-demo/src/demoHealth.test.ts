import request from 'supertest';
import {
  exampleEntities,
  startBackend,
  userAuth,
} from './__testUtils__/startBackend';

describe('demo health history', () => {
  it('exists only for the environments an entity declares a health URL for, at that URL', async () => {
    const server = await startBackend({ entities: exampleEntities() });

    // payments-api declares health URLs for staging and production only.
    const payments = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/health')
      .set('authorization', userAuth());
    expect(payments.status).toBe(200);
    expect(
      payments.body.environments.map((e: any) => [e.environment, e.url]),
    ).toEqual([
      ['staging', 'http://localhost:7007/.backstage/health/v1/liveness'],
      ['production', 'http://localhost:7007/.backstage/health/v1/liveness'],
    ]);
    for (const env of payments.body.environments) {
      expect(env.history.length).toBeGreaterThan(100);
      // The poller continues the series from here.
      expect(Date.parse(env.last.checkedAt)).toBeLessThan(Date.now());
    }

    // ledger-worker declares none: no made-up health at all.
    const ledger = await request(server)
      .get('/api/devops/v1/entities/component/default/ledger-worker/health')
      .set('authorization', userAuth());
    expect(ledger.status).toBe(200);
    expect(ledger.body.environments).toEqual([]);
  }, 30_000);
});
