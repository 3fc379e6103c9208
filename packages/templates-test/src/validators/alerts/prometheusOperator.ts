import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Finding, RenderedWorkspace } from '../../Finding';
import { runTool, ToolMissingError } from '../runTool';
import { isYamlFile, parseYamlSource, pointerToPath } from '../yamlSource';

const GROUP = 'monitoring.coreos.com/';

type ModelClass = new (data: unknown) => { validate(): void };

function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  try {
    const group = require(`@kubernetes-models/prometheus-operator/${apiVersion}`);
    return typeof group[kind] === 'function' ? group[kind] : undefined;
  } catch {
    return undefined;
  }
}

/** Pod templates of the rendering's workloads: labels and port names. */
function podTemplates(workspace: RenderedWorkspace) {
  const pods: Array<{ labels: Record<string, string>; ports: string[] }> = [];
  for (const file of workspace.files.filter(f => isYamlFile(f.path))) {
    for (const document of parseYamlSource(file.content.toString('utf8'))
      .documents) {
      const data =
        document.errors.length === 0 ? (document.toJS() as any) : undefined;
      const template = data?.spec?.template;
      if (!template?.metadata?.labels || !template?.spec?.containers) {
        continue;
      }
      pods.push({
        labels: template.metadata.labels,
        ports: template.spec.containers.flatMap((c: any) =>
          (c.ports ?? []).map((p: any) => p.name).filter(Boolean),
        ),
      });
    }
  }
  return pods;
}

/**
 * The Prometheus operator's resources (monitoring.coreos.com) against the
 * operator's schemas (`@kubernetes-models/prometheus-operator`), and what a
 * cluster would silently ignore: a PodMonitor whose selector and port match
 * no pod template of the rendering, and PrometheusRule groups that
 * `promtool check rules` refuses.
 */
export async function validatePrometheusOperatorResources(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const pods = podTemplates(workspace);
  for (const file of workspace.files.filter(f => isYamlFile(f.path))) {
    const source = parseYamlSource(file.content.toString('utf8'));
    for (const document of source.documents) {
      if (document.errors.length > 0) {
        continue;
      }
      const data = document.toJS() as any;
      if (
        typeof data?.apiVersion !== 'string' ||
        !data.apiVersion.startsWith(GROUP)
      ) {
        continue;
      }
      const at = (path: Array<string | number>) => ({
        file: file.path,
        line: source.lineAt(document, path),
      });
      const Model = modelFor(data.apiVersion, data.kind);
      if (!Model) {
        findings.push({
          ...at(['kind']),
          rule: 'prometheus-operator/unknown-kind',
          message: `${data.apiVersion} ${data.kind} is not a kind of the Prometheus operator.`,
          severity: 'error',
        });
        continue;
      }
      try {
        new Model(data).validate();
      } catch (error: any) {
        for (const problem of error?.errors ?? [
          { instancePath: '', message: error.message },
        ]) {
          findings.push({
            ...at(pointerToPath(problem.instancePath ?? '')),
            rule: 'prometheus-operator/schema',
            message: `${data.kind} ${problem.instancePath || '/'} ${
              problem.message
            }`,
            severity: 'error',
          });
        }
        continue;
      }
      if (data.kind === 'PodMonitor') {
        const selector: Record<string, string> =
          data.spec.selector?.matchLabels ?? {};
        const portNames: string[] = (data.spec.podMetricsEndpoints ?? [])
          .map((e: any) => e.port)
          .filter(Boolean);
        const selected = pods.filter(p =>
          Object.entries(selector).every(([k, v]) => p.labels[k] === v),
        );
        if (selected.length === 0) {
          findings.push({
            ...at(['spec', 'selector']),
            rule: 'prometheus-operator/selects-no-pod',
            message: `PodMonitor ${
              data.metadata?.name
            } selects ${JSON.stringify(
              selector,
            )}, which no pod template of the rendering carries: Prometheus would scrape nothing.`,
            severity: 'error',
          });
        } else {
          for (const port of portNames) {
            if (!selected.some(p => p.ports.includes(port))) {
              findings.push({
                ...at(['spec', 'podMetricsEndpoints']),
                rule: 'prometheus-operator/no-such-port',
                message: `PodMonitor ${data.metadata?.name} scrapes port "${port}", which no container of the selected pods names.`,
                severity: 'error',
              });
            }
          }
        }
      }
      if (data.kind === 'PrometheusRule') {
        const dir = await mkdtemp(join(tmpdir(), 'prometheus-rule-'));
        try {
          const rulesFile = join(dir, 'rules.yml');
          await writeFile(rulesFile, stringify(data.spec));
          const { code, stdout, stderr } = await runTool('promtool', [
            'check',
            'rules',
            rulesFile,
          ]);
          if (code !== 0) {
            findings.push({
              ...at(['spec']),
              rule: 'prometheus-operator/rules',
              message: `promtool refuses the PrometheusRule's groups: ${`${stdout}\n${stderr}`
                .split(`${rulesFile}`)
                .join('spec')
                .trim()}`,
              severity: 'error',
            });
          }
        } catch (error) {
          if (error instanceof ToolMissingError) {
            findings.push(error.finding(file.path));
          } else {
            throw error;
          }
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
    }
  }
  return findings;
}
