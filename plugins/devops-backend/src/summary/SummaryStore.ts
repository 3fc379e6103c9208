import type {
  DeploymentStatus,
  DeploymentStrategy,
  HealthStatus,
} from '@backstage-devops/plugin-devops-common';

/** The newest deployment of an environment, as a summary shows it. */
export interface SummaryHead {
  id: string;
  version: string;
  status: DeploymentStatus;
  actor?: string;
  strategy?: DeploymentStrategy;
  /** When it finished, else started, else was first reported. */
  at: string;
}

export interface EntitySummaryData {
  deployments: Map<string, { latest: SummaryHead; runningVersion?: string }>;
  openMigrations: Map<string, { pending: number; failed: number }>;
  health: Map<string, { status: HealthStatus; checkedAt: string }>;
}

/** Everything an entity summary needs from the database. */
export interface SummaryStore {
  /**
   * @param environments - the environments to look at; every environment
   *   with data when omitted
   */
  read(entityRef: string, environments?: string[]): Promise<EntitySummaryData>;
}
