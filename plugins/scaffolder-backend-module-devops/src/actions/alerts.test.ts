import { actionRunner } from '../__testUtils__/actionRunner';
import { execFile } from 'child_process';
import { readFile } from 'fs/promises';
import { join } from 'path';
import { promisify } from 'util';
import { parse } from 'yaml';
import { createAlertsAction } from './alerts';

const run = promisify(execFile);

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
    ]);
    const { check, test } = await promtool();
    expect(check).toMatch(/SUCCESS: 18 rules found/);
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
  ])('the scaffolder refuses %j naming %s', (patch, field) => {
    expect(validate({ ...input, ...patch })).toEqual([field]);
  });
});
