import type { HealthStatus } from '@backstage-devops/plugin-devops-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  up: {
    backgroundColor: theme.palette.success?.main ?? '#2e7d32',
    color: theme.palette.common.white,
  },
  degraded: {
    backgroundColor: theme.palette.warning?.main ?? '#ed6c02',
    color: theme.palette.common.white,
  },
  down: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.common.white,
  },
  unknown: {},
}));

export const healthLabels: Record<HealthStatus, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Not checked',
};

/** An environment's health as a coloured chip. */
export const HealthChip = (props: { status: HealthStatus }) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={healthLabels[props.status]}
      className={classes[props.status]}
    />
  );
};
