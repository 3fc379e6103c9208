import type { Finding, RenderedWorkspace } from '../../Finding';
import { onEveryBuild, type BuiltObject } from './kustomizeBuilds';
import { podTemplates } from './podTemplates';

const selects = (
  selector: Record<string, string>,
  labels: Record<string, string> = {},
) => Object.entries(selector).every(([key, value]) => labels[key] === value);

const text = (selector: Record<string, string>) =>
  Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');

/** Every analysis a Rollout runs, wherever its strategy names it. */
function analysisTemplateNames(rollout: BuiltObject): string[] {
  const strategy = rollout.spec?.strategy ?? {};
  const analyses = [
    strategy.blueGreen?.prePromotionAnalysis,
    strategy.blueGreen?.postPromotionAnalysis,
    strategy.canary?.analysis,
    ...(strategy.canary?.steps ?? []).map((s: any) => s?.analysis),
  ].filter(Boolean);
  return analyses.flatMap((a: any) =>
    (a.templates ?? [])
      .filter((t: any) => !t.clusterScope)
      .map((t: any) => String(t.templateName)),
  );
}

/**
 * What a cluster would silently get wrong between the objects kustomize
 * builds, which no schema can see:
 * - `service/selector`: a Service whose selector matches no workload's
 *   pod template routes to nothing.
 * - `workload/selector`: a Deployment's or Rollout's selector must match
 *   its own pod template's labels.
 * - `rollout/service`: every Service a Rollout names (active, preview,
 *   stable, canary) exists.
 * - `rollout/analysis-template`: every AnalysisTemplate it runs exists.
 * - `hpa/target`: a HorizontalPodAutoscaler scales something that exists.
 */
export async function validateWorkloadReferences(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  return onEveryBuild(workspace, build => {
    const findings: Finding[] = [];
    const add = (rule: string, message: string) =>
      findings.push({
        file: build.file,
        rule,
        message: `${build.name}: ${message}`,
        severity: 'error',
      });
    const namespaceOf = (o: BuiltObject) => o.metadata?.namespace ?? '';
    const find = (kind: string, name: string, namespace: string) =>
      build.objects.find(
        o =>
          o.kind === kind &&
          o.metadata?.name === name &&
          namespaceOf(o) === namespace,
      );
    const templates = podTemplates(build.objects);

    for (const service of build.objects.filter(o => o.kind === 'Service')) {
      const selector: Record<string, string> = service.spec?.selector ?? {};
      if (Object.keys(selector).length === 0) {
        continue; // A Service without a selector has its endpoints set by hand.
      }
      const matched = templates.some(
        t =>
          namespaceOf(t.object) === namespaceOf(service) &&
          selects(selector, t.template.metadata?.labels),
      );
      if (!matched) {
        add(
          'service/selector',
          `Service \`${service.metadata.name}\` selects ${text(
            selector,
          )}, which no workload's pod template carries: it routes to no pod`,
        );
      }
    }

    for (const { object, label, template } of templates) {
      const matchLabels = object.spec?.selector?.matchLabels;
      if (matchLabels && !selects(matchLabels, template.metadata?.labels)) {
        add(
          'workload/selector',
          `${label} selects ${text(
            matchLabels,
          )}, which its own pod template's labels do not match`,
        );
      }
    }

    for (const rollout of build.objects.filter(o => o.kind === 'Rollout')) {
      const namespace = namespaceOf(rollout);
      const strategy = rollout.spec?.strategy ?? {};
      const services: Array<[string, unknown]> = [
        ['activeService', strategy.blueGreen?.activeService],
        ['previewService', strategy.blueGreen?.previewService],
        ['stableService', strategy.canary?.stableService],
        ['canaryService', strategy.canary?.canaryService],
      ];
      for (const [field, name] of services) {
        if (typeof name === 'string' && !find('Service', name, namespace)) {
          add(
            'rollout/service',
            `Rollout \`${rollout.metadata.name}\` names the ${field} \`${name}\`, which is not among the Services this build produces`,
          );
        }
      }
      for (const name of analysisTemplateNames(rollout)) {
        if (!find('AnalysisTemplate', name, namespace)) {
          add(
            'rollout/analysis-template',
            `Rollout \`${rollout.metadata.name}\` runs the AnalysisTemplate \`${name}\`, which this build does not produce`,
          );
        }
      }
    }

    for (const hpa of build.objects.filter(
      o => o.kind === 'HorizontalPodAutoscaler',
    )) {
      const target = hpa.spec?.scaleTargetRef ?? {};
      if (!find(String(target.kind), String(target.name), namespaceOf(hpa))) {
        add(
          'hpa/target',
          `HorizontalPodAutoscaler \`${hpa.metadata.name}\` scales ${target.kind} \`${target.name}\`, which this build does not produce`,
        );
      }
    }
    return findings;
  });
}
