import type { Entity } from '@backstage/catalog-model';
import { existsSync } from 'node:fs';
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Finding } from './Finding';
import {
  DryRunError,
  readTemplateDirectory,
  TemplateRenderer,
  type RenderedFile,
} from './render/TemplateRenderer';
import {
  readTestValues,
  TEST_VALUES_FILE,
  type Combination,
  type TestValues,
} from './testValues';
import { validateRendering } from './validateRendering';
import { validateTemplateEntity } from './validators/templateEntity';
import { yamllintConfigIn } from './validators/yamllint';

/**
 * The findings of one rendering of a template.
 *
 * @public
 */
export interface RenderingReport {
  /** The matrix combination, e.g. `runtime=node ciProvider=github`. */
  combination: string;
  /** The matrix keys and values of this rendering. */
  matrix: Combination['matrix'];
  /** Paths the dry-run produced. */
  files: string[];
  /** Milliseconds the rendering and its validation took. */
  durationMs: number;
  /** What the validators found in the rendered files; empty when clean. */
  findings: Finding[];
}

/**
 * One template directory's findings.
 *
 * @public
 */
export interface TemplateReport {
  /** The template directory's name. */
  name: string;
  /** The template directory's absolute path. */
  dir: string;
  /** Findings about the template itself: its entity, its test values. */
  findings: Finding[];
  /**
   * One report per combination; empty when the template could not be
   * rendered (see `findings`).
   */
  renderings: RenderingReport[];
}

/**
 * What {@link testTemplates} found.
 *
 * @public
 */
export interface TemplatesReport {
  /** The absolute directory that was searched for templates. */
  dir: string;
  /**
   * One report per template directory found; when none is found, a single
   * `(none)` entry carrying that error.
   */
  templates: TemplateReport[];
  /** Renderings run over all templates. */
  renderingCount: number;
  /** Findings of severity `error`; more than 0 fails the command. */
  errorCount: number;
  /** Findings of severity `warning`. */
  warningCount: number;
  /** Milliseconds the whole run took. */
  durationMs: number;
}

/**
 * Options of {@link testTemplates}.
 *
 * @public
 */
export interface TestTemplatesOptions {
  /** A directory of templates, one per subdirectory with a template.yaml. */
  dir: string;
  /** Only these template directory names. */
  only?: string[];
  /**
   * Renderings validated at the same time (default 2): validators spend
   * most of their time in other processes.
   */
  concurrency?: number;
  /** Told about each rendering as it finishes, for progress output. */
  onRendering?: (template: string, rendering: RenderingReport) => void;
}

/**
 * The template directories under a directory: those with a template.yaml.
 * A directory that is itself a template is the only one.
 *
 * @public
 */
export async function findTemplateDirs(dir: string): Promise<string[]> {
  if (existsSync(join(dir, 'template.yaml'))) {
    return [dir];
  }
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter(
      e => e.isDirectory() && existsSync(join(dir, e.name, 'template.yaml')),
    )
    .map(e => join(dir, e.name))
    .sort();
}

async function writeWorkspace(files: RenderedFile[]) {
  const dir = await mkdtemp(join(tmpdir(), 'templates-test-'));
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    if (file.executable) {
      await chmod(path, 0o755);
    }
  }
  return dir;
}

function dryRunFindings(error: DryRunError): Finding[] {
  if (error.problems.some(p => p.path)) {
    return error.problems.map(problem => ({
      file: TEST_VALUES_FILE,
      rule: 'dry-run/values',
      message: `The template's parameters refuse the values: ${problem.path} ${problem.message}`,
      severity: 'error',
    }));
  }
  return [
    {
      file: 'template.yaml',
      rule: 'dry-run/failed',
      message: error.message,
      severity: 'error',
    },
  ];
}

const count = (findings: Finding[], severity: Finding['severity']) =>
  findings.filter(f => f.severity === severity).length;

