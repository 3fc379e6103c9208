import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { readFile } from 'fs/promises';
import { resolve } from 'path';
import { parse } from 'yaml';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createGithubEnvironmentAction } from '@backstage/plugin-scaffolder-backend-module-github';
import {
  createPublishGitlabAction,
  createPublishGitlabMergeRequestAction,
} from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { createAlertsAction } from '../actions/alerts';
import { createCatalogInfoAction } from '../actions/catalogInfo';
import { createDockerfileAction } from '../actions/dockerfile';
import { createEnvironmentAction } from '../actions/environment';
import { createMigrationsAction } from '../actions/migrations';
import { createPipelineAction } from '../actions/pipeline';

const templates = resolve(__dirname, '../../../../templates');

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

// Ours, and the GitHub and GitLab modules' actions whose inputs the
// templates write by hand: every input is checked against its schema.
const ours = new Map<string, TemplateAction<any, any, any>>(
  [
    createAlertsAction(),
    createCatalogInfoAction(),
    createDockerfileAction(),
    createEnvironmentAction(),
    createMigrationsAction(),
    createPipelineAction(),
    createGithubEnvironmentAction({
      integrations,
      catalog: catalogServiceMock(),
    }),
    createPublishGitlabAction({ integrations, config: new ConfigReader({}) }),
    createPublishGitlabMergeRequestAction({ integrations }),
  ].map(action => [action.id, action]),
);
/** Actions of the scaffolder and its GitHub module the templates use. */
const builtIn = [
  'fetch:template',
  'publish:github',
  'publish:github:pull-request',
  'catalog:register',
];

const load = async (name: string, file: string) =>
  parse(await readFile(resolve(templates, name, file), 'utf8'));

describe.each(['new-service', 'add-devops'])('the %s template', name => {
  it('is a valid scaffolder v1beta3 Template entity', async () => {
    const entity = await load(name, 'template.yaml');
    expect(await templateEntityV1beta3Validator.check(entity)).toBe(true);
    expect(entity.metadata.name).toBe(name);
  });

  it('only uses registered actions, with inputs their schemas know and all they require', async () => {
    const entity = await load(name, 'template.yaml');
    const steps: any[] = entity.spec.steps;
    expect(
      steps
        .map(s => s.action)
        .filter(id => !ours.has(id) && !builtIn.includes(id)),
    ).toEqual([]);
    for (const step of steps.filter(s => ours.has(s.action))) {
      const schema = ours.get(step.action)!.schema!.input as any;
      const known = Object.keys(schema.properties);
      expect({
        step: step.id,
        unknown: Object.keys(step.input).filter(k => !known.includes(k)),
        missing: (schema.required ?? []).filter(
          (k: string) => !(k in step.input),
        ),
      }).toEqual({ step: step.id, unknown: [], missing: [] });
    }
  });

  it('has test values for every required parameter and a matrix of its own choices', async () => {
    const entity = await load(name, 'template.yaml');
    const { values, matrix } = await load(name, 'test-values.yaml');
    const properties = Object.assign(
      {},
      ...entity.spec.parameters.map((p: any) => p.properties),
    );
    const required = entity.spec.parameters.flatMap(
      (p: any) => p.required ?? [],
    );
    for (const parameter of required) {
      expect({
        parameter,
        given: parameter in values || parameter in matrix,
      }).toEqual({ parameter, given: true });
    }
    for (const [parameter, choices] of Object.entries<any[]>(matrix)) {
      const property = properties[parameter];
      expect(property).toBeDefined();
      const allowed =
        property.enum ??
        (property.type === 'boolean' ? [true, false] : undefined);
      expect({ parameter, choices: allowed }).toEqual({
        parameter,
        choices: expect.arrayContaining(choices),
      });
    }
    expect(matrix.runtime).toEqual(['node', 'python', 'go', 'java']);
    expect(matrix.ciProvider).toEqual(['github', 'gitlab']);
  });
});
