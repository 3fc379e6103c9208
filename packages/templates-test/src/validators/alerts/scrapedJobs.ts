import type { Finding, RenderedWorkspace } from '../../Finding';
import { isYamlFile, parseYamlSource } from '../yamlSource';
import { readAlertFiles } from './alertRuleFiles';

interface ScrapeSetup {
  file: string;
  /** The `job` labels the setup's targets get. */
  jobs: Set<string>;
}

function podTemplateLabels(workspace: RenderedWorkspace) {
  const labels: Array<Record<string, string>> = [];
  for (const file of workspace.files.filter(f => isYamlFile(f.path))) {
    for (const document of parseYamlSource(file.content.toString('utf8'))
      .documents) {
      const data =
        document.errors.length === 0 ? (document.toJS() as any) : undefined;
      const podLabels = data?.spec?.template?.metadata?.labels;
      if (podLabels && data?.spec?.template?.spec?.containers) {
        labels.push(podLabels);
      }
    }
  }
  return labels;
}

/**
 * How the rendering has Prometheus scrape the service: a plain
 * configuration's `scrape_configs` (job = `job_name`) and the operator's
 * PodMonitors (job = the value of the `jobLabel` pod label on the pods it
 * selects, `<namespace>/<name>` without one).
 */
function scrapeSetups(workspace: RenderedWorkspace): ScrapeSetup[] {
  const pods = podTemplateLabels(workspace);
  const setups: ScrapeSetup[] = [];
  for (const file of workspace.files.filter(f => isYamlFile(f.path))) {
    let documents: any[];
    try {
      documents = parseYamlSource(file.content.toString('utf8')).documents.map(
        d => (d.errors.length === 0 ? d.toJS() : undefined),
      );
    } catch {
      continue;
    }
    for (const data of documents) {
      if (Array.isArray(data?.scrape_configs)) {
        setups.push({
          file: file.path,
          jobs: new Set(data.scrape_configs.map((c: any) => c?.job_name)),
        });
      }
      if (data?.kind === 'PodMonitor' && data?.spec) {
        const selector: Record<string, string> =
          data.spec.selector?.matchLabels ?? {};
        const jobLabel: string | undefined = data.spec.jobLabel;
        const selected = pods.filter(p =>
          Object.entries(selector).every(([k, v]) => p[k] === v),
        );
        setups.push({
          file: file.path,
          jobs: new Set(
            jobLabel
              ? selected.map(p => p[jobLabel]).filter(Boolean)
              : [`<namespace>/${data.metadata?.name}`],
          ),
        });
      }
    }
  }
  return setups;
}

/**
 * A rule that selects `job="x"` fires only if Prometheus scrapes the
 * service under that job name. When the rendering says how the service is
 * scraped, every way it offers (operator or plain configuration) must give
 * the jobs the rules select; otherwise the rules watch series that never
 * exist and stay silent.
 */
export async function validateScrapedJobs(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const setups = scrapeSetups(workspace);
  if (setups.length === 0) {
    return [];
  }
  const { rules } = readAlertFiles(workspace);
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const rule of rules) {
    for (const [, job] of rule.expr.matchAll(/\bjob="([^"]+)"/g)) {
      for (const setup of setups) {
        const key = `${rule.file} ${job} ${setup.file}`;
        if (setup.jobs.has(job) || reported.has(key)) {
          continue;
        }
        reported.add(key);
        findings.push({
          file: rule.file,
          line: rule.line,
          rule: 'alert-metrics/job-not-scraped',
          message: `Alert ${rule.alert} selects job="${job}", but ${
            setup.file
          } scrapes the service as ${
            [...setup.jobs].map(j => `job="${j}"`).join(', ') || 'no job'
          }: the rules would watch series that never exist.`,
          severity: 'error',
        });
      }
    }
  }
  return findings;
}
