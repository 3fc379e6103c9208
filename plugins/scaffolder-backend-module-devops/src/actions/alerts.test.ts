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
    runbookUrl: 'https://runbooks.example.com/payments-api',
    hasDatabase: true,
    latencyThresholdMs: 500,
    errorRatePercent: 5,
    targetPath: 'monitoring',
  };

  it('writes rules that promtool accepts and whose unit tests pass', async () => {
    const ctx = await generate(input);

    expect(ctx.output).toHaveBeenCalledWith('files', [
      'monitoring/alerts.rules.yml',
      'monitoring/alerts.test.yml',
    ]);
    const dir = join(workspace.path, 'monitoring');
    const check = await run('promtool', [
      'check',
      'rules',
      join(dir, 'alerts.rules.yml'),
    ]);
    expect(check.stdout).toMatch(/SUCCESS: 6 rules found/);
    const test = await run(
      'promtool',
      ['test', 'rules', join(dir, 'alerts.test.yml')],
      { cwd: dir },
    );
    expect(test.stdout).toMatch(/SUCCESS/);
  });

  it('labels every rule for routing to the entity and links its runbook', async () => {
    await generate({ ...input, hasDatabase: false });

    const rules = parse(
      await readFile(
        join(workspace.path, 'monitoring/alerts.rules.yml'),
        'utf8',
      ),
    ).groups[0].rules;
    expect(rules.map((r: any) => r.alert)).toEqual([
      'ServiceDown',
      'HighErrorRate',
      'SlowResponses',
      'FrequentRestarts',
      'CpuSaturation',
    ]);
    for (const rule of rules) {
      expect(rule.labels).toMatchObject({
        backstage_entity: 'component:default/payments-api',
        severity: expect.stringMatching(/^(critical|high|warning)$/),
      });
      expect(rule.annotations.runbook_url).toMatch(
        /^https:\/\/runbooks\.example\.com\/payments-api#/,
      );
    }
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
  ])('the scaffolder refuses %j naming %s', (patch, field) => {
    expect(validate({ ...input, ...patch })).toEqual([field]);
  });
});
