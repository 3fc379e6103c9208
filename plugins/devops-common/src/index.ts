/**
 * Shared types, annotation names and permissions of the Backstage DevOps
 * plugins. Free of Node and React imports so both sides can use it.
 *
 * @packageDocumentation
 */

export * from './alerts';
export * from './api';
export * from './annotations';
export * from './deployments';
export * from './doraBands';
export * from './environments';
export type {
  components as DevopsApiComponents,
  operations as DevopsApiOperations,
  paths as DevopsApiPaths,
} from './generated/openapi';
export * from './health';
export * from './links';
export * from './metrics';
export * from './migrations';
export * from './overview';
export * from './permissions';
export * from './readiness';
