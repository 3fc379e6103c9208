import { contextFor } from '../../__testUtils__/readinessHistory';
import { productionHealthCheck } from './productionHealth';

const url = 'https://payments.example.com/healthz';

describe('production-health', () => {
  it('fails when production declares no health URL, even if staging does', async () => {
    const result = await productionHealthCheck.evaluate(
      contextFor({ healthUrls: { staging: url } }),
    );
    expect(result).toEqual({
      status: 'fail',
      fact: 'No health URL is declared for production: add the devops/health-url.production annotation.',
    });
  });

  it('is unknown while the declared URL has not been checked yet', async () => {
    const result = await productionHealthCheck.evaluate(
      contextFor({ healthUrls: { production: url } }),
    );
    expect(result).toEqual({
      status: 'unknown',
      fact: `${url} has not been checked yet.`,
    });
  });

  it('fails on a down check, naming when and why', async () => {
    const result = await productionHealthCheck.evaluate(
      contextFor({
        healthUrls: { production: url },
        health: {
          production: {
            status: 'down',
            httpStatus: 503,
            errorClass: 'unexpected_status',
            error: 'expected 2xx, got 503',
            checkedAt: '2026-11-25T11:59:00.000Z',
          },
        },
      }),
    );
    expect(result).toEqual({
      status: 'fail',
      fact: `${url} failed its last check at 2026-11-25 11:59 UTC: expected 2xx, got 503.`,
    });
  });

  it('passes on an up or degraded check', async () => {
    const up = await productionHealthCheck.evaluate(
      contextFor({
        healthUrls: { production: url },
        health: {
          production: {
            status: 'up',
            httpStatus: 200,
            latencyMs: 42,
            checkedAt: '2026-11-25T11:59:00.000Z',
          },
        },
      }),
    );
    const slow = await productionHealthCheck.evaluate(
      contextFor({
        healthUrls: { production: url },
        health: {
          production: {
            status: 'degraded',
            httpStatus: 200,
            latencyMs: 2500,
            checkedAt: '2026-11-25T11:59:00.000Z',
          },
        },
      }),
    );
    expect(up).toEqual({
      status: 'pass',
      fact: `${url} answered HTTP 200 at 2026-11-25 11:59 UTC in 42 ms.`,
    });
    expect(slow.status).toBe('pass');
    expect(slow.fact).toMatch(/in 2500 ms, slower than expected/);
  });

  it('looks at the entity’s own production environment', async () => {
    const result = await productionHealthCheck.evaluate(
      contextFor({
        environments: ['dev', 'prod'],
        production: 'prod',
        healthUrls: { prod: url },
      }),
    );
    expect(result.fact).toBe(`${url} has not been checked yet.`);
  });
});
