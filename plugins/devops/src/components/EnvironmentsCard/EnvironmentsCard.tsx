import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import useAsync from 'react-use/esm/useAsync';
import { devopsApiRef } from '../../api';
import { CARD_PART_HEADING, cardTitleProps } from '../shared/headings';
import { DevopsErrorPanel } from '../shared/DevopsErrorPanel';
import { withDevopsBoundary } from '../shared/DevopsBoundary';
import { DeploymentStatusChip } from '../shared/DeploymentStatusChip';
import { relativeTime } from '../shared/relativeTime';
import { useToneText } from '../shared/useToneText';
import { EnvironmentView, withPromotionState } from './promotion';
import { ReportingSnippet } from './ReportingSnippet';

const useStyles = makeStyles(theme => ({
  column: {
    height: '100%',
    padding: theme.spacing(2),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  version: { fontFamily: 'monospace', fontSize: '1.5rem' },
  notice: { marginTop: theme.spacing(1), fontWeight: 500 },
  nowrap: { whiteSpace: 'nowrap' },
}));

const EnvironmentColumn = ({ env }: { env: EnvironmentView }) => {
  const classes = useStyles();
  const tone = useToneText();
  const latest = env.latestDeployment;
  const when = relativeTime(latest?.at);
  return (
    <section
      className={classes.column}
      aria-label={`Environment ${env.environment}`}
    >
      <Typography variant="overline" component={CARD_PART_HEADING}>
        {env.environment}
      </Typography>
      <Typography className={classes.version}>
        {env.runningVersion ?? 'Nothing deployed'}
      </Typography>
      {latest && (
        <>
          <Box display="flex" alignItems="center" gridGap={8} mt={1}>
            <DeploymentStatusChip status={latest.status} />
            {latest.strategy && (
              <Typography variant="caption" className={classes.nowrap}>
                {latest.strategy}
              </Typography>
            )}
          </Box>
          <Typography variant="body2" title={when.exact}>
            {latest.version} deployed {when.text}
            {latest.actor ? ` by ${latest.actor}` : ''}
          </Typography>
        </>
      )}
      {env.rolledBack && latest && (
        <Typography
          variant="body2"
          className={`${classes.notice} ${tone.error}`}
        >
          <ErrorIcon className={tone.icon} aria-hidden />
          {latest.status === 'rolled_back'
            ? `${latest.version} was rolled back`
            : `${latest.version} failed to deploy`}
          {env.runningVersion ? `; ${env.runningVersion} is running` : ''}
        </Typography>
      )}
      {env.waitingVersion && (
        <Typography
          variant="body2"
          className={`${classes.notice} ${tone.warning}`}
        >
          <WarningIcon className={tone.icon} aria-hidden />
          {env.waitingVersion} waits to be promoted
        </Typography>
      )}
      {(env.migrations.pending > 0 || env.migrations.failed > 0) && (
        <Typography variant="body2">
          Migrations: {env.migrations.pending} pending, {env.migrations.failed}{' '}
          failed
        </Typography>
      )}
    </section>
  );
};

/**
 * Which version runs in each environment, in promotion order, with what
 * waits to be promoted and what was rolled back.
 */
const EnvironmentsCardContent = () => {
  const { entity } = useEntity();
  const api = useApi(devopsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSummary(getCompoundEntityRef(entity)),
    [api, entity],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <DevopsErrorPanel error={error} />;
  }
  const environments = withPromotionState(value?.environments ?? []);
  if (!environments.some(env => env.latestDeployment)) {
    return (
      <EmptyState
        missing="data"
        title="No deployments reported yet"
        description="Add the reporting step to your pipeline; the next deployment shows up here."
        action={
          <ReportingSnippet
            entity={entity}
            environments={environments.map(e => e.environment)}
          />
        }
      />
    );
  }
  return (
    <InfoCard titleTypographyProps={cardTitleProps} title="Environments">
      <Grid container spacing={2}>
        {environments.map(env => (
          <Grid item xs={12} md key={env.environment}>
            <EnvironmentColumn env={env} />
          </Grid>
        ))}
      </Grid>
    </InfoCard>
  );
};

/** The card in its own error boundary: a failure stays inside it. */
export const EnvironmentsCard = withDevopsBoundary(
  'environments',
  'Environments',
  EnvironmentsCardContent,
);
