/**
 * Tests scaffolder templates: renders each one through the scaffolder's
 * real dry-run with its example values and validates what it produced with
 * real tools. The `devops-templates-test` command runs it on a directory.
 *
 * @packageDocumentation
 */

export { runCli } from './cli';
export type { Finding, RenderedWorkspace } from './Finding';
export { formatReport } from './formatReport';
export {
  DryRunError,
  renderTemplate,
  TemplateRenderer,
} from './render/TemplateRenderer';
export type {
  RenderedFile,
  Rendering,
  RenderTemplateOptions,
} from './render/TemplateRenderer';
export type { DryRunBackendOptions } from './render/DryRunBackend';
export { findTemplateDirs, testTemplates } from './testTemplates';
export type {
  RenderingReport,
  TemplateReport,
  TemplatesReport,
  TestTemplatesOptions,
} from './testTemplates';
export { readTestValues, TEST_VALUES_FILE } from './testValues';
export type { Combination, TestValues } from './testValues';
export { validateRendering } from './validateRendering';
