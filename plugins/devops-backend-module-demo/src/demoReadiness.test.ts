import request from 'supertest';
import {
  exampleEntities,
  startBackend,
  userAuth,
} from './__testUtils__/startBackend';

describe('demo data', () => {
  it('gives the example components a mix of passing, failing and undecided readiness', async () => {
    const server = await startBackend({ entities: exampleEntities() });

    const res = await request(server)
      .get('/api/devops/v1/overview')
      .set('authorization', userAuth());

    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      res.body.items.map((i: any) => [i.name, i]),
    );
    expect(Object.keys(byName)).toEqual([
      'checkout-web',
      'fraud-scoring',
      'ledger-worker',
      'payments-api',
    ]);
    for (const name of ['checkout-web', 'ledger-worker', 'payments-api']) {
      expect(byName[name].readiness.passed).toBeGreaterThan(0);
      expect(byName[name].readiness.failed).toBeGreaterThan(0);
      expect(byName[name].environments[2].runningVersion).toEqual(
        expect.any(String),
      );
      expect(byName[name].dora.deploymentsPerDay).toBeGreaterThan(0);
    }
    // Still being built: nothing in production, so most checks are open.
    expect(byName['fraud-scoring'].readiness.unknown).toBeGreaterThan(4);
    expect(
      new Set(res.body.items.map((i: any) => i.readiness.score)).size,
    ).toBeGreaterThan(2);
    expect(byName['payments-api'].firingAlerts.P2).toBe(1);
  }, 30_000);
});
