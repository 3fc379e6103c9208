import { relative } from 'node:path';
import type { Finding } from './Finding';
import type { TemplatesReport } from './testTemplates';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function location(prefix: string, finding: Finding) {
  const parts = [`${prefix}${finding.file}`];
  if (finding.line) {
    parts.push(String(finding.line));
    if (finding.column) {
      parts.push(String(finding.column));
    }
  }
  return parts.join(':');
}

function formatFinding(prefix: string, finding: Finding) {
  const [first, ...rest] = finding.message.split('\n');
  return [
    `    ${finding.severity === 'error' ? 'error  ' : 'warning'} ${location(
      prefix,
      finding,
    )}  ${first}  [${finding.rule}]`,
    ...rest.map(line => `             ${line}`),
  ].join('\n');
}

/**
 * The report as a person reads it: per template, its own findings, then a
 * line per rendering (matrix combination) with its findings at file:line.
 * Paths inside a rendering are relative to the generated repository;
 * template findings are relative to the template directory.
 *
 * @param options - `cwd`: template directories are shown relative to it.
 * @public
 */
export function formatReport(
  report: TemplatesReport,
  options: { cwd?: string } = {},
): string {
  const out: string[] = [];
  const cwd = options.cwd ?? process.cwd();
  for (const template of report.templates) {
    const dir = relative(cwd, template.dir) || '.';
    out.push(`${dir}`);
    for (const finding of template.findings) {
      out.push(formatFinding(`${dir}/`, finding));
    }
    for (const rendering of template.renderings) {
      const errors = rendering.findings.filter(
        f => f.severity === 'error',
      ).length;
      const warnings = rendering.findings.length - errors;
      const verdict =
        rendering.findings.length === 0
          ? 'ok'
          : [
              errors && plural(errors, 'error'),
              warnings && plural(warnings, 'warning'),
            ]
              .filter(Boolean)
              .join(', ');
      out.push(
        `  ${errors ? 'FAIL' : 'ok  '} ${rendering.combination} (${plural(
          rendering.files.length,
          'file',
        )}, ${(rendering.durationMs / 1000).toFixed(1)} s)${
          rendering.findings.length ? `: ${verdict}` : ''
        }`,
      );
      for (const finding of rendering.findings) {
        const prefix = finding.rule.startsWith('dry-run/') ? `${dir}/` : '';
        out.push(formatFinding(prefix, finding));
      }
    }
    out.push('');
  }
  out.push(
    `${plural(report.renderingCount, 'rendering')} of ${plural(
      report.templates.length,
      'template',
    )} in ${(report.durationMs / 1000).toFixed(1)} s: ${plural(
      report.errorCount,
      'error',
    )}, ${plural(report.warningCount, 'warning')}`,
  );
  return out.join('\n');
}
