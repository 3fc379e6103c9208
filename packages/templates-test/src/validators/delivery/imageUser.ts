import { DockerfileParser } from 'dockerfile-ast';
import { posix } from 'node:path';
import type { RenderedWorkspace } from '../../Finding';
import { isDockerfile } from '../dockerfile';

/** The user the final stage of a Dockerfile runs as. */
export interface ImageUser {
  dockerfile: string;
  line?: number;
  /** The USER argument, or undefined when the image keeps root. */
  user?: string;
}

export const isNumericUser = (user: string) => /^\d+(:\d+)?$/.test(user);

/**
 * The image user of the Dockerfile that builds a kustomization's image:
 * the one in the nearest directory above it (the repository's Dockerfile
 * for `k8s/overlays/production`).
 */
export function imageUserFor(
  workspace: RenderedWorkspace,
  kustomization: string,
): ImageUser | undefined {
  const candidates = workspace.files
    .filter(
      f => posix.basename(f.path) === 'Dockerfile' && isDockerfile(f.path),
    )
    .filter(f => {
      const dir = posix.dirname(f.path);
      return dir === '.' || kustomization.startsWith(`${dir}/`);
    })
    .sort((a, b) => b.path.length - a.path.length);
  const file = candidates[0];
  if (!file) {
    return undefined;
  }
  const dockerfile = DockerfileParser.parse(file.content.toString('utf8'));
  const instructions = dockerfile.getInstructions();
  const froms = dockerfile.getFROMs();
  const finalStage = instructions.slice(
    instructions.indexOf(froms[froms.length - 1]),
  );
  const user = finalStage.filter(i => i.getKeyword() === 'USER').pop();
  return {
    dockerfile: file.path,
    line: user ? user.getRange().start.line + 1 : undefined,
    user: user?.getArgumentsContent() ?? undefined,
  };
}
