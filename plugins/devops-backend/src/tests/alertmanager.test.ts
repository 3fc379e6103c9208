import { mockCredentials } from '@backstage/backend-test-utils';
import type { Server } from 'http';
import request from 'supertest';
import { TemporaryAlertmanager } from '../__testUtils__/TemporaryAlertmanager';
import {
  paymentsApi,
  startDevopsBackend,
  userAuth,
} from '../__testUtils__/startDevopsBackend';

jest.setTimeout(60_000);

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('alerts from a real Alertmanager', () => {
  let server: Server;
  let alertmanager: TemporaryAlertmanager;

  beforeAll(async () => {
    server = (await startDevopsBackend({
      entities: [
        {
          ...paymentsApi,
          metadata: {
            ...paymentsApi.metadata,
            annotations: { 'devops/alert-selector': 'service="payments-api"' },
          },
        },
      ],
    })) as Server;
    await new Promise<void>(resolve =>
      server.listening ? resolve() : server.once('listening', () => resolve()),
    );
    const { port } = server.address() as { port: number };
    alertmanager = await TemporaryAlertmanager.start({
      webhookUrl: `http://127.0.0.1:${port}/api/devops/v1/alerts/alertmanager`,
      token: mockCredentials.service.token(),
    });
  });

  afterAll(async () => {
    await alertmanager?.stop();
  });

  const readAlerts = (state = 'all') =>
    request(server)
      .get(
        `/api/devops/v1/entities/component/default/payments-api/alerts?state=${state}`,
      )
      .set('authorization', userAuth());

  it('shows an alert firing, then resolved, by its severity', async () => {
    const labels = {
      alertname: 'PaymentsHighErrorRate',
      service: 'payments-api',
      severity: 'critical',
    };
    const annotations = {
      summary: 'More than 5% of payment requests fail',
      runbook_url: 'https://runbooks.example.com/payments-api#errors',
    };
    // As Prometheus sends them: the start it saw, and an end a few
    // evaluation intervals ahead while the rule still fires.
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const stillFiring = () => new Date(Date.now() + 3600_000).toISOString();
    await alertmanager.push([
      { labels, annotations, startsAt, endsAt: stillFiring() },
      // Another service's alert must not show up on this entity.
      {
        labels: {
          alertname: 'LedgerLag',
          service: 'ledger-worker',
          severity: 'warning',
        },
        startsAt,
        endsAt: stillFiring(),
      },
    ]);

    const firing = await until(readAlerts, res => res.body.alerts?.length > 0);
    expect(firing.body.alerts).toEqual([
      expect.objectContaining({
        alertname: 'PaymentsHighErrorRate',
        status: 'firing',
        severity: 'P0',
        summary: annotations.summary,
        runbookUrl: annotations.runbook_url,
        alertmanagerUrl: expect.stringContaining(alertmanager.url),
      }),
    ]);
    expect(firing.body.firing).toEqual({ P0: 1, P1: 0, P2: 0, P3: 0 });
    expect(firing.body.source.lastWebhookAt).toEqual(expect.any(String));

    await alertmanager.push([
      { labels, annotations, startsAt, endsAt: new Date().toISOString() },
    ]);

    const resolved = await until(
      readAlerts,
      res => res.body.alerts?.[0]?.status === 'resolved',
    );
    expect(resolved.body.alerts[0]).toMatchObject({
      status: 'resolved',
      endsAt: expect.any(String),
    });
    expect(resolved.body.firing.P0).toBe(0);
    const firingOnly = await readAlerts('firing');
    expect(firingOnly.body.alerts).toEqual([]);
  });

  it('answers 401 to a bad token and 400 to a malformed notification, writing nothing', async () => {
    const badToken = await request(server)
      .post('/api/devops/v1/alerts/alertmanager')
      .set('authorization', mockCredentials.service.invalidHeader())
      .send({ version: '4', status: 'firing', receiver: 'x', alerts: [] });
    const malformed = await request(server)
      .post('/api/devops/v1/alerts/alertmanager')
      .set('authorization', mockCredentials.service.header())
      .send({
        version: '4',
        status: 'firing',
        receiver: 'backstage',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'Bogus', service: 'payments-api' },
            startsAt: 'not a time',
            fingerprint: 'abc',
          },
        ],
      });

    expect(badToken.status).toBe(401);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/alerts\[0\]\.startsAt/);
    const all = await readAlerts();
    expect(all.body.alerts.map((a: any) => a.alertname)).not.toContain('Bogus');
  });
});
