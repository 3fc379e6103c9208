import type { Finding, RenderedWorkspace, WorkspaceValidator } from './Finding';
import { validateWithActionlint } from './validators/actionlint';
import { validateAlertMetrics } from './validators/alerts/alertMetrics';
import { validateAlertmanagerConfigs } from './validators/alerts/alertmanagerConfig';
import { validateAlertTestCoverage } from './validators/alerts/alertTestCoverage';
import { validateGrafanaDashboards } from './validators/alerts/grafanaDashboard';
import { validatePrometheusOperatorResources } from './validators/alerts/prometheusOperator';
import { validateRunbookAnchors } from './validators/alerts/runbookAnchors';
import { validateScrapedJobs } from './validators/alerts/scrapedJobs';
import { validateCatalogInfo } from './validators/catalogInfo';
import { validateKubernetesId } from './validators/delivery/kubernetesId';
import { validatePipelineDelivery } from './validators/delivery/pipelineRules';
import { validatePodSecurity } from './validators/delivery/podSecurity';
import { validateWorkloadReferences } from './validators/delivery/workloadReferences';
import { validateDockerfiles } from './validators/dockerfile';
import { validateGitlabPipelines } from './validators/gitlab';
import { validateKubernetesManifests } from './validators/kubernetes';
import { validateWithPromtool } from './validators/promtool';
import { validateWithShellcheck } from './validators/shellcheck';
import { validateSourceFiles } from './validators/sourceFiles';
import { validateWithYamllint } from './validators/yamllint';

/**
 * Runs every validator over one rendering. A validator that breaks is a
 * finding too, so one broken tool does not hide the others' answers.
 *
 * @param options - `yamllintConfig`: the yamllint configuration file to use
 *   instead of the built-in one.
 * @public
 */
export async function validateRendering(
  workspace: RenderedWorkspace,
  options: { yamllintConfig?: string } = {},
): Promise<Finding[]> {
  const validators: Array<[string, WorkspaceValidator]> = [
    ['actionlint', validateWithActionlint],
    ['shellcheck', validateWithShellcheck],
    ['gitlab-ci', validateGitlabPipelines],
    ['dockerfile', validateDockerfiles],
    ['promtool', validateWithPromtool],
    ['alert-tests', validateAlertTestCoverage],
    ['alert-metrics', validateAlertMetrics],
    ['runbook', validateRunbookAnchors],
    ['alertmanager', validateAlertmanagerConfigs],
    ['prometheus-operator', validatePrometheusOperatorResources],
    ['grafana', validateGrafanaDashboards],
    ['scraped-jobs', validateScrapedJobs],
    ['kubernetes', validateKubernetesManifests],
    ['pod-security', validatePodSecurity],
    ['workload-references', validateWorkloadReferences],
    ['pipeline-delivery', validatePipelineDelivery],
    ['kubernetes-id', validateKubernetesId],
    [
      'yamllint',
      w => validateWithYamllint(w, { configFile: options.yamllintConfig }),
    ],
    ['catalog-info', validateCatalogInfo],
    ['source-files', validateSourceFiles],
  ];
  const results = await Promise.all(
    validators.map(([name, validate]) =>
      validate(workspace).catch((error): Finding[] => [
        {
          file: '.',
          rule: `${name}/crashed`,
          message: `The ${name} validator failed: ${String(
            error?.message ?? error,
          )}`,
          severity: 'error',
        },
      ]),
    ),
  );
  return results
    .flat()
    .sort(
      (a, b) =>
        a.file.localeCompare(b.file) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0),
    );
}
