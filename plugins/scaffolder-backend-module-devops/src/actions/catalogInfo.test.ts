import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { Validator } from 'jsonschema';
import { parse } from 'yaml';
import { readFile } from 'fs/promises';
import { join } from 'path';
import { createCatalogInfoAction } from './catalogInfo';

describe('devops:catalog-info:generate', () => {
  const workspace = createMockDirectory();

  beforeEach(() => workspace.clear());

  it('writes an entity annotated for the DevOps pages', async () => {
    const action = createCatalogInfoAction();
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        name: 'payments-api',
        owner: 'group:default/payments',
        environments: ['development', 'staging', 'production'],
        healthUrls: {
          staging: 'https://payments-api.staging.example.com/healthz',
        },
        type: 'service',
        lifecycle: 'experimental',
        targetPath: 'catalog-info.yaml',
      },
    });

    await action.handler(ctx as any);

    const written = parse(
      await readFile(join(workspace.path, 'catalog-info.yaml'), 'utf8'),
    );
    expect(written.metadata.annotations).toEqual({
      'devops/environments': 'development,staging,production',
      'devops/health-url.staging':
        'https://payments-api.staging.example.com/healthz',
    });
    expect(written.spec).toEqual({
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:default/payments',
    });
    expect(ctx.output).toHaveBeenCalledWith('files', ['catalog-info.yaml']);
  });

  it('refuses to write outside the workspace', async () => {
    const action = createCatalogInfoAction();
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        name: 'payments-api',
        owner: 'group:default/payments',
        environments: ['production'],
        healthUrls: {},
        type: 'service',
        lifecycle: 'experimental',
        targetPath: '../escape.yaml',
      },
    });

    await expect(action.handler(ctx as any)).rejects.toThrow(/outside/);
  });

  it('routes alerts with the alert selector and keeps further annotations such as TechDocs', async () => {
    const action = createCatalogInfoAction();
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        name: 'payments-api',
        owner: 'group:default/payments',
        system: 'system:default/payments',
        environments: ['staging', 'production'],
        healthUrls: {
          staging: 'https://payments-api.staging.example.com/healthz',
          production: 'https://payments-api.example.com/healthz',
        },
        alertSelector: 'service="payments-api"',
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
        type: 'service',
        lifecycle: 'experimental',
        targetPath: 'catalog-info.yaml',
      },
    });

    await action.handler(ctx as any);

    const written = parse(
      await readFile(join(workspace.path, 'catalog-info.yaml'), 'utf8'),
    );
    expect(written.metadata.annotations).toEqual({
      'backstage.io/techdocs-ref': 'dir:.',
      'devops/environments': 'staging,production',
      'devops/alert-selector': 'service="payments-api"',
      'devops/health-url.staging':
        'https://payments-api.staging.example.com/healthz',
      'devops/health-url.production':
        'https://payments-api.example.com/healthz',
    });
    expect(written.spec.system).toBe('system:default/payments');
  });

  it('the scaffolder refuses an alert selector that is not label matchers', () => {
    const errors = new Validator()
      .validate(
        {
          name: 'payments-api',
          owner: 'group:default/payments',
          alertSelector: 'service=payments-api',
        },
        createCatalogInfoAction().schema!.input as any,
      )
      .errors.map((e: any) => e.property);
    expect(errors).toEqual(['instance.alertSelector']);
  });

  it('fills in what the template leaves out, since the scaffolder does not apply schema defaults', async () => {
    const action = createCatalogInfoAction();
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { name: 'payments-api', owner: 'group:default/payments' },
    });

    await action.handler(ctx as any);

    expect(ctx.output).toHaveBeenCalledWith('files', ['catalog-info.yaml']);
    const written = parse(
      await readFile(join(workspace.path, 'catalog-info.yaml'), 'utf8'),
    );
    expect(written.spec).toEqual({
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:default/payments',
    });
    expect(written.metadata.annotations).toEqual({
      'devops/environments': 'development,staging,production',
    });
  });

  it.each([
    ['github', 'github.com/project-slug'],
    ['gitlab', 'gitlab.com/project-slug'],
  ])(
    'names a %s repository with the annotation its plugin reads',
    async (provider, annotation) => {
      const ctx = createMockActionContext({
        workspacePath: workspace.path,
        input: {
          name: 'payments-api',
          owner: 'group:default/payments',
          repository: { provider, slug: 'acme/payments-api' },
        },
      });
      await createCatalogInfoAction().handler(ctx as any);
      const written = parse(
        await readFile(join(workspace.path, 'catalog-info.yaml'), 'utf8'),
      );
      expect(written.metadata.annotations).toMatchObject({
        [annotation]: 'acme/payments-api',
      });
      expect(
        Object.keys(written.metadata.annotations).filter(k =>
          k.endsWith('/project-slug'),
        ),
      ).toEqual([annotation]);
    },
  );
});
