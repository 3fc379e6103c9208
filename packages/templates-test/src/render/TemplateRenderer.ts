import type { JsonObject } from '@backstage/types';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { DryRunBackend, type DryRunBackendOptions } from './DryRunBackend';

/**
 * A file the dry-run produced, path relative to the workspace.
 *
 * @public
 */
export interface RenderedFile {
  /** Path relative to the generated repository, with `/` separators. */
  path: string;
  /** The file's bytes. */
  content: Buffer;
  /** Whether the template marked it executable (scripts). */
  executable: boolean;
}

/**
 * What one dry-run produced.
 *
 * @public
 */
export interface Rendering {
  /** Every file the template's steps wrote, sorted by path. */
  files: RenderedFile[];
  /** The scaffolder's log lines of the run, one per entry. */
  log: string[];
  /** The template's rendered `output` section. */
  output: JsonObject;
}

/**
 * Input of one rendering of a template directory.
 *
 * @public
 */
export interface RenderTemplateOptions {
  /** Directory holding `template.yaml` and the files it fetches. */
  templateDir: string;
  /** Parameter values, as a user would enter them in the form. */
  values: JsonObject;
  /** Secrets the template's steps read as `secrets.<name>`; none without it. */
  secrets?: Record<string, string>;
}

/**
 * The dry-run refused the template or one of its steps failed. `problems`
 * names each refused parameter (from the scaffolder's JSON schema check)
 * or holds the failure message.
 *
 * @public
 */
export class DryRunError extends Error {
  constructor(
    message: string,
    /**
     * What the scaffolder refused: a parameter's `path` (for example
     * `name`) with its message, or just the failure message of a step.
     */
    readonly problems: Array<{ path?: string; message: string }>,
    /** The scaffolder's log lines of the run, for telling why. */
    readonly log: string[],
  ) {
    super(message);
    this.name = 'DryRunError';
  }
}

// Example values for this tool; not part of what the template renders.
const TEST_VALUES_FILE = 'test-values.yaml';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(entry => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        return listFiles(path);
      }
      return Promise.resolve(entry.isFile() ? [path] : []);
    }),
  );
  return nested.flat();
}

/** Reads a template directory the way the dry-run endpoint takes it. */
export async function readTemplateDirectory(templateDir: string) {
  const paths = (await listFiles(templateDir))
    .map(p => relative(templateDir, p).split(sep).join('/'))
    .filter(p => p !== TEST_VALUES_FILE)
    .sort();
  const directoryContents = await Promise.all(
    paths.map(async path => ({
      path,
      base64Content: (
        await readFile(join(templateDir, path))
      ).toString('base64'),
    })),
  );
  const template = parse(
    await readFile(join(templateDir, 'template.yaml'), 'utf8'),
  );
  return { template, directoryContents };
}

function logLines(log: unknown): string[] {
  if (!Array.isArray(log)) {
    return [];
  }
  return log.map(entry => {
    const body = entry?.body ?? {};
    return body.stepId
      ? `[${body.stepId}] ${body.message}`
      : String(body.message);
  });
}

/**
 * Renders templates through the scaffolder's real dry-run
 * (`POST /api/scaffolder/v2/dry-run`) on one backend started for the
 * purpose; start it once and render as many times as needed.
 *
 * @public
 */
export class TemplateRenderer {
  private constructor(private readonly backend: DryRunBackend) {}

  /**
   * Starts an in-process Backstage backend with the scaffolder, its GitHub
   * and GitLab modules, the DevOps actions and an in-memory catalog on a
   * free local port; call `stop` when done.
   */
  static async start(options?: DryRunBackendOptions) {
    return new TemplateRenderer(await DryRunBackend.start(options));
  }

  /**
   * Renders a template directory with the given values. Rejects with a
   * {@link DryRunError} when the scaffolder refuses the values or a step
   * fails.
   */
  async render(options: RenderTemplateOptions): Promise<Rendering> {
    const { template, directoryContents } = await readTemplateDirectory(
      options.templateDir,
    );
    return this.renderEntity(
      template,
      directoryContents,
      options.values,
      options.secrets,
    );
  }

  /** Renders an already read template; the matrix reads each one once. */
  async renderEntity(
    template: unknown,
    directoryContents: Array<{ path: string; base64Content: string }>,
    values: JsonObject,
    secrets: Record<string, string> = {},
  ): Promise<Rendering> {
    const { status, body } = await this.backend.post('/v2/dry-run', {
      template,
      values,
      secrets,
      directoryContents,
    });
    if (status === 400 && Array.isArray(body?.errors)) {
      // The scaffolder's check of the values against the parameter schemas.
      const problems = body.errors.map((e: any) => ({
        path: String(e.property ?? '').replace(/^instance\.?/, '') || '(root)',
        message: String(e.message),
      }));
      throw new DryRunError(
        `The template refused the values: ${problems
          .map((p: any) => `${p.path} ${p.message}`)
          .join('; ')}`,
        problems,
        [],
      );
    }
    if (status !== 200) {
      const message = String(body?.error?.message ?? `HTTP ${status}`);
      throw new DryRunError(
        `The dry-run failed: ${message}`,
        [{ message }],
        logLines(body?.log),
      );
    }
    const files = (body.directoryContents as any[]).map(file => ({
      path: String(file.path),
      content: Buffer.from(String(file.base64Content), 'base64'),
      executable: Boolean(file.executable),
    }));
    files.sort((a, b) => a.path.localeCompare(b.path));
    return { files, log: logLines(body.log), output: body.output ?? {} };
  }

  /** Stops the backend; the renderer cannot be used afterwards. */
  async stop() {
    await this.backend.stop();
  }
}

/**
 * Renders one template directory with the given values through the
 * scaffolder's real dry-run and returns the files it produced. Starts and
 * stops a backend per call: use {@link TemplateRenderer} to render many.
 *
 * @example
 * ```ts
 * const { files } = await renderTemplate({
 *   templateDir: 'templates/new-service',
 *   values: { name: 'payments-api', runtime: 'node' },
 * });
 * ```
 *
 * @public
 */
export async function renderTemplate(
  options: RenderTemplateOptions & DryRunBackendOptions,
): Promise<Rendering> {
  const renderer = await TemplateRenderer.start(options);
  try {
    return await renderer.render(options);
  } finally {
    await renderer.stop();
  }
}
