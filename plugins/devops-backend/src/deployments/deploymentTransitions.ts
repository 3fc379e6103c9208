import type { DeploymentStatus } from '@backstage-devops/plugin-devops-common';

// Final statuses may still move forward when later facts arrive (a success
// that post-deploy checks fail, a failure that gets rolled back) but never
// back to a running state, so replayed or out-of-order events cannot undo
// what the ledger already knows.
const forwardMoves: Record<DeploymentStatus, readonly DeploymentStatus[]> = {
  queued: ['in_progress', 'succeeded', 'failed', 'rolled_back', 'cancelled'],
  in_progress: ['succeeded', 'failed', 'rolled_back', 'cancelled'],
  succeeded: ['failed', 'rolled_back'],
  failed: ['rolled_back'],
  rolled_back: [],
  cancelled: [],
};

/** Whether a deployment in status `from` may move to `to`. */
export function canMoveDeployment(
  from: DeploymentStatus,
  to: DeploymentStatus,
): boolean {
  return forwardMoves[from].includes(to);
}
