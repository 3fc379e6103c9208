import type { EnvironmentHealth } from '@backstage-devops/plugin-devops-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { toneColour } from '../shared/statusTone';
import { uptimeSummary } from './uptimeSummary';

const labels = { up: 'up', degraded: 'degraded', down: 'down' };

const useStyles = makeStyles(theme => ({
  // Status shows in height as well as colour: up is a low bar, degraded a
  // taller one, down the full height, so colour alone never carries it.
  bar: { display: 'flex', gap: 1, height: 24, alignItems: 'flex-end' },
  up: { flex: 1, height: '45%', backgroundColor: toneColour(theme, 'ok') },
  degraded: {
    flex: 1,
    height: '70%',
    backgroundColor: toneColour(theme, 'warning'),
  },
  down: {
    flex: 1,
    height: '100%',
    backgroundColor: toneColour(theme, 'error'),
  },
}));

/**
 * A status-page bar, one slot per history point, with the same in words
 * under it; each slot names its time, status and latency on hover.
 */
export const UptimeBar = (props: {
  history: EnvironmentHealth['history'];
  uptimePercent?: number;
  windowHours: number;
}) => {
  const classes = useStyles();
  const summary = uptimeSummary(
    props.history,
    props.uptimePercent,
    props.windowHours,
  );
  return (
    <figure style={{ margin: 0 }}>
      <div className={classes.bar} role="img" aria-label={summary}>
        {props.history.map(point => (
          <span
            key={point.at}
            className={classes[point.status]}
            title={`${DateTime.fromISO(point.at).toLocaleString(
              DateTime.DATETIME_SHORT,
            )}: ${labels[point.status]}${
              point.latencyMs !== undefined ? `, ${point.latencyMs} ms` : ''
            }`}
          />
        ))}
      </div>
      <Typography variant="caption" component="figcaption" aria-hidden>
        {summary}
      </Typography>
    </figure>
  );
};
