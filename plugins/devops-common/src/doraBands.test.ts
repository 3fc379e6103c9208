import { doraBands } from './doraBands';
import type { DoraMetrics } from './metrics';

const metrics = (overrides: Partial<DoraMetrics>): DoraMetrics => ({
  entityRef: 'component:default/a',
  environment: 'production',
  days: 30,
  from: '2026-10-24T00:00:00Z',
  to: '2026-11-23T00:00:00Z',
  deploymentFrequency: { deployments: 0, perDay: 0, perWeek: 0 },
  leadTime: { count: 0 },
  changeFailureRate: { failed: 0, total: 0 },
  timeToRestore: { count: 0, unrestored: 0 },
  ...overrides,
});

describe('doraBands', () => {
  it('has no band without data', () => {
    expect(doraBands(metrics({}))).toEqual({});
  });

  it('bands each metric by the research thresholds', () => {
    expect(
      doraBands(
        metrics({
          deploymentFrequency: { deployments: 45, perDay: 1.5, perWeek: 10.5 },
          leadTime: { count: 45, medianSeconds: 3 * 86_400 },
          changeFailureRate: { failed: 6, total: 50, rate: 0.12 },
          timeToRestore: {
            count: 6,
            medianSeconds: 40 * 86_400,
            unrestored: 0,
          },
        }),
      ),
    ).toEqual({
      deploymentFrequency: 'elite',
      leadTime: 'high',
      changeFailureRate: 'medium',
      timeToRestore: 'low',
    });
    expect(
      doraBands(
        metrics({
          deploymentFrequency: {
            deployments: 2,
            perDay: 2 / 30,
            perWeek: 0.47,
          },
        }),
      ).deploymentFrequency,
    ).toBe('medium');
  });
});
