/**
 * Scaffolder actions of Backstage DevOps: golden-path files for new services.
 *
 * @packageDocumentation
 */

export { scaffolderModuleDevops as default } from './module';
export { createAlertsAction } from './actions/alerts';
export { createCatalogInfoAction } from './actions/catalogInfo';
export { createDockerfileAction } from './actions/dockerfile';
export { createEnvironmentAction } from './actions/environment';
export { createMigrationsAction } from './actions/migrations';
export { createPipelineAction } from './actions/pipeline';
