import { resolve } from 'node:path';
import { testTemplates } from './testTemplates';

jest.setTimeout(120_000);

const BROKEN = resolve(__dirname, '__fixtures__/broken-monitoring');

describe('alerting checks on a deliberately broken fixture', () => {
  it('names the rule without a firing case, the metric nobody exports or pushes, the missing runbook anchor, the routing amtool refuses, the PodMonitor that selects no pod and gives another job name, and the dashboard query that does not parse', async () => {
    const report = await testTemplates({ dir: BROKEN });

    // Only the alerting checks: other validators judge the fixture's
    // Deployment by their own rules.
    const findings = report.templates[0].renderings[0].findings.filter(f =>
      /^(alert-|runbook\/|amtool\/|prometheus-operator\/|grafana\/)/.test(
        f.rule,
      ),
    );
    expect(findings).toEqual([
      {
        file: 'monitoring/alertmanager.yml',
        rule: 'amtool/check-config',
        message:
          'amtool refuses the configuration: undefined receiver "ledger-pager" used in route',
        severity: 'error',
      },
      {
        file: 'monitoring/alerts.rules.yml',
        line: 5,
        rule: 'alert-metrics/job-not-scraped',
        message:
          'Alert LedgerDown selects job="ledger", but monitoring/podmonitor.yaml scrapes the service as job="<namespace>/ledger": the rules would watch series that never exist.',
        severity: 'error',
      },
      {
        file: 'monitoring/alerts.rules.yml',
        line: 12,
        rule: 'alert-metrics/not-exported',
        message:
          'Alert LedgerQueueBacklog uses ledger_queue_depth, which the running service does not export (scraped /metrics after npm start), no standard exporter (kube-state-metrics, cAdvisor, kubelet, blackbox exporter, Prometheus) provides and no .devops script pushes to a Pushgateway.',
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
      // LedgerMigrationFailed's metric is pushed by .devops/record-migration.sh;
      // backup.sh only writes its metric to a file.
      {
        file: 'monitoring/alerts.rules.yml',
        line: 40,
        rule: 'alert-metrics/not-exported',
        message:
          'Alert LedgerBackupFailed uses ledger_backup_failed, which the running service does not export (scraped /metrics after npm start), no standard exporter (kube-state-metrics, cAdvisor, kubelet, blackbox exporter, Prometheus) provides and no .devops script pushes to a Pushgateway.',
        severity: 'error',
      },
      {
        file: 'monitoring/grafana-dashboard.json',
        rule: 'grafana/datasource',
        message:
          'The panel "Errors" queries data source $prometheus, which the dashboard does not declare as a variable.',
        severity: 'error',
      },
      {
        file: 'monitoring/grafana-dashboard.json',
        rule: 'grafana/query',
        message:
          'The panel "Errors" query does not parse: could not parse expression: 1:62: parse error: unclosed left parenthesis',
        severity: 'error',
      },
      {
        file: 'monitoring/podmonitor.yaml',
        line: 8,
        rule: 'prometheus-operator/selects-no-pod',
        message:
          'PodMonitor ledger selects {"app.kubernetes.io/name":"ledger-api"}, which no pod template of the rendering carries: Prometheus would scrape nothing.',
        severity: 'error',
      },
    ]);
  });
});
