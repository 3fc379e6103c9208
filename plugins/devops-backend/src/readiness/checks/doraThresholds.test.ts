import { contextFor, deployment } from '../../__testUtils__/readinessHistory';
import { changeFailureRateCheck, timeToRestoreCheck } from './doraThresholds';

// Ten production deployments a day apart; `failing` lists which failed.
const history = (failing: number[], hoursBetween = 24) =>
  Array.from({ length: 10 }, (_, i) =>
    deployment(
      'production',
      `1.${i}.0`,
      (10 - i) * hoursBetween,
      failing.includes(i) ? 'failed' : 'succeeded',
    ),
  );

describe('change-failure-rate', () => {
  it('is unknown without finished production deployments in the window', async () => {
    const result = await changeFailureRateCheck.evaluate(
      contextFor({
        deployments: [deployment('production', '1.0.0', 1, 'in_progress')],
      }),
    );
    expect(result).toEqual({
      status: 'unknown',
      fact: 'No deployment to production finished in the last 30 days.',
    });
  });

  it('passes at or under the configured limit', async () => {
    const result = await changeFailureRateCheck.evaluate(
      contextFor({ deployments: history([3]) }),
    );
    expect(result).toEqual({
      status: 'pass',
      fact: '1 of 10 deployments to production in the last 30 days failed or were rolled back (10 %; the limit is 15 %).',
    });
  });

  it('fails over the limit, which config can tighten', async () => {
    const over = await changeFailureRateCheck.evaluate(
      contextFor({ deployments: history([2, 5]) }),
    );
    const tightened = await changeFailureRateCheck.evaluate(
      contextFor({
        deployments: history([3]),
        thresholds: { changeFailureRate: 0.05 },
      }),
    );
    expect(over.status).toBe('fail');
    expect(over.fact).toMatch(/2 of 10 .* \(20 %; the limit is 15 %\)/);
    expect(tightened.status).toBe('fail');
  });
});

describe('time-to-restore', () => {
  it('is unknown without finished production deployments', async () => {
    const result = await timeToRestoreCheck.evaluate(contextFor());
    expect(result.status).toBe('unknown');
  });

  it('passes when nothing failed', async () => {
    const result = await timeToRestoreCheck.evaluate(
      contextFor({ deployments: history([]) }),
    );
    expect(result).toEqual({
      status: 'pass',
      fact: 'No deployment to production failed in the last 30 days, so there was nothing to restore.',
    });
  });

  it('judges the median restore time against the limit', async () => {
    // Restored a day after each failure.
    const daily = history([2, 6]);
    const within = await timeToRestoreCheck.evaluate(
      contextFor({
        deployments: daily,
        thresholds: { timeToRestoreHours: 48 },
      }),
    );
    const over = await timeToRestoreCheck.evaluate(
      contextFor({
        deployments: daily,
        thresholds: { timeToRestoreHours: 12 },
      }),
    );
    expect(within).toEqual({
      status: 'pass',
      fact: 'The median time to restore production after a failed deployment was 24 h over 2 incidents in the last 30 days; the limit is 2 days.',
    });
    expect(over.status).toBe('fail');
    expect(over.fact).toMatch(
      /was 24 h over 2 incidents .* the limit is 12 h\.$/,
    );
  });

  it('fails on a failure left unrestored longer than the limit', async () => {
    const result = await timeToRestoreCheck.evaluate(
      contextFor({ deployments: history([8, 9]) }),
    );
    expect(result).toEqual({
      status: 'fail',
      fact: 'production has had no successful deployment since one failed at 2026-11-23 12:05 UTC, 47.9 h ago; the limit is 24 h.',
    });
  });

  it('is unknown while the only failure is recent and not restored yet', async () => {
    const result = await timeToRestoreCheck.evaluate(
      contextFor({
        deployments: [
          deployment('production', '1.0.0', 30),
          deployment('production', '1.1.0', 2, 'failed'),
        ],
      }),
    );
    expect(result.status).toBe('unknown');
    expect(result.fact).toMatch(
      /failed at 2026-11-25 10:05 UTC and is not restored yet \(1\.9 h ago/,
    );
  });
});
