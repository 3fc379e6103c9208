import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { promises as fs } from 'fs';
import { dirname, posix } from 'path';

/**
 * Writes generated files under `targetPath` in the workspace, refusing any
 * path that would leave it, and returns their workspace-relative paths.
 * Shell scripts are written executable.
 */
export async function writeFiles(
  workspacePath: string,
  targetPath: string,
  files: Record<string, string>,
): Promise<string[]> {
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const relative = posix.normalize(posix.join(targetPath, name));
    const absolute = resolveSafeChildPath(workspacePath, relative);
    await fs.mkdir(dirname(absolute), { recursive: true });
    // Scripts the pipelines call directly must be executable.
    await fs.writeFile(absolute, content, {
      encoding: 'utf8',
      mode: name.endsWith('.sh') ? 0o755 : 0o644,
    });
    written.push(relative);
  }
  return written;
}
