import { posix } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Finding, RenderedWorkspace } from '../../Finding';
import { runTool, ToolMissingError } from '../runTool';

/** A Kubernetes object as kustomize built it. */
export interface BuiltObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: any;
}

/** What `kubectl kustomize` built from one kustomization. */
export interface KustomizeBuild {
  /** The kustomization file, relative to the workspace: where findings go. */
  file: string;
  /** `production` for `k8s/overlays/production`. */
  name: string;
  objects: BuiltObject[];
}

const isKustomization = (path: string) =>
  /(^|\/)kustomization\.ya?ml$/.test(path);

/**
 * The kustomizations nothing else builds on (the overlays, or a lone
 * base): what a pipeline applies, so what the semantic rules look at.
 */
function rootKustomizations(workspace: RenderedWorkspace): string[] {
  const all = workspace.files.filter(f => isKustomization(f.path));
  const referenced = new Set<string>();
  for (const file of all) {
    const dir = posix.dirname(file.path);
    for (const document of parseAllDocuments(file.content.toString('utf8'))) {
      const resources = (document.toJS() as any)?.resources;
      for (const resource of Array.isArray(resources) ? resources : []) {
        referenced.add(posix.normalize(posix.join(dir, String(resource))));
      }
    }
  }
  return all
    .map(f => f.path)
    .filter(path => !referenced.has(posix.dirname(path)))
    .sort();
}

/** kustomize refused to build a kustomization. */
export class KustomizeError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
  }
}

const builds = new WeakMap<RenderedWorkspace, Promise<KustomizeBuild[]>>();

/**
 * Builds every root kustomization with the real kustomize
 * (`kubectl kustomize <dir>`), once per workspace however many rules ask.
 * A build kustomize refuses is a finding of its own.
 */
export function kustomizeBuilds(
  workspace: RenderedWorkspace,
): Promise<KustomizeBuild[]> {
  let pending = builds.get(workspace);
  if (!pending) {
    pending = Promise.all(
      rootKustomizations(workspace).map(async file => {
        const dir = posix.dirname(file);
        const { code, stdout, stderr } = await runTool('kubectl', [
          'kustomize',
          posix.join(workspace.dir, dir),
        ]);
        if (code !== 0) {
          throw new KustomizeError(file, stderr.trim() || stdout.trim());
        }
        return {
          file,
          name: posix.basename(dir),
          objects: parseAllDocuments(stdout)
            .map(d => d.toJS() as BuiltObject)
            .filter(o => o && typeof o.kind === 'string'),
        };
      }),
    );
    builds.set(workspace, pending);
  }
  return pending;
}

/**
 * Runs a rule over every build, turning a refused build or a missing
 * kubectl into findings instead of a crash.
 */
export async function onEveryBuild(
  workspace: RenderedWorkspace,
  rule: (build: KustomizeBuild) => Finding[],
): Promise<Finding[]> {
  try {
    return (await kustomizeBuilds(workspace)).flatMap(rule);
  } catch (error) {
    if (error instanceof ToolMissingError) {
      return [error.finding('.')];
    }
    if (error instanceof KustomizeError) {
      return [
        {
          file: error.file,
          rule: 'kustomize/build',
          message: `kubectl kustomize cannot build it: ${error.message}`,
          severity: 'error',
        },
      ];
    }
    throw error;
  }
}
