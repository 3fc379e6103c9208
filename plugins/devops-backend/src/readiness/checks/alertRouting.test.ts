import type { DevopsAlert } from '@backstage-devops/plugin-devops-common';
import { contextFor } from '../../__testUtils__/readinessHistory';
import { alertRoutingCheck } from './alertRouting';

const alert = (name: string, startsAt: string): DevopsAlert => ({
  fingerprint: `fp-${name}`,
  status: 'resolved',
  alertname: name,
  severity: 'P1',
  labels: { alertname: name, service: 'payments-api' },
  startsAt,
  updatedAt: startsAt,
});

describe('alert-routing', () => {
  it('passes on a declared, valid selector without any alert', async () => {
    const result = await alertRoutingCheck.evaluate(
      contextFor({
        alertSelector: { declared: 'service="payments-api"', valid: true },
      }),
    );
    expect(result).toEqual({
      status: 'pass',
      fact: 'Alerts are routed by the selector service="payments-api".',
    });
  });

  it('fails on a selector that does not parse, even when alerts arrive', async () => {
    const result = await alertRoutingCheck.evaluate(
      contextFor({
        alertSelector: { declared: 'service=payments', valid: false },
        alerts: [alert('HighLatency', '2026-11-24T10:00:00.000Z')],
        alertsEverReceived: true,
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.fact).toMatch(/"service=payments" is not a valid list/);
  });

  it('passes when alerts reached the service, naming the newest', async () => {
    const result = await alertRoutingCheck.evaluate(
      contextFor({
        alerts: [
          alert('HighLatency', '2026-11-20T10:00:00.000Z'),
          alert('ErrorBudgetBurn', '2026-11-24T10:00:00.000Z'),
        ],
        alertsEverReceived: true,
      }),
    );
    expect(result).toEqual({
      status: 'pass',
      fact: '2 alerts reached this service in the last 30 days, the newest ErrorBudgetBurn at 2026-11-24 10:00 UTC.',
    });
  });

  it('is unknown while Alertmanager has never reached the plugin', async () => {
    const result = await alertRoutingCheck.evaluate(contextFor());
    expect(result.status).toBe('unknown');
    expect(result.fact).toMatch(/has not sent the DevOps plugin any alert yet/);
  });

  it('fails when alerts arrive for others but never for this service', async () => {
    const result = await alertRoutingCheck.evaluate(
      contextFor({ alertsEverReceived: true }),
    );
    expect(result).toEqual({
      status: 'fail',
      fact: 'No alert reached this service in the last 30 days and it declares no devops/alert-selector.',
    });
  });
});
