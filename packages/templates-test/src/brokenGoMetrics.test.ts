import { resolve } from 'node:path';
import { testTemplates } from './testTemplates';

jest.setTimeout(120_000);

const BROKEN = resolve(__dirname, '__fixtures__/broken-go-metrics');

describe('the metric check of a Go service, which cannot run here', () => {
  it('accepts the pool series the source renders and names the ones only a comment or a test mentions', async () => {
    const report = await testTemplates({ dir: BROKEN });

    const findings = report.templates[0].renderings[0].findings.filter(f =>
      f.rule.startsWith('alert-'),
    );
    const notExported = (line: number, alert: string, metric: string) => ({
      file: 'monitoring/alerts.rules.yml',
      line,
      rule: 'alert-metrics/not-exported',
      message: `Alert ${alert} uses ${metric}, which no source file of the service names outside comments and tests, no standard exporter (kube-state-metrics, cAdvisor, kubelet, blackbox exporter, Prometheus) provides and no .devops script pushes to a Pushgateway.`,
      severity: 'error',
    });
    expect(findings).toEqual([
      notExported(12, 'LedgerPoolWaiting', 'db_pool_waiting_requests'),
      notExported(19, 'LedgerConnectionErrors', 'db_connection_errors_total'),
    ]);
  });
});
