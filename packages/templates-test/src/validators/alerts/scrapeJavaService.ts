import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderedWorkspace } from '../../Finding';
import { javaClasspath } from '../javaLibraries';
import { runTool, ToolMissingError } from '../runTool';
import { scrapeService } from './scrapeNodeService';

const SOURCES = /^src\/main\/java\/.+\.java$/;

/** The machine's PostgreSQL (scripts/system-deps.sh starts it). */
export const SCRAPE_DATABASE_URL =
  process.env.TEMPLATES_TEST_DATABASE_URL ??
  'postgresql://postgres@127.0.0.1:5432/postgres';

// Compiled classes by source digest: renderings that differ only in their
// delivery files share them.
const builds = new Map<string, Promise<string>>();

/**
 * A Maven service compiled with `javac` against the Debian jars of the
 * libraries its pom.xml declares, its `mainClass` started and scraped; with
 * the PostgreSQL driver it talks to the real PostgreSQL of
 * {@link SCRAPE_DATABASE_URL}, so its pool series come from a live pool.
 * Undefined when there is no such service or no JDK here.
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
  // Missing jars are reported by the source check; here they only stop the scrape.
  const classpath = javaClasspath(workspace);
  digest.update(classpath.join(':'));
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
          ...(classpath.length > 0 ? ['-cp', classpath.join(':')] : []),
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
  const usesPostgres = classpath.some(jar => jar.endsWith('/postgresql.jar'));
  return scrapeService(
    workspace.dir,
    'java',
    ['-cp', [classes, ...classpath].join(':'), mainClass],
    usesPostgres ? { databaseUrl: SCRAPE_DATABASE_URL } : {},
  );
}
