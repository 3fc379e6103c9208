import type { DeploymentStatus } from '@backstage-devops/plugin-devops-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  succeeded: {
    backgroundColor: theme.palette.success?.main ?? '#2e7d32',
    color: theme.palette.common.white,
  },
  failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.common.white,
  },
  rolled_back: {
    backgroundColor: theme.palette.warning?.main ?? '#ed6c02',
    color: theme.palette.common.white,
  },
  running: {},
}));

const labels: Record<DeploymentStatus, string> = {
  queued: 'Queued',
  in_progress: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rolled_back: 'Rolled back',
  cancelled: 'Cancelled',
};

/** A deployment status as a coloured chip; failures and rollbacks stand out. */
export const DeploymentStatusChip = (props: { status: DeploymentStatus }) => {
  const classes = useStyles();
  const className =
    props.status === 'succeeded' ||
    props.status === 'failed' ||
    props.status === 'rolled_back'
      ? classes[props.status]
      : classes.running;
  return (
    <Chip size="small" label={labels[props.status]} className={className} />
  );
};
