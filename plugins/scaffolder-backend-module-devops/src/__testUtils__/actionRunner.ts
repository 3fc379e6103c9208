import { createMockDirectory } from '@backstage/backend-test-utils';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import { Validator } from 'jsonschema';

/**
 * Runs an action the way the scaffolder does, in a fresh mock workspace per
 * test: `run` calls the handler, `validate` applies the scaffolder's own
 * check of step input against the action's schema and returns the
 * properties it names.
 */
export function actionRunner(action: TemplateAction<any, any, any>) {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());
  return {
    workspace,
    async run(input: JsonObject) {
      const ctx = createMockActionContext({
        workspacePath: workspace.path,
        input,
      });
      await action.handler(ctx as any);
      return ctx;
    },
    validate(input: JsonObject): string[] {
      return new Validator()
        .validate(input, action.schema!.input as any)
        .errors.map(e => e.property.replace(/^instance\./, ''));
    },
  };
}
