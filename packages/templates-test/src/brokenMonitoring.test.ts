import { resolve } from 'node:path';
import { testTemplates } from './testTemplates';

jest.setTimeout(120_000);

const BROKEN = resolve(__dirname, '__fixtures__/broken-monitoring');

describe('alerting checks on a deliberately broken fixture', () => {
  it('names the rule without a firing case, the metric nobody exports and the missing runbook anchor, and nothing else', async () => {
    const report = await testTemplates({ dir: BROKEN });

    const findings = report.templates[0].renderings[0].findings.filter(
      f => f.severity === 'error',
    );
    expect(findings).toEqual([
      {
        file: 'monitoring/alerts.rules.yml',
        line: 12,
        rule: 'alert-metrics/not-exported',
        message:
          'Alert LedgerQueueBacklog uses ledger_queue_depth, which the running service does not export (scraped /metrics after npm start) and no standard exporter (kube-state-metrics, cAdvisor, kubelet, blackbox exporter, Prometheus) provides.',
        severity: 'error',
      },
      {
        file: 'monitoring/alerts.rules.yml',
        line: 19,
        rule: 'alert-tests/no-firing-case',
        message:
          'Alert LedgerErrorsRising has no promtool test case in which it fires (an alert_rule_test with exp_alerts, in a test file that loads monitoring/alerts.rules.yml).',
        severity: 'error',
      },
      {
        file: 'monitoring/alerts.rules.yml',
        line: 26,
        rule: 'runbook/missing-anchor',
        message:
          'The runbook_url of LedgerSlow points at #ledger-slow, which docs/index.md does not have: add a section headed so its anchor is ledger-slow.',
        severity: 'error',
      },
    ]);
    expect(report.errorCount).toBe(3);
  });
});
