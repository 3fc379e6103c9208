import { parse } from 'yaml';
import type { Finding, RenderedWorkspace } from '../../Finding';
import { onEveryBuild } from './kustomizeBuilds';
import { podTemplates } from './podTemplates';

const KUBERNETES_ID = 'backstage.io/kubernetes-id';

const isCatalogInfo = (path: string) => /(^|\/)catalog-info\.ya?ml$/.test(path);

/**
 * `catalog/kubernetes-id`: when `catalog-info.yaml` names
 * `backstage.io/kubernetes-id`, Backstage's Kubernetes plugin looks for
 * objects with that label, so every build's workloads and their pods must
 * carry it.
 */
export async function validateKubernetesId(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const ids = workspace.files
    .filter(f => isCatalogInfo(f.path))
    .flatMap(f => {
      try {
        const id = parse(f.content.toString('utf8'))?.metadata?.annotations?.[
          KUBERNETES_ID
        ];
        return typeof id === 'string' ? [{ file: f.path, id }] : [];
      } catch {
        return []; // The catalog validator reports it.
      }
    });
  if (ids.length === 0) {
    return [];
  }
  return onEveryBuild(workspace, build =>
    ids.flatMap(({ file, id }) => {
      const labelled = podTemplates(build.objects).some(
        ({ object, template }) =>
          object.metadata?.labels?.[KUBERNETES_ID] === id &&
          template.metadata?.labels?.[KUBERNETES_ID] === id,
      );
      return labelled
        ? []
        : [
            {
              file,
              rule: 'catalog/kubernetes-id',
              message: `${KUBERNETES_ID} is \`${id}\`, but no workload in the ${build.name} build carries the label ${KUBERNETES_ID}=${id} on itself and its pods: Backstage's Kubernetes plugin would show nothing`,
              severity: 'error' as const,
            },
          ];
    }),
  );
}
