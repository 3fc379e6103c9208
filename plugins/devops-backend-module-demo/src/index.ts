/**
 * Demo data for the Backstage DevOps backend plugin: deployments,
 * migrations, health history and alerts for the catalog's components. For
 * local development and demos only.
 *
 * @packageDocumentation
 */

export { devopsModuleDemo as default } from './module';
