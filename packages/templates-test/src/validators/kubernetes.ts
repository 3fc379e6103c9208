import { posix } from 'node:path';
import type { Finding, RenderedWorkspace } from '../Finding';
import { isYamlFile, parseYamlSource, pointerToPath } from './yamlSource';

type ModelClass = new (data: unknown) => { validate(): void };

// API groups outside Kubernetes itself, with the package of their models.
const THIRD_PARTY_MODELS: Record<string, string> = {
  'argoproj.io': '@kubernetes-models/argo-rollouts',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

// kubernetes-models publishes one module per API group and version:
// `v1` for the core group, `apps/v1`, `networking.k8s.io/v1`, ...
function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion)) {
    return undefined;
  }
  const thirdParty = THIRD_PARTY_MODELS[apiVersion.split('/')[0]];
  try {
    const group = require(`${thirdParty ?? 'kubernetes-models'}/${apiVersion}`);
    return typeof group[kind] === 'function' ? group[kind] : undefined;
  } catch {
    return undefined;
  }
}

// Entities and templates have their own validators; these are not manifests.
const NOT_KUBERNETES = /(^|\.)backstage\.io\//;
const KUSTOMIZE = 'kustomize.config.k8s.io/';

/**
 * kubernetes-models' schema validation (and `@kubernetes-models/argo-rollouts`
 * and `prometheus-operator` for their resources) on every Kubernetes manifest in the
 * rendering (any YAML document with `apiVersion` and `kind`), at the line
 * of the offending field. Kustomizations are checked for what
 * kubernetes-models has no schema for: their resources and patches exist.
 */
export async function validateKubernetesManifests(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const paths = new Set(workspace.files.map(f => f.path));
  const exists = (path: string) =>
    paths.has(path) || [...paths].some(p => p.startsWith(`${path}/`));

  for (const file of workspace.files.filter(f => isYamlFile(f.path))) {
    const source = parseYamlSource(file.content.toString('utf8'));
    for (const document of source.documents) {
      if (document.errors.length > 0) {
        continue; // yamllint reports syntax errors.
      }
      const data = document.toJS();
      const apiVersion = data?.apiVersion;
      const kind = data?.kind;
      if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
        continue;
      }
      if (NOT_KUBERNETES.test(apiVersion)) {
        continue;
      }
      const at = (path: Array<string | number>) =>
        source.lineAt(document, path);
      if (apiVersion.startsWith(KUSTOMIZE)) {
        const directory = posix.dirname(file.path);
        const references: Array<{
          path: Array<string | number>;
          target: string;
        }> = [];
        (data.resources ?? []).forEach((r: unknown, i: number) =>
          references.push({ path: ['resources', i], target: String(r) }),
        );
        (data.patches ?? []).forEach((p: any, i: number) => {
          if (typeof p?.path === 'string') {
            references.push({ path: ['patches', i, 'path'], target: p.path });
          }
        });
        for (const reference of references) {
          if (/^[a-z]+:\/\//.test(reference.target)) {
            continue;
          }
          const target = posix.normalize(
            posix.join(directory, reference.target),
          );
          if (!exists(target)) {
            findings.push({
              file: file.path,
              line: at(reference.path),
              rule: 'kubernetes/kustomize-reference',
              message: `${kind} refers to \`${reference.target}\`, which the template does not produce`,
              severity: 'error',
            });
          }
        }
        continue;
      }
      const Model = modelFor(apiVersion, kind);
      if (!Model) {
        findings.push({
          file: file.path,
          line: at([]),
          rule: 'kubernetes/unknown-kind',
          message: `No Kubernetes schema for ${apiVersion} ${kind}; it was not validated`,
          severity: 'warning',
        });
        continue;
      }
      try {
        new Model(data).validate();
      } catch (error: any) {
        const errors: Array<{ instancePath: string; message: string }> =
          error?.errors ?? [
            { instancePath: '', message: String(error?.message ?? error) },
          ];
        for (const e of errors) {
          findings.push({
            file: file.path,
            line: at(pointerToPath(e.instancePath)),
            rule: 'kubernetes/schema',
            message: `${kind} ${e.instancePath || '(root)'} ${e.message}`,
            severity: 'error',
          });
        }
      }
    }
  }
  return findings;
}
