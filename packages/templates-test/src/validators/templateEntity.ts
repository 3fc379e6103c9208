import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../Finding';
import { checkEntity } from './catalogInfo';
import { parseYamlSource } from './yamlSource';

/**
 * `templateEntityV1beta3Validator` and the catalog's entity policies on a
 * template directory's `template.yaml`: what the catalog would refuse to
 * ingest and the dry-run would refuse to run.
 */
export async function validateTemplateEntity(
  templateDir: string,
): Promise<Finding[]> {
  const file = 'template.yaml';
  let text: string;
  try {
    text = await readFile(join(templateDir, file), 'utf8');
  } catch {
    return [
      {
        file,
        rule: 'template/missing',
        message: 'The template directory has no template.yaml',
        severity: 'error',
      },
    ];
  }
  const source = parseYamlSource(text);
  const findings: Finding[] = [];
  const [document, ...extra] = source.documents;
  if (extra.length > 0) {
    findings.push({
      file,
      line: source.lineOf(extra[0].range[0]),
      rule: 'template/entity',
      message: 'template.yaml must hold exactly one Template entity',
      severity: 'error',
    });
  }
  for (const error of document?.errors ?? []) {
    findings.push({
      file,
      line: error.linePos?.[0].line,
      rule: 'template/yaml',
      message: error.message,
      severity: 'error',
    });
  }
  if (!document || findings.length > 0) {
    return findings;
  }
  const problems = await checkEntity(document.toJS(), source, document, [
    templateEntityV1beta3Validator,
  ]);
  return problems.map(problem => ({
    file,
    line: problem.line,
    rule: 'template/entity',
    message: problem.message,
    severity: 'error',
  }));
}
