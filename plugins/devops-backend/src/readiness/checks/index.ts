import type { ReadinessCheck } from '@backstage-devops/plugin-devops-node';
import { alertRoutingCheck } from './alertRouting';
import { changeFailureRateCheck, timeToRestoreCheck } from './doraThresholds';
import { ownershipCheck } from './ownership';
import {
  lastProductionDeploymentCheck,
  rollbackPathCheck,
} from './productionDeployments';
import { productionHealthCheck } from './productionHealth';
import { productionMigrationsCheck } from './productionMigrations';
import { stagingBeforeProductionCheck } from './stagingBeforeProduction';

/** The checks the plugin ships, in the order the API lists them. */
export const builtInReadinessChecks: ReadinessCheck[] = [
  productionHealthCheck,
  alertRoutingCheck,
  stagingBeforeProductionCheck,
  lastProductionDeploymentCheck,
  rollbackPathCheck,
  productionMigrationsCheck,
  changeFailureRateCheck,
  timeToRestoreCheck,
  ownershipCheck,
];
