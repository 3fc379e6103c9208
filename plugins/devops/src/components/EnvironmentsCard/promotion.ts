import type { EnvironmentSummary } from '@backstage-devops/plugin-devops-common';

export interface EnvironmentView extends EnvironmentSummary {
  /** A version running in the previous environment that this one lacks. */
  waitingVersion?: string;
  /** The newest deployment here failed or was rolled back. */
  rolledBack: boolean;
}

/**
 * Marks where a newer version waits to be promoted: the previous
 * environment runs a version this one does not, deployed there after this
 * one's last deployment.
 */
export function withPromotionState(
  environments: EnvironmentSummary[],
): EnvironmentView[] {
  return environments.map((env, index) => {
    const previous = index > 0 ? environments[index - 1] : undefined;
    const waiting =
      previous?.runningVersion &&
      previous.runningVersion !== env.runningVersion &&
      (!env.lastDeployedAt ||
        (previous.lastDeployedAt ?? '') > env.lastDeployedAt)
        ? previous.runningVersion
        : undefined;
    const status = env.latestDeployment?.status;
    return {
      ...env,
      waitingVersion: waiting,
      rolledBack: status === 'rolled_back' || status === 'failed',
    };
  });
}
