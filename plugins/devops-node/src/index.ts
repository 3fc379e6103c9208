/**
 * Extension points through which backend modules extend the Backstage DevOps
 * backend plugin.
 *
 * @packageDocumentation
 */

export * from './readinessChecks';
export * from './startupTasks';
