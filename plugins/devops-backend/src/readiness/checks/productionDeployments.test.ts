import { contextFor, deployment } from '../../__testUtils__/readinessHistory';
import {
  lastProductionDeploymentCheck,
  rollbackPathCheck,
} from './productionDeployments';

describe('last-production-deployment', () => {
  it('is unknown before the first production deployment', async () => {
    const result = await lastProductionDeploymentCheck.evaluate(
      contextFor({ deployments: [deployment('staging', '1.0.0', 3)] }),
    );
    expect(result).toEqual({
      status: 'unknown',
      fact: 'Nothing has been deployed to production yet.',
    });
  });

  it('passes when the newest one succeeded, even after an earlier failure', async () => {
    const result = await lastProductionDeploymentCheck.evaluate(
      contextFor({
        deployments: [
          deployment('production', '1.0.0', 10, 'failed'),
          deployment('production', '1.0.1', 2, 'succeeded', { actor: 'ada' }),
        ],
      }),
    );
    expect(result).toEqual({
      status: 'pass',
      fact: '1.0.1 was deployed to production at 2026-11-25 10:05 UTC by ada.',
    });
  });

  it('fails when the newest one failed or was rolled back', async () => {
    const failed = await lastProductionDeploymentCheck.evaluate(
      contextFor({
        deployments: [
          deployment('production', '1.0.0', 10),
          deployment('production', '1.0.1', 2, 'failed'),
        ],
      }),
    );
    const rolledBack = await lastProductionDeploymentCheck.evaluate(
      contextFor({
        deployments: [deployment('production', '1.0.1', 2, 'rolled_back')],
      }),
    );
    expect(failed).toEqual({
      status: 'fail',
      fact: 'The newest deployment to production, 1.0.1 at 2026-11-25 10:05 UTC, ended failed.',
    });
    expect(rolledBack.fact).toMatch(/1\.0\.1 .* was rolled back\.$/);
  });

  it('is unknown while a deployment is running', async () => {
    const result = await lastProductionDeploymentCheck.evaluate(
      contextFor({
        deployments: [
          deployment('production', '1.0.0', 10),
          deployment('production', '1.0.1', 1, 'in_progress'),
        ],
      }),
    );
    expect(result).toEqual({
      status: 'unknown',
      fact: '1.0.1 is being deployed to production (in progress since 2026-11-25 11:00 UTC).',
    });
  });
});

describe('rollback-path', () => {
  it('is unknown without production deployments in the window', async () => {
    const result = await rollbackPathCheck.evaluate(
      contextFor({ deployments: [deployment('production', '1.0.0', 24 * 40)] }),
    );
    expect(result).toEqual({
      status: 'unknown',
      fact: 'Nothing was deployed to production in the last 30 days.',
    });
  });

  it('passes on a successful rollback deployment', async () => {
    const result = await rollbackPathCheck.evaluate(
      contextFor({
        deployments: [
          deployment('production', '1.0.0', 48),
          deployment('production', '1.1.0', 24, 'rolled_back'),
          deployment('production', '1.0.0', 23, 'succeeded', {
            rollbackOf: 'run-1100',
          }),
        ],
      }),
    );
    expect(result).toEqual({
      status: 'pass',
      fact: '1.0.0 rolled back deployment run-1100 in production at 2026-11-24 13:05 UTC.',
    });
  });

  it('passes on a redeploy of a version production ran before', async () => {
    const result = await rollbackPathCheck.evaluate(
      contextFor({
        deployments: [
          deployment('production', '1.0.0', 72),
          deployment('production', '1.1.0', 48),
          deployment('production', '1.0.0', 47),
          deployment('production', '1.2.0', 10),
        ],
      }),
    );
    expect(result).toEqual({
      status: 'pass',
      fact: 'production went back from 1.1.0 to 1.0.0 at 2026-11-23 13:05 UTC.',
    });
  });

  it('fails when production only ever moved forward', async () => {
    const result = await rollbackPathCheck.evaluate(
      contextFor({
        deployments: [
          deployment('production', '1.0.0', 72),
          deployment('production', '1.0.0', 60),
          deployment('production', '1.1.0', 48),
          deployment('staging', '1.0.0', 40),
        ],
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.fact).toMatch(
      /^None of the 3 deployments to production in the last 30 days was a rollback/,
    );
  });
});
