import { resolve } from 'node:path';
import { testTemplates } from './testTemplates';

jest.setTimeout(120_000);

const BROKEN = resolve(__dirname, '__fixtures__/broken-go-metrics');

const notExported = (
  line: number,
  alert: string,
  metric: string,
  how: string,
) => ({
  file: 'monitoring/alerts.rules.yml',
  line,
  rule: 'alert-metrics/not-exported',
  message: `Alert ${alert} uses ${metric}, which ${how}, no standard exporter (kube-state-metrics, cAdvisor, kubelet, blackbox exporter, Prometheus) provides and no .devops script pushes to a Pushgateway.`,
  severity: 'error',
});

async function findings() {
  const report = await testTemplates({ dir: BROKEN });
  return report.templates[0].renderings[0].findings;
}

describe('the metric check of a Go service', () => {
  const savedGo = process.env.TEMPLATES_TEST_GO;
  afterEach(() => {
    if (savedGo === undefined) {
      delete process.env.TEMPLATES_TEST_GO;
    } else {
      process.env.TEMPLATES_TEST_GO = savedGo;
    }
  });

  it('scrapes the running service where Go runs, names what it does not serve and fails its failing test', async () => {
    const all = await findings();
    // Without Go 1.23 here (scripts/system-deps.sh installs it) the service
    // cannot run; the case below covers that.
    if (all.some(f => f.rule === 'source/go-missing')) {
      throw new Error('Go 1.23 is not installed; run scripts/system-deps.sh');
    }
    const scraped =
      'the running service does not export (scraped /metrics of the service built with go build)';
    expect(all.filter(f => f.rule.startsWith('alert-'))).toEqual([
      notExported(12, 'LedgerPoolWaiting', 'db_pool_waiting_requests', scraped),
      notExported(
        19,
        'LedgerConnectionErrors',
        'db_connection_errors_total',
        scraped,
      ),
    ]);
    expect(all).toContainEqual(
      expect.objectContaining({
        file: 'go.mod',
        rule: 'source/go-test',
        severity: 'error',
        message: expect.stringContaining(
          'db_connection_errors_total is missing',
        ),
      }),
    );
  });

  it('without Go, warns and accepts the pool series the source renders, naming the ones only a comment or a test mentions', async () => {
    process.env.TEMPLATES_TEST_GO = resolve(__dirname, 'no-such-go');
    const all = await findings();

    const bySource =
      'no source file of the service names outside comments and tests';
    expect(all.filter(f => f.rule.startsWith('alert-'))).toEqual([
      notExported(
        12,
        'LedgerPoolWaiting',
        'db_pool_waiting_requests',
        bySource,
      ),
      notExported(
        19,
        'LedgerConnectionErrors',
        'db_connection_errors_total',
        bySource,
      ),
    ]);
    expect(all).toContainEqual(
      expect.objectContaining({
        file: 'go.mod',
        rule: 'source/go-missing',
        severity: 'warning',
      }),
    );
  });
});
