import { actionRunner } from '../__testUtils__/actionRunner';
import { execFile } from 'child_process';
import { readFile, writeFile } from 'fs/promises';
import { join } from 'path';
import { promisify } from 'util';
import { parse, stringify } from 'yaml';
import { createAlertsAction } from './alerts';

const run = promisify(execFile);

// promtool runs on a machine shared with other test suites.
jest.setTimeout(30_000);

describe('devops:alerts:generate', () => {
  const action = createAlertsAction();
  const { workspace, run: generate, validate } = actionRunner(action);
  const input = {
    service: 'payments-api',
    entityRef: 'component:default/payments-api',
    owner: 'group:default/payments',
    runbookUrl: 'https://runbooks.example.com/payments-api',
    probeUrl: 'https://payments-api.example.com/healthz',
    hasDatabase: true,
    hasMigrations: true,
    backstageUrl: 'https://backstage.example.com',
    targetPath: 'monitoring',
  };
  const readRules = async () =>
    parse(
      await readFile(
        join(workspace.path, 'monitoring/alerts.rules.yml'),
        'utf8',
      ),
    ).groups[0].rules as Array<{
      alert: string;
      expr: string;
      for: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }>;

  const promtool = async () => {
    const dir = join(workspace.path, 'monitoring');
    const check = await run('promtool', [
      'check',
      'rules',
      join(dir, 'alerts.rules.yml'),
    ]);
    const test = await run(
      'promtool',
      ['test', 'rules', join(dir, 'alerts.test.yml')],
      { cwd: dir },
    );
    return { check: check.stdout, test: test.stdout };
  };

  it('writes rules that promtool accepts and whose firing and quiet cases pass', async () => {
    const ctx = await generate({ ...input, hasStorage: true });

    expect(ctx.output).toHaveBeenCalledWith('files', [
      'monitoring/alerts.rules.yml',
      'monitoring/alerts.test.yml',
      'monitoring/prometheus.yml',
      'monitoring/alertmanager.yml',
      'monitoring/operator/podmonitor.yaml',
      'monitoring/operator/prometheusrule.yaml',
      'monitoring/operator/probe.yaml',
      'monitoring/grafana-dashboard.json',
    ]);
    const { check, test } = await promtool();
    expect(check).toMatch(/SUCCESS: 19 rules found/);
    expect(test).toMatch(/SUCCESS/);
  });

  it('proves every rule both ways: one case where it fires with its labels, one where it stays quiet', async () => {
    await generate(input);
    const rules = await readRules();
    const tests = parse(
      await readFile(
        join(workspace.path, 'monitoring/alerts.test.yml'),
        'utf8',
      ),
    ).tests as Array<{ alert_rule_test: Array<any> }>;
    const cases = tests.flatMap(t => t.alert_rule_test);

    for (const rule of rules) {
      const mine = cases.filter(c => c.alertname === rule.alert);
      const firing = mine.filter(c => c.exp_alerts.length > 0);
      expect({ alert: rule.alert, firing: firing.length }).toEqual({
        alert: rule.alert,
        firing: 1,
      });
      expect(firing[0].exp_alerts[0].exp_labels).toMatchObject(rule.labels);
      expect(firing[0].exp_alerts[0].exp_annotations.runbook_url).toBe(
        rule.annotations.runbook_url,
      );
      expect(mine.filter(c => c.exp_alerts.length === 0)).toHaveLength(1);
    }
  });

  it('covers availability, errors, latency, saturation, certificates, database and delivery, at P0 to P3', async () => {
    await generate(input);
    const rules = await readRules();

    expect(rules.map(r => `${r.alert} ${r.labels.severity}`)).toEqual([
      'ServiceDown critical',
      'HealthCheckFailing critical',
      'NoReadyReplicas critical',
      'HighErrorRate high',
      'HighLatencyP95 warning',
      'HighLatencyP99 warning',
      'CpuSaturation high',
      'MemorySaturation high',
      'FrequentRestarts warning',
      'CrashLooping high',
      'HpaAtMaxReplicas warning',
      'TlsCertificateExpiring warning',
      'DatabasePoolExhausted critical',
      'DatabasePoolWaiting high',
      'DatabaseConnectionErrors critical',
      'SlowDatabaseQueries warning',
      'DatabaseMigrationFailed high',
      'DeploymentsStalled info',
    ]);
    for (const rule of rules) {
      expect(rule.labels).toEqual({
        severity: rule.labels.severity,
        service: 'payments-api',
        backstage_entity: 'component:default/payments-api',
        team: 'payments',
      });
      expect(rule.annotations.runbook_url).toBe(
        `https://runbooks.example.com/payments-api#${rule.alert.toLowerCase()}`,
      );
    }
  });

  it('watches migrations, which run in CI, through the result the pipeline pushes for each environment', async () => {
    await generate({ ...input, hasDatabase: false });
    const rules = await readRules();
    const migrations = rules.find(r => r.alert === 'DatabaseMigrationFailed');
    expect(migrations?.expr).toBe(
      'max by (namespace) (db_migration_last_run_failed{namespace=~"payments-api-staging|payments-api-production"}) == 1',
    );
    expect(rules.map(r => r.alert)).not.toContain('DatabasePoolExhausted');

    await generate({ ...input, hasMigrations: false });
    expect((await readRules()).map(r => r.alert)).not.toContain(
      'DatabaseMigrationFailed',
    );
  });

  it('uses the thresholds of the practices by default and the template parameters when given', async () => {
    await generate({ ...input, hasDatabase: false, probeUrl: undefined });
    const defaults = Object.fromEntries(
      (await readRules()).map(r => [r.alert, `${r.expr} for ${r.for}`]),
    );
    expect(Object.keys(defaults)).not.toContain('HealthCheckFailing');
    expect(Object.keys(defaults)).not.toContain('DatabasePoolExhausted');
    expect(defaults.HighErrorRate).toMatch(/ > 0\.01 for 5m$/);
    expect(defaults.HighLatencyP95).toMatch(/ > 1 for 10m$/);
    expect(defaults.CpuSaturation).toMatch(/resource="cpu"\}\) > 0\.8 for 5m$/);
    expect(defaults.MemorySaturation).toMatch(/ > 0\.9 for 5m$/);

    await generate({
      ...input,
      errorRatePercent: 2.5,
      latencyP95Ms: 300,
      cpuPercent: 70,
    });
    const tuned = Object.fromEntries(
      (await readRules()).map(r => [r.alert, r.expr]),
    );
    expect(tuned.HighErrorRate).toMatch(/ > 0\.025$/);
    expect(tuned.HighLatencyP95).toMatch(/ > 0\.3$/);
    expect(tuned.CpuSaturation).toMatch(/ > 0\.7$/);
    // The tests move with the thresholds: they still fire and stay quiet.
    expect((await promtool()).test).toMatch(/SUCCESS/);
  });

  it('writes a scrape configuration promtool accepts, loading the same rules', async () => {
    await generate(input);
    const dir = join(workspace.path, 'monitoring');
    const config = parse(await readFile(join(dir, 'prometheus.yml'), 'utf8'));

    // Debian's Prometheus is built without Kubernetes discovery: check the
    // rest (relabelling, rule files, probe job) with a static target.
    const checkable = structuredClone(config);
    const pods = checkable.scrape_configs[0];
    expect(pods.kubernetes_sd_configs).toEqual([
      {
        role: 'pod',
        namespaces: {
          names: ['payments-api-staging', 'payments-api-production'],
        },
      },
    ]);
    delete pods.kubernetes_sd_configs;
    pods.static_configs = [{ targets: ['127.0.0.1:8080'] }];
    await writeFile(join(dir, 'checkable.yml'), stringify(checkable));
    const check = await run('promtool', [
      'check',
      'config',
      join(dir, 'checkable.yml'),
    ]);
    expect(check.stdout).toMatch(/SUCCESS: 1 rule files found/);
    expect(config.scrape_configs.map((j: any) => j.job_name)).toEqual([
      'payments-api',
      'payments-api-probe',
    ]);
  });

  it('routes P0 and P1 to the team pager and everything to the DevOps webhook, in a configuration amtool accepts', async () => {
    await generate(input);
    const file = join(workspace.path, 'monitoring/alertmanager.yml');

    await expect(run('amtool', ['check-config', file])).resolves.toMatchObject({
      stdout: expect.stringContaining('SUCCESS'),
    });
    const routes = async (labels: string) =>
      (
        await run('amtool', [
          'config',
          'routes',
          'test',
          `--config.file=${file}`,
          ...labels.split(' '),
        ])
      ).stdout.trim();
    const entity = 'backstage_entity=component:default/payments-api';
    expect(
      await routes(`${entity} severity=critical alertname=ServiceDown`),
    ).toBe('payments-pager,backstage-devops');
    expect(
      await routes(`${entity} severity=high alertname=HighErrorRate`),
    ).toBe('payments-pager,backstage-devops');
    expect(
      await routes(`${entity} severity=warning alertname=HighLatencyP95`),
    ).toBe('backstage-devops');
    expect(
      await routes(`${entity} severity=info alertname=DeploymentsStalled`),
    ).toBe('backstage-devops');
    const config = parse(await readFile(file, 'utf8'));
    expect(config.receivers[1].webhook_configs[0]).toEqual({
      url: 'https://backstage.example.com/api/devops/v1/alerts/alertmanager',
      send_resolved: true,
      http_config: {
        authorization: {
          type: 'Bearer',
          credentials_file:
            '/etc/alertmanager/secrets/backstage-devops-token/token',
        },
      },
    });
  });

  it('writes operator resources that scrape the pods as the job the rules select', async () => {
    await generate(input);
    const read = async (name: string) =>
      parse(
        await readFile(
          join(workspace.path, 'monitoring/operator', name),
          'utf8',
        ),
      );

    expect((await read('podmonitor.yaml')).spec).toEqual({
      jobLabel: 'app.kubernetes.io/name',
      namespaceSelector: {
        matchNames: ['payments-api-staging', 'payments-api-production'],
      },
      selector: { matchLabels: { 'app.kubernetes.io/name': 'payments-api' } },
      podMetricsEndpoints: [
        { port: 'http', path: '/metrics', interval: '30s' },
      ],
    });
    const rules = parse(
      await readFile(
        join(workspace.path, 'monitoring/alerts.rules.yml'),
        'utf8',
      ),
    );
    expect((await read('prometheusrule.yaml')).spec).toEqual(rules);
    expect((await read('probe.yaml')).spec.targets).toEqual({
      staticConfig: { static: ['https://payments-api.example.com/healthz'] },
    });
  });

  it('writes a dashboard of the golden signals with each alert threshold on its panel', async () => {
    await generate(input);
    const board = JSON.parse(
      await readFile(
        join(workspace.path, 'monitoring/grafana-dashboard.json'),
        'utf8',
      ),
    );

    expect(board).toMatchObject({
      uid: 'devops-payments-api',
      title: 'payments-api',
      tags: ['devops', 'golden-path', 'payments-api'],
    });
    const panels = board.panels.filter((p: any) => p.type === 'timeseries');
    expect(panels.map((p: any) => p.title)).toEqual([
      'Requests per second',
      'Share of 5xx answers',
      'Request latency',
      'CPU against the limit',
      'Memory against the limit',
      'Ready replicas and restarts',
      'Connection pool',
      'Query time (p95)',
      'Last migration run failed',
    ]);
    const threshold = (title: string) =>
      panels.find((p: any) => p.title === title).fieldConfig.defaults.thresholds
        .steps[1].value;
    expect(threshold('Share of 5xx answers')).toBe(0.01);
    expect(threshold('Request latency')).toBe(1);
    expect(threshold('CPU against the limit')).toBe(0.8);
    expect(
      board.annotations.list.find((a: any) => a.name === 'Releases').expr,
    ).toContain('kube_replicaset_created');
    // Every query is PromQL that Prometheus parses.
    const exprs = [
      ...panels.flatMap((p: any) => p.targets.map((q: any) => q.expr)),
      ...board.annotations.list
        .filter((a: any) => a.expr)
        .map((a: any) => a.expr),
    ];
    const rules = {
      groups: [
        {
          name: 'dashboard',
          rules: exprs.map((expr: string, i: number) => ({
            record: `dashboard:query${i}`,
            expr: expr
              .replace(/\$__rate_interval/g, '5m')
              .replace(/\$namespace/g, 'payments-api-production'),
          })),
        },
      ],
    };
    await writeFile(join(workspace.path, 'queries.yml'), stringify(rules));
    const check = await run('promtool', [
      'check',
      'rules',
      join(workspace.path, 'queries.yml'),
    ]);
    expect(check.stdout).toMatch(/SUCCESS: 16 rules found/);
  });

  it('writes the same bytes for the same input', async () => {
    await generate(input);
    const first = await readFile(
      join(workspace.path, 'monitoring/alerts.rules.yml'),
      'utf8',
    );
    await generate(input);
    expect(
      await readFile(
        join(workspace.path, 'monitoring/alerts.rules.yml'),
        'utf8',
      ),
    ).toBe(first);
  });

  it.each([
    [{ service: 'Payments API' }, 'service'],
    [{ entityRef: 'payments' }, 'entityRef'],
    [{ runbookUrl: 'not a url' }, 'runbookUrl'],
    [{ errorRatePercent: 60 }, 'errorRatePercent'],
    [{ cpuPercent: 100 }, 'cpuPercent'],
    [{ owner: 'payments team' }, 'owner'],
    [{ backstageTokenFile: 'token' }, 'backstageTokenFile'],
  ])('the scaffolder refuses %j naming %s', (patch, field) => {
    expect(validate({ ...input, ...patch })).toEqual([field]);
  });
});
