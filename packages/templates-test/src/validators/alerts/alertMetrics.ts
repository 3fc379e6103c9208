import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, RenderedWorkspace } from '../../Finding';
import { readAlertFiles } from './alertRuleFiles';
import { promqlMetricNames } from './promqlMetrics';
import { pushedMetrics } from './pushedMetrics';
import { scrapeGoService } from './scrapeGoService';
import { scrapeJavaService } from './scrapeJavaService';
import { scrapeNodeService } from './scrapeNodeService';
import { standardExporterOf } from './standardExporters';

const exporterList =
  'kube-state-metrics, cAdvisor, kubelet, blackbox exporter, Prometheus';

// A service's own code, as opposed to generated delivery files (migrations,
// their runners, CI scripts), which name no metrics the service exports.
const SOURCE = /\.(js|cjs|mjs|ts|py|go|java|kt|rb|rs|cs)$/;
const NOT_SERVICE =
  /^(migrations|sql|\.devops|\.github|k8s|monitoring)\/|(^|\/)knexfile\.[cm]?js$/;
// Tests name the metrics they expect; that does not make the service
// export them.
const TEST =
  /(^|\/)(tests?|src\/test)\/|_test\.(go|py)$|(^|\/)test_[^/]*\.py$|\.(test|spec)\.[cm]?[jt]s$|Test\.java$/;
// Whole-line comments (Go, Java, JavaScript, Python) name a metric without
// exporting it.
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*|#)/;

/** A source file's text without its whole-line comments. */
const codeOf = (content: Buffer) =>
  content
    .toString('utf8')
    .split('\n')
    .filter(line => !COMMENT_LINE.test(line))
    .join('\n');

/**
 * Every metric an alert rule uses is real: a standard exporter publishes it
 * (see standardExporters.ts), a generated `.devops/` script pushes it to a
 * Pushgateway (pushedMetrics.ts), or the service exports it. A rendered
 * node service, a java one compiled with javac or a go one built with
 * go build is started and its `/metrics` scraped; a service this machine
 * cannot run (python without its packages, go or java without their
 * toolchain) must at least name the metric in its source, outside comments
 * and tests; a rendering without a service (a pull request to an existing
 * one) gets a warning listing what its service must export.
 */
export async function validateAlertMetrics(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const { rules } = readAlertFiles(workspace);
  if (rules.length === 0) {
    return [];
  }
  const runnable =
    existsSync(join(workspace.dir, 'package.json')) &&
    workspace.files.some(f => f.path === 'package.json');
  const sources = workspace.files
    .filter(
      f =>
        SOURCE.test(f.path) && !NOT_SERVICE.test(f.path) && !TEST.test(f.path),
    )
    .map(f => codeOf(f.content));
  const pushed = pushedMetrics(workspace);
  const isGo = workspace.files.some(f => f.path === 'go.mod');
  let serviceFile = 'pom.xml';
  if (runnable) {
    serviceFile = 'package.json';
  } else if (isGo) {
    serviceFile = 'go.mod';
  }
  let scraped: Set<string> | undefined;
  let scrapedHow = 'scraped /metrics after npm start';
  try {
    if (runnable) {
      scraped = await scrapeNodeService(workspace.dir);
    } else if (isGo) {
      scraped = await scrapeGoService(workspace);
      scrapedHow = 'scraped /metrics of the service built with go build';
    } else {
      scraped = await scrapeJavaService(workspace);
      scrapedHow = 'scraped /metrics of the service compiled with javac';
    }
  } catch (error) {
    return [
      {
        file: serviceFile,
        rule: 'alert-metrics/scrape-failed',
        message: `Could not start the service and scrape its /metrics: ${String(
          (error as Error)?.message ?? error,
        )}`,
        severity: 'error',
      },
    ];
  }
  const findings: Finding[] = [];
  const unverified = new Set<string>();
  for (const rule of rules) {
    for (const metric of promqlMetricNames(rule.expr)) {
      if (standardExporterOf(metric) || pushed.has(metric)) {
        continue;
      }
      if (scraped) {
        if (!scraped.has(metric)) {
          findings.push({
            file: rule.file,
            line: rule.line,
            rule: 'alert-metrics/not-exported',
            message: `Alert ${rule.alert} uses ${metric}, which the running service does not export (${scrapedHow}), no standard exporter (${exporterList}) provides and no .devops script pushes to a Pushgateway.`,
            severity: 'error',
          });
        }
        continue;
      }
      if (sources.length === 0) {
        unverified.add(metric);
        continue;
      }
      // Client libraries add the histogram series' suffixes and, like
      // Python's prometheus_client, a counter's _total.
      const base = metric.replace(/_(bucket|sum|count|total)$/, '');
      if (!sources.some(code => code.includes(base))) {
        findings.push({
          file: rule.file,
          line: rule.line,
          rule: 'alert-metrics/not-exported',
          message: `Alert ${rule.alert} uses ${metric}, which no source file of the service names outside comments and tests, no standard exporter (${exporterList}) provides and no .devops script pushes to a Pushgateway.`,
          severity: 'error',
        });
      }
    }
  }
  if (unverified.size > 0) {
    findings.push({
      file: rules[0].file,
      rule: 'alert-metrics/unverified',
      message: `The rendering has no service to scrape; the service must export ${[
        ...unverified,
      ].join(', ')} on /metrics for its alerts to work.`,
      severity: 'warning',
    });
  }
  return findings;
}
