import { healthTargetsOf } from './healthTargets';

const bounds = { defaultMs: 60_000, minMs: 10_000, maxMs: 600_000 };
const entity = (annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'Payments-API', annotations },
});

describe('healthTargetsOf', () => {
  it('makes one target per environment URL with the expected statuses', () => {
    const targets = healthTargetsOf(
      entity({
        'devops/health-url.Staging':
          'https://payments.staging.example.com/healthz',
        'devops/health-url.production':
          ' https://payments.example.com/healthz ',
        'devops/health-expect': '200,204',
        'devops/environments': 'staging,production',
      }),
      bounds,
    );

    expect(
      targets.map(t => [t.entityRef, t.environment, t.url, t.intervalMs]),
    ).toEqual([
      [
        'component:default/payments-api',
        'staging',
        'https://payments.staging.example.com/healthz',
        60_000,
      ],
      [
        'component:default/payments-api',
        'production',
        'https://payments.example.com/healthz',
        60_000,
      ],
    ]);
    expect(targets[0].expectStatus(204)).toBe(true);
    expect(targets[0].expectStatus(201)).toBe(false);
  });

  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['PT5M', 300_000],
    ['1s', 10_000],
    ['2h', 600_000],
    ['soon', 60_000],
  ])(
    'keeps the interval %s within the configured bounds',
    (value, expected) => {
      const [target] = healthTargetsOf(
        entity({
          'devops/health-url.production':
            'https://payments.example.com/healthz',
          'devops/health-interval': value,
        }),
        bounds,
      );
      expect(target.intervalMs).toBe(expected);
    },
  );
});
