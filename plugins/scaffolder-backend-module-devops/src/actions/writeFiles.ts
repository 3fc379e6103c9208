import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { promises as fs } from 'fs';
import { dirname, posix } from 'path';

/**
 * Writes generated files under `targetPath` in the workspace and returns
 * their workspace-relative paths. Every path is checked before the first
 * write, so a path that would leave the workspace writes nothing at all.
 * Shell scripts are written executable.
 */
export async function writeFiles(
  workspacePath: string,
  targetPath: string,
  files: Record<string, string>,
): Promise<string[]> {
  const planned = Object.entries(files).map(([name, content]) => {
    const relative = posix.normalize(posix.join(targetPath, name));
    return {
      relative,
      absolute: resolveSafeChildPath(workspacePath, relative),
      content,
      // Scripts the pipelines call directly must be executable.
      mode: name.endsWith('.sh') ? 0o755 : 0o644,
    };
  });
  for (const file of planned) {
    await fs.mkdir(dirname(file.absolute), { recursive: true });
    await fs.writeFile(file.absolute, file.content, {
      encoding: 'utf8',
      mode: file.mode,
    });
  }
  return planned.map(file => file.relative);
}
