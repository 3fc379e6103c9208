import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { ReadinessCheckResult } from '@backstage-devops/plugin-devops-common';

/**
 * What a readiness check is given to decide on one entity.
 *
 * @public
 */
export interface ReadinessCheckContext {
  entity: Entity;
  /** The entity's environments in promotion order. */
  environments: string[];
}

/**
 * A production-readiness check contributed by a backend module.
 *
 * @public
 */
export interface ReadinessCheck {
  /** Stable identifier, used in config to enable or disable the check. */
  id: string;
  title: string;
  description: string;
  evaluate(context: ReadinessCheckContext): Promise<ReadinessCheckResult>;
}

/**
 * Lets backend modules add their own readiness checks to the DevOps plugin.
 *
 * @public
 */
export interface DevopsReadinessChecksExtensionPoint {
  addReadinessChecks(...checks: ReadinessCheck[]): void;
}

/**
 * @public
 */
export const devopsReadinessChecksExtensionPoint =
  createExtensionPoint<DevopsReadinessChecksExtensionPoint>({
    id: 'devops.readiness-checks',
  });
