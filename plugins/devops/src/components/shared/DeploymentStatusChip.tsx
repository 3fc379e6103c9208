import type { DeploymentStatus } from '@backstage-devops/plugin-devops-common';
import { StatusChip } from './StatusChip';
import type { StatusTone } from './statusTone';

export const deploymentStatusLabels: Record<DeploymentStatus, string> = {
  queued: 'Queued',
  in_progress: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rolled_back: 'Rolled back',
  cancelled: 'Cancelled',
};

const tones: Record<DeploymentStatus, StatusTone> = {
  queued: 'neutral',
  in_progress: 'neutral',
  succeeded: 'ok',
  failed: 'error',
  rolled_back: 'warning',
  cancelled: 'neutral',
};

/** A deployment status as a chip; failures and rollbacks stand out. */
export const DeploymentStatusChip = (props: { status: DeploymentStatus }) => (
  <StatusChip
    tone={tones[props.status]}
    label={deploymentStatusLabels[props.status]}
  />
);
