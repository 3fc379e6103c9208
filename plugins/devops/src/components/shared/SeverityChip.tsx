import type { AlertSeverity } from '@backstage-devops/plugin-devops-common';
import { StatusChip } from './StatusChip';
import type { StatusTone } from './statusTone';

const tones: Record<AlertSeverity, StatusTone> = {
  P0: 'error',
  P1: 'error',
  P2: 'warning',
  P3: 'neutral',
};

/** An alert severity (P0–P3), optionally with a count, as a chip. */
export const SeverityChip = (props: {
  severity: AlertSeverity;
  count?: number;
}) => (
  <StatusChip
    tone={tones[props.severity]}
    label={
      props.count === undefined
        ? props.severity
        : `${props.severity}: ${props.count}`
    }
  />
);
