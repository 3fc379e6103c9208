import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderedWorkspace } from '../../Finding';
import {
  goCommand,
  GoMissingError,
  GoModuleMissingError,
  parseGoMod,
  type GoCommand,
} from '../goToolchain';
import { SCRAPE_DATABASE_URL } from './scrapeJavaService';
import { scrapeService } from './scrapeNodeService';

/** The PostgreSQL drivers a Go service may require. */
const POSTGRES_DRIVERS = ['github.com/lib/pq'];

// Built services by source digest: renderings that differ only in their
// delivery files share one binary.
const builds = new Map<string, Promise<string>>();

/**
 * lib/pq asks for TLS unless the URL says otherwise; the machine's
 * PostgreSQL (a local cluster) usually serves none.
 */
function withoutTls(url: string): string {
  if (/[?&]sslmode=/.test(url)) {
    return url;
  }
  return `${url}${url.includes('?') ? '&' : '?'}sslmode=disable`;
}

/** `go build` of the module's one main package into `out`; its path. */
async function buildService(command: GoCommand, out: string): Promise<string> {
  if (!existsSync(join(out, '.built'))) {
    await rm(out, { recursive: true, force: true });
    await mkdir(join(out, 'bin'), { recursive: true });
    const { code, stderr } = await command.run([
      'build',
      '-o',
      `${join(out, 'bin')}/`,
      './...',
    ]);
    if (code !== 0) {
      throw new Error(`go build refused the service: ${stderr.trim()}`);
    }
    await writeFile(join(out, '.built'), '');
  }
  const binaries = await readdir(join(out, 'bin'));
  if (binaries.length !== 1) {
    throw new Error(
      `expected one main package to run, go build made ${
        binaries.length > 0 ? binaries.join(', ') : 'none'
      }`,
    );
  }
  return join(out, 'bin', binaries[0]);
}

/**
 * The Go module at the workspace's root built with `go build` (its one
 * main package, its requirements from their Debian sources), started and
 * scraped; with a PostgreSQL driver it talks to the real PostgreSQL of
 * {@link SCRAPE_DATABASE_URL}, so its pool series come from a live pool.
 * Undefined when there is no such module, or no Go (or no source of a
 * module it requires) here: the source check reports those and the metric
 * check falls back to reading the source.
 */
export async function scrapeGoService(
  workspace: RenderedWorkspace,
): Promise<Set<string> | undefined> {
  const goMod = workspace.files.find(f => f.path === 'go.mod');
  if (!goMod) {
    return undefined;
  }
  const goModText = goMod.content.toString('utf8');
  const digest = createHash('sha256');
  for (const file of workspace.files.filter(
    f => /\.go$/.test(f.path) || f.path === 'go.mod' || f.path === 'go.sum',
  )) {
    digest.update(file.path).update(file.content);
  }
  const key = digest.digest('hex');
  let command: GoCommand;
  try {
    // Asked on every call, so a binary built earlier is not run where Go
    // (or a module's source) is missing now.
    command = await goCommand(workspace.dir, goModText);
  } catch (error) {
    if (
      error instanceof GoMissingError ||
      error instanceof GoModuleMissingError
    ) {
      return undefined;
    }
    throw error;
  }
  let binary: string;
  try {
    let build = builds.get(key);
    if (!build) {
      build = buildService(command, join(tmpdir(), `templates-test-go-${key}`));
      builds.set(key, build);
    }
    binary = await build;
  } finally {
    await command.dispose();
  }
  const usesPostgres = parseGoMod(goModText).requires.some(r =>
    POSTGRES_DRIVERS.includes(r.path),
  );
  return scrapeService(
    workspace.dir,
    binary,
    [],
    usesPostgres ? { databaseUrl: withoutTls(SCRAPE_DATABASE_URL) } : {},
  );
}
