/**
 * The Backstage DevOps frontend plugin: versions per environment,
 * deployments, health, alerts, migrations and DORA metrics on entity pages.
 *
 * @packageDocumentation
 */

export {
  devopsPlugin,
  DevopsOverviewPage,
  EntityAlertsCard,
  EntityDeploymentsCard,
  EntityDevopsContent,
  EntityEnvironmentsCard,
  EntityHealthCard,
  EntityMigrationsCard,
  EntityReadinessCard,
} from './plugin';
export { isDevopsAvailable } from './isDevopsAvailable';
export * from './api';
