import { contextFor, deployment } from '../../__testUtils__/readinessHistory';
import { stagingBeforeProductionCheck } from './stagingBeforeProduction';

describe('staging-before-production', () => {
  it('is unknown before anything reached production', async () => {
    const result = await stagingBeforeProductionCheck.evaluate(
      contextFor({
        deployments: [
          deployment('staging', '1.0.0', 10),
          deployment('production', '1.0.0', 5, 'failed'),
        ],
      }),
    );
    expect(result).toEqual({
      status: 'unknown',
      fact: 'Nothing has been deployed successfully to production yet.',
    });
  });

  it('fails when the entity has no environment before production', async () => {
    const result = await stagingBeforeProductionCheck.evaluate(
      contextFor({
        environments: ['production'],
        staging: undefined,
        deployments: [deployment('production', '1.0.0', 5)],
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.fact).toMatch(/no environment before production/);
  });

  it('passes when staging ran the production version first', async () => {
    const result = await stagingBeforeProductionCheck.evaluate(
      contextFor({
        deployments: [
          deployment('staging', '1.1.0', 30),
          deployment('production', '1.1.0', 6),
        ],
      }),
    );
    expect(result.status).toBe('pass');
    expect(result.fact).toMatch(
      /^1\.1\.0 reached staging at 2026-11-24 06:05 UTC, 23\.9 h before production\.$/,
    );
  });

  it('judges the first production rollout of the version, not a later redeploy', async () => {
    const result = await stagingBeforeProductionCheck.evaluate(
      contextFor({
        deployments: [
          deployment('production', '1.1.0', 50),
          deployment('staging', '1.1.0', 30),
          deployment('production', '1.1.0', 6),
        ],
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.fact).toMatch(/after production started deploying it/);
  });

  it('fails when staging never ran the version, or only failed with it', async () => {
    const result = await stagingBeforeProductionCheck.evaluate(
      contextFor({
        deployments: [
          deployment('staging', '1.1.0', 30, 'failed'),
          deployment('staging', '1.0.0', 40),
          deployment('production', '1.1.0', 6),
        ],
      }),
    );
    expect(result).toEqual({
      status: 'fail',
      fact: '1.1.0, running in production, was never deployed successfully to staging.',
    });
  });
});
