import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RenderedWorkspace } from '../Finding';
import { validateWithPromtool } from './promtool';

describe('validateWithPromtool', () => {
  let workspace: RenderedWorkspace;
  const write = async (files: Record<string, string>) => {
    const dir = await mkdtemp(join(tmpdir(), 'promtool-spec-'));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    workspace = {
      dir,
      files: Object.entries(files).map(([path, text]) => ({
        path,
        content: Buffer.from(text),
        executable: false,
      })),
    };
    return workspace;
  };
  afterEach(() => rm(workspace.dir, { recursive: true, force: true }));

  const rules = (expr: string) =>
    [
      'groups:',
      '  - name: ledger',
      '    rules:',
      '      - alert: LedgerDown',
      `        expr: ${expr}`,
      '        for: 1m',
      '        labels: { severity: critical }',
      '',
    ].join('\n');

  it('reports a rule promtool cannot parse, at its line', async () => {
    const findings = await validateWithPromtool(
      await write({
        'monitoring/alerts.rules.yml': rules('up{job="ledger" == 0'),
      }),
    );

    expect(findings).toEqual([
      expect.objectContaining({
        file: 'monitoring/alerts.rules.yml',
        line: 5,
        rule: 'promtool/check-rules',
        message: expect.stringContaining('could not parse expression'),
      }),
    ]);
  });

  it('runs the rule unit tests and reports the alert that did not fire', async () => {
    const findings = await validateWithPromtool(
      await write({
        'monitoring/alerts.rules.yml': rules('up{job="ledger"} == 0'),
        'monitoring/alerts.test.yml': [
          'rule_files: [alerts.rules.yml]',
          'evaluation_interval: 1m',
          'tests:',
          '  - interval: 1m',
          '    input_series:',
          '      - series: up{job="ledger"}',
          "        values: '1x10'",
          '    alert_rule_test:',
          '      - eval_time: 5m',
          '        alertname: LedgerDown',
          '        exp_alerts:',
          '          - exp_labels: { severity: critical, job: ledger }',
          '',
        ].join('\n'),
      }),
    );

    expect(findings).toEqual([
      expect.objectContaining({
        file: 'monitoring/alerts.test.yml',
        rule: 'promtool/test-rules',
        message: expect.stringContaining('alertname: LedgerDown'),
      }),
    ]);
  });

  it('says how to install promtool when it is missing, instead of passing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const findings = await validateWithPromtool(
        await write({ 'alerts.rules.yml': rules('up == 0') }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          rule: 'promtool/missing',
          message: expect.stringContaining('apt-get install prometheus'),
          severity: 'error',
        }),
      ]);
    } finally {
      process.env.PATH = path;
    }
  });
});
