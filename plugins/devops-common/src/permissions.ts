import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading an entity's deployments, migrations, health, alerts and metrics.
 * A resource permission on the catalog entity, so a policy can decide per
 * entity (for example with the catalog's `isEntityOwner` rule).
 *
 * @public
 */
export const devopsEntityReadPermission = createPermission({
  name: 'devops.entity.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission the DevOps plugin declares.
 *
 * @public
 */
export const devopsPermissions = [devopsEntityReadPermission];
