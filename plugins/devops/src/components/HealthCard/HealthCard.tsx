import {
  InfoCard,
  Progress,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import type {
  EnvironmentHealth,
  HealthStatus,
} from '@backstage-devops/plugin-devops-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { devopsApiRef } from '../../api';
import { CARD_PART_HEADING, cardTitleProps } from '../shared/headings';
import { DevopsErrorPanel } from '../shared/DevopsErrorPanel';
import { withDevopsBoundary } from '../shared/DevopsBoundary';
import { usePolling } from '../../hooks/usePolling';
import { relativeTime } from '../shared/relativeTime';
import { LatencyChart } from './LatencyChart';
import { UptimeBar } from './UptimeBar';

const statusIcon: Record<HealthStatus, JSX.Element> = {
  up: <StatusOK>Up</StatusOK>,
  degraded: <StatusWarning>Degraded</StatusWarning>,
  down: <StatusError>Down</StatusError>,
  unknown: <StatusPending>Not checked yet</StatusPending>,
};

const EnvironmentHealthRow = ({
  env,
  windowHours,
}: {
  env: EnvironmentHealth;
  windowHours: number;
}) => {
  const checked = relativeTime(env.last?.checkedAt);
  return (
    <Box mb={3} component="section" aria-label={`Health of ${env.environment}`}>
      <Box display="flex" alignItems="baseline" gridGap={16} flexWrap="wrap">
        <Typography variant="h6" component={CARD_PART_HEADING}>
          {env.environment}
        </Typography>
        {statusIcon[env.status]}
        {env.uptimePercent !== undefined && (
          <Typography variant="body2">{env.uptimePercent}% uptime</Typography>
        )}
        {env.latency.p50Ms !== undefined && (
          <Typography variant="body2">
            p50 {env.latency.p50Ms} ms · p95 {env.latency.p95Ms} ms
          </Typography>
        )}
        <Typography variant="caption" title={checked.exact}>
          checked {checked.text}
        </Typography>
      </Box>
      <UptimeBar
        history={env.history}
        uptimePercent={env.uptimePercent}
        windowHours={windowHours}
      />
      <LatencyChart
        history={env.history}
        p50Ms={env.latency.p50Ms}
        p95Ms={env.latency.p95Ms}
        windowHours={windowHours}
      />
      {env.lastFailure && (
        <Typography variant="body2" color="textSecondary">
          Last failure {relativeTime(env.lastFailure.checkedAt).text}:{' '}
          {env.lastFailure.errorClass?.replace(/_/g, ' ')}
          {env.lastFailure.error ? ` (${env.lastFailure.error})` : ''}
        </Typography>
      )}
    </Box>
  );
};

const hoursSince = (since: string) =>
  Math.max(1, Math.round((Date.now() - Date.parse(since)) / 3_600_000));

/** Live health per environment over the last day; refreshes itself. */
const HealthCardContent = (props: { refreshMs?: number }) => {
  const { entity } = useEntity();
  const api = useApi(devopsApiRef);
  const { value, error, loading } = usePolling(
    () => api.getHealth(getCompoundEntityRef(entity)),
    props.refreshMs ?? 30_000,
    [api, entity],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <DevopsErrorPanel error={error} />;
  }
  return (
    <InfoCard titleTypographyProps={cardTitleProps} title="Health">
      {value?.environments.length ? (
        value.environments.map(env => (
          <EnvironmentHealthRow
            key={env.environment}
            env={env}
            windowHours={hoursSince(value.since)}
          />
        ))
      ) : (
        <Typography variant="body2">
          No health checks. Declare a URL per environment with the annotation{' '}
          <code>devops/health-url.&lt;environment&gt;</code>.
        </Typography>
      )}
    </InfoCard>
  );
};

/** The card in its own error boundary: a failure stays inside it. */
export const HealthCard = withDevopsBoundary(
  'health',
  'Health',
  HealthCardContent,
);
