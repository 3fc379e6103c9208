import type { HealthStatus } from '@backstage-devops/plugin-devops-common';
import { StatusChip } from './StatusChip';
import type { StatusTone } from './statusTone';

export const healthLabels: Record<HealthStatus, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Not checked',
};

const tones: Record<HealthStatus, StatusTone> = {
  up: 'ok',
  degraded: 'warning',
  down: 'error',
  unknown: 'neutral',
};

/** An environment's health as a chip. */
export const HealthChip = (props: { status: HealthStatus }) => (
  <StatusChip tone={tones[props.status]} label={healthLabels[props.status]} />
);
