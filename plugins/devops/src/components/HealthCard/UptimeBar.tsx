import type { EnvironmentHealth } from '@backstage-devops/plugin-devops-common';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  bar: { display: 'flex', gap: 1, height: 24, alignItems: 'stretch' },
  up: { flex: 1, backgroundColor: theme.palette.success?.main ?? '#2e7d32' },
  degraded: {
    flex: 1,
    backgroundColor: theme.palette.warning?.main ?? '#ed6c02',
  },
  down: { flex: 1, backgroundColor: theme.palette.error.main },
}));

/** A status-page bar: one slot per history point, coloured by status. */
export const UptimeBar = (props: { history: EnvironmentHealth['history'] }) => {
  const classes = useStyles();
  return (
    <div className={classes.bar} role="img" aria-label="Uptime over the window">
      {props.history.map(point => (
        <span
          key={point.at}
          className={classes[point.status]}
          title={`${new Date(point.at).toLocaleString()}: ${point.status}${
            point.latencyMs !== undefined ? `, ${point.latencyMs} ms` : ''
          }`}
        />
      ))}
    </div>
  );
};