/**
 * Renders every template under `dir` through the scaffolder's real dry-run,
 * once per combination of its `test-values.yaml` matrix, and validates
 * what each rendering produced. One backend serves every rendering.
 *
 * @public
 */
export async function testTemplates(
  options: TestTemplatesOptions,
): Promise<TemplatesReport> {
  const started = Date.now();
  const dir = resolve(options.dir);
  const yamllintConfig = yamllintConfigIn(dir);
  const templateDirs = (await findTemplateDirs(dir)).filter(
    d => !options.only || options.only.includes(basename(d)),
  );

  const plans = await Promise.all(
    templateDirs.map(async templateDir => {
      const report: TemplateReport = {
        name: basename(templateDir),
        dir: templateDir,
        findings: await validateTemplateEntity(templateDir),
        renderings: [],
      };
      let testValues: TestValues | undefined;
      if (!existsSync(join(templateDir, TEST_VALUES_FILE))) {
        report.findings.push({
          file: TEST_VALUES_FILE,
          rule: 'test-values/missing',
          message: `No ${TEST_VALUES_FILE} beside template.yaml, so the template was not rendered. Add example values (values:, and matrix: for the variants) to test it.`,
          severity: 'error',
        });
      } else {
        try {
          testValues = readTestValues(templateDir);
        } catch (error: any) {
          report.findings.push({
            file: TEST_VALUES_FILE,
            rule: 'test-values/malformed',
            message: String(error?.message ?? error),
            severity: 'error',
          });
        }
      }
      // An invalid entity is refused by the dry-run anyway; say it once.
      const renderable = testValues && count(report.findings, 'error') === 0;
      return { report, testValues: renderable ? testValues : undefined };
    }),
  );

  const entities: Entity[] = plans.flatMap(p => p.testValues?.entities ?? []);
  const renderable = plans.filter(p => p.testValues);
  const renderer = renderable.length
    ? await TemplateRenderer.start({ entities })
    : undefined;
  try {
    const jobs: Array<() => Promise<void>> = [];
    for (const { report, testValues } of renderable) {
      const template = await readTemplateDirectory(report.dir);
      report.renderings = testValues!.combinations.map(c => ({
        combination: c.label,
        matrix: c.matrix,
        files: [],
        durationMs: 0,
        findings: [],
      }));
      jobs.push(
        ...testValues!.combinations.map((combination, index) => async () => {
          const rendering = report.renderings[index];
          const renderingStarted = Date.now();
          try {
            const { files } = await renderer!.renderEntity(
              template.template,
              template.directoryContents,
              combination.values,
              testValues!.secrets,
            );
            rendering.files = files.map(f => f.path);
            const workspaceDir = await writeWorkspace(files);
            try {
              rendering.findings = await validateRendering(
                { dir: workspaceDir, files, template: template.template },
                { yamllintConfig },
              );
            } finally {
              await rm(workspaceDir, { recursive: true, force: true });
            }
          } catch (error) {
            if (!(error instanceof DryRunError)) {
              throw error;
            }
            rendering.findings = dryRunFindings(error);
          }
          rendering.durationMs = Date.now() - renderingStarted;
          options.onRendering?.(report.name, rendering);
        }),
      );
    }
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        await jobs[next++]();
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker),
    );
  } finally {
    await renderer?.stop();
  }

  const templates = plans.map(p => p.report);
  const all = templates.flatMap(t => [
    ...t.findings,
    ...t.renderings.flatMap(r => r.findings),
  ]);
  if (templates.length === 0) {
    all.push({
      file: dir,
      rule: 'templates/none',
      message: `No template directories (subdirectories with a template.yaml) in ${dir}`,
      severity: 'error',
    });
    templates.push({
      name: '(none)',
      dir,
      findings: all.slice(-1),
      renderings: [],
    });
  }
  return {
    dir,
    templates,
    renderingCount: templates.reduce((n, t) => n + t.renderings.length, 0),
    errorCount: count(all, 'error'),
    warningCount: count(all, 'warning'),
    durationMs: Date.now() - started,
  };
}
