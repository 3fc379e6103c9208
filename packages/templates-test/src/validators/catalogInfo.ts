import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
  type KindValidator,
} from '@backstage/catalog-model';
import type { Document } from 'yaml';
import type { Finding, RenderedWorkspace } from '../Finding';
import { parseYamlSource, pointerToPath, type YamlSource } from './yamlSource';

const policies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const KIND_VALIDATORS: KindValidator[] = [
  componentEntityV1alpha1Validator,
  apiEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
];

/**
 * Checks one entity the way the catalog does when it ingests it: the
 * catalog's entity policies (name and annotation formats, no foreign root
 * fields, envelope schema) and then a kind validator that accepts it.
 * Returns messages with the line they point at.
 */
export async function checkEntity(
  entity: Entity,
  source: YamlSource,
  document: Document.Parsed,
  kindValidators: Array<Pick<KindValidator, 'check'>>,
): Promise<Array<{ line: number; message: string }>> {
  const located = (message: string) => {
    // Validator messages start with a JSON pointer or a quoted field.
    const pointer = /^(\/\S*)/.exec(message)?.[1];
    const field = /^"([\w.]+?)(?:\.[^".]*)?"/.exec(message)?.[1];
    let path: Array<string | number> = [];
    if (pointer) {
      path = pointerToPath(pointer);
    } else if (field) {
      path = ['metadata', field.split('.')[0]];
    }
    return { line: source.lineAt(document, path), message };
  };
  try {
    await policies.enforce(entity);
  } catch (error: any) {
    return [located(String(error?.message ?? error))];
  }
  for (const validator of kindValidators) {
    try {
      if (await validator.check(entity)) {
        return [];
      }
    } catch (error: any) {
      return [located(String(error?.message ?? error))];
    }
  }
  return [
    {
      line: source.lineAt(document, ['kind']),
      message: `No validator accepts ${entity.apiVersion} ${entity.kind}`,
    },
  ];
}

export const isCatalogInfo = (path: string) =>
  /(^|\/)catalog-info\.ya?ml$/.test(path);

/**
 * `@backstage/catalog-model`'s validators on every entity of every
 * catalog-info.yaml the rendering contains.
 */
export async function validateCatalogInfo(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of workspace.files.filter(f => isCatalogInfo(f.path))) {
    const source = parseYamlSource(file.content.toString('utf8'));
    for (const document of source.documents) {
      if (document.errors.length > 0) {
        continue; // yamllint reports syntax errors.
      }
      const entity = document.toJS();
      if (!entity) {
        continue;
      }
      const problems = await checkEntity(
        entity,
        source,
        document,
        KIND_VALIDATORS,
      );
      for (const problem of problems) {
        findings.push({
          file: file.path,
          line: problem.line,
          rule: 'catalog-info/entity',
          message: problem.message,
          severity: 'error',
        });
      }
    }
  }
  return findings;
}
