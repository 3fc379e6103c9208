import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderedWorkspace } from '../../Finding';
import { runTool, ToolMissingError } from '../runTool';
import { scrapeService } from './scrapeNodeService';

const SOURCES = /^src\/main\/java\/.+\.java$/;

// Compiled classes by source digest: renderings that differ only in their
// delivery files share them.
const builds = new Map<string, Promise<string>>();

/**
 * A Maven service whose main code needs only the JDK: compiled with
 * `javac`, its `mainClass` (from pom.xml) started and scraped. Undefined
 * when there is no such service or no JDK here, or it needs libraries.
 */
export async function scrapeJavaService(
  workspace: RenderedWorkspace,
): Promise<Set<string> | undefined> {
  const pom = workspace.files.find(f => f.path === 'pom.xml');
  const sources = workspace.files.filter(f => SOURCES.test(f.path));
  const mainClass = /<mainClass>([\w.]+)<\/mainClass>/.exec(
    pom?.content.toString('utf8') ?? '',
  )?.[1];
  if (!mainClass || sources.length === 0) {
    return undefined;
  }
  const digest = createHash('sha256');
  for (const file of sources) {
    digest.update(file.path).update(file.content);
  }
  const key = digest.digest('hex');
  let build = builds.get(key);
  if (!build) {
    build = (async () => {
      const classes = join(tmpdir(), `templates-test-classes-${key}`);
      if (!existsSync(join(classes, '.compiled'))) {
        await mkdir(classes, { recursive: true });
        const { code, stderr } = await runTool('javac', [
          '-d',
          classes,
          ...sources.map(f => join(workspace.dir, f.path)),
        ]);
        if (code !== 0) {
          throw new Error(`javac refused the service: ${stderr.trim()}`);
        }
        await runTool('touch', [join(classes, '.compiled')]);
      }
      return classes;
    })();
    builds.set(key, build);
  }
  let classes: string;
  try {
    classes = await build;
  } catch (error) {
    // Without a JDK here the service is checked by its source instead.
    if (error instanceof ToolMissingError) {
      return undefined;
    }
    throw error;
  }
  return scrapeService(workspace.dir, 'java', ['-cp', classes, mainClass]);
}
