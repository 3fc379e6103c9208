import devopsBackend from '@backstage-devops/plugin-devops-backend';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFile, writeFile } from 'fs/promises';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { parse } from 'yaml';
import { RunningAlertmanager } from '../__testUtils__/RunningAlertmanager';
import { actionRunner } from '../__testUtils__/actionRunner';
import { createAlertsAction } from '../actions/alerts';

jest.setTimeout(90_000);

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

const listen = async (server: Server) => {
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
};

/**
 * The generated routing in a real Alertmanager: alerts of generated rules,
 * pushed as Prometheus pushes them, reach a running DevOps backend with the
 * token read from the secret file, and P0/P1 reach the team's pager too.
 */
describe('generated alerting, end to end', () => {
  const { workspace, run: generate } = actionRunner(createAlertsAction());
  let backend: Server;
  let pager: Server;
  let alertmanager: RunningAlertmanager | undefined;
  const pages: any[] = [];

  beforeAll(async () => {
    const started = await startTestBackend({
      features: [
        devopsBackend,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'payments-api', namespace: 'default' },
              spec: {
                type: 'service',
                owner: 'payments',
                lifecycle: 'production',
              },
            },
          ],
        }),
      ],
    });
    backend = started.server as Server;
    // Stands in for PagerDuty's events API, on this machine.
    pager = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        pages.push(JSON.parse(body));
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end('{"status":"success"}');
      });
    });
  });

  afterAll(async () => {
    await alertmanager?.stop();
    await new Promise(r => pager.close(r));
  });

  it('shows a generated rule firing on the entity at its mapped severity, and pages only P0 and P1, and shows it resolved when it stops', async () => {
    const pagerPort = await listen(pager);
    const { port } = backend.address() as AddressInfo;
    await writeFile(
      join(workspace.path, 'backstage-token'),
      mockCredentials.service.token(),
    );
    await writeFile(
      join(workspace.path, 'routing-key'),
      'payments-routing-key',
    );
    await generate({
      service: 'payments-api',
      entityRef: 'component:default/payments-api',
      owner: 'group:default/payments',
      runbookUrl:
        'https://github.com/acme/payments-api/blob/main/docs/index.md',
      backstageUrl: `http://127.0.0.1:${port}`,
      backstageTokenFile: join(workspace.path, 'backstage-token'),
      pagerRoutingKeyFile: join(workspace.path, 'routing-key'),
      pagerUrl: `http://127.0.0.1:${pagerPort}/v2/enqueue`,
    });
    const config = parse(
      await readFile(
        join(workspace.path, 'monitoring/alertmanager.yml'),
        'utf8',
      ),
    );
    // Only the waits change, so the test does not sit out the 30 s a
    // production group waits for more alerts.
    Object.assign(config.route.routes[0], {
      group_wait: '0s',
      group_interval: '1s',
    });
    alertmanager = await RunningAlertmanager.start(config);

    // Each alert as its generated promtool case expects it to fire: the
    // rule's labels and annotations plus the series' labels.
    const tests = parse(
      await readFile(
        join(workspace.path, 'monitoring/alerts.test.yml'),
        'utf8',
      ),
    ).tests;
    const firing = (alertname: string) => {
      const expected = tests
        .flatMap((t: any) => t.alert_rule_test)
        .find((c: any) => c.alertname === alertname && c.exp_alerts.length)
        .exp_alerts[0];
      return {
        labels: { alertname, ...expected.exp_labels },
        annotations: expected.exp_annotations,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
      };
    };
    const serviceDown = firing('ServiceDown');
    await alertmanager.push([
      serviceDown,
      firing('HighErrorRate'),
      firing('HighLatencyP95'),
      firing('DeploymentsStalled'),
    ]);

    const readAlerts = async (state = 'firing') =>
      (
        await fetch(
          `http://127.0.0.1:${port}/api/devops/v1/entities/component/default/payments-api/alerts?state=${state}`,
          { headers: { authorization: mockCredentials.user.header() } },
        )
      ).json();
    const shown = await until(
      () => readAlerts(),
      body => body.alerts?.length === 4,
    );
    expect(
      Object.fromEntries(
        shown.alerts.map((a: any) => [a.alertname, a.severity]),
      ),
    ).toEqual({
      ServiceDown: 'P0',
      HighErrorRate: 'P1',
      HighLatencyP95: 'P2',
      DeploymentsStalled: 'P3',
    });
    expect(shown.firing).toEqual({ P0: 1, P1: 1, P2: 1, P3: 1 });
    expect(
      shown.alerts.find((a: any) => a.alertname === 'ServiceDown'),
    ).toMatchObject({
      status: 'firing',
      summary: 'payments-api is down',
      runbookUrl:
        'https://github.com/acme/payments-api/blob/main/docs/index.md#servicedown',
    });

    await until(
      async () => pages.filter(p => p.event_action === 'trigger').length,
      count => count >= 2,
    );
    const triggers = pages.filter(p => p.event_action === 'trigger');
    expect(triggers.map(p => p.routing_key)).toEqual([
      'payments-routing-key',
      'payments-routing-key',
    ]);
    // Grouped by alert name and entity: one page per paging alert.
    expect(triggers.map(p => p.payload.summary).sort()).toEqual([
      expect.stringMatching(/^\[FIRING:1\] HighErrorRate /),
      expect.stringMatching(/^\[FIRING:1\] ServiceDown /),
    ]);
    expect(triggers.map(p => p.payload.severity)).toEqual(['error', 'error']);

    // The rule stops firing: Prometheus sends the alert with its end.
    await alertmanager.push([
      { ...serviceDown, endsAt: new Date().toISOString() },
    ]);
    const resolved = await until(
      () => readAlerts('all'),
      body =>
        body.alerts?.some(
          (a: any) => a.alertname === 'ServiceDown' && a.status === 'resolved',
        ),
    );
    expect(
      resolved.alerts.find((a: any) => a.alertname === 'ServiceDown'),
    ).toMatchObject({ status: 'resolved', severity: 'P0' });
    expect(resolved.firing).toEqual({ P0: 0, P1: 1, P2: 1, P3: 1 });
  });
});
