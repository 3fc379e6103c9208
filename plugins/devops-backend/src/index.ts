/**
 * The Backstage DevOps backend plugin.
 *
 * @packageDocumentation
 */

export { devopsPlugin as default } from './plugin';
