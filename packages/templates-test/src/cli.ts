import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport } from './formatReport';
import { testTemplates } from './testTemplates';

const USAGE = `Usage: devops-templates-test [templates-dir] [--json] [--template <name>]...

Renders every template in templates-dir (default ./templates) through the
scaffolder's real dry-run with the example values in each template's
test-values.yaml (every combination of its matrix) and validates what it
produced: actionlint and shellcheck on GitHub workflows, a structural check
and shellcheck on GitLab pipelines, dockerfile-utils and our rules on
Dockerfiles, promtool on alert rules, kubernetes-models on manifests,
yamllint on YAML, the catalog's validators on catalog-info.yaml and the
template entity validator on each template.

  --json              print the report as JSON instead of text
  --template <name>   only this template directory (repeatable)
  --help              this text

Exits 1 when any finding is an error, 2 when it could not run.`;

/**
 * The `devops-templates-test` command. Returns the exit code: 0 when no
 * finding is an error, 1 when one is, 2 on bad usage.
 *
 * @param argv - The command's arguments, without `node` and the script path.
 * @public
 */
export async function runCli(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        template: { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error: any) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) {
    process.stderr.write(`One templates directory, please.\n\n${USAGE}\n`);
    return 2;
  }
  const dir = resolve(positionals[0] ?? 'templates');
  if (!existsSync(dir)) {
    process.stderr.write(`No such directory: ${dir}\n\n${USAGE}\n`);
    return 2;
  }
  const report = await testTemplates({
    dir,
    only: values.template,
    onRendering: values.json
      ? undefined
      : (template, rendering) =>
          process.stderr.write(
            `${
              rendering.findings.some(f => f.severity === 'error')
                ? 'FAIL'
                : 'ok  '
            } ${template} ${rendering.combination}\n`,
          ),
  });
  process.stdout.write(
    values.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `\n${formatReport(report)}\n`,
  );
  return report.errorCount > 0 ? 1 : 0;
}
