import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  doraBands,
  type DoraBand,
} from '@backstage-devops/plugin-devops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Duration } from 'luxon';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { devopsApiRef } from '../../api';
import { CARD_PART_HEADING, cardTitleProps } from '../shared/headings';
import { DevopsErrorPanel } from '../shared/DevopsErrorPanel';
import { withDevopsBoundary } from '../shared/DevopsBoundary';
import { LabelledSelect } from '../shared/LabelledSelect';

function humanDuration(seconds: number | undefined): string {
  if (seconds === undefined) {
    return 'No data';
  }
  const d = Duration.fromObject({ seconds: Math.round(seconds) });
  if (seconds >= 86_400) {
    return `${d.as('days').toFixed(1)} days`;
  }
  if (seconds >= 3600) {
    return `${d.as('hours').toFixed(1)} hours`;
  }
  return `${Math.round(d.as('minutes'))} minutes`;
}

function restoreBasis(
  ttr: { count: number; unrestored: number },
  days: number,
): string {
  const open = ttr.unrestored ? `; ${ttr.unrestored} still open` : '';
  if (ttr.count === 0) {
    return `no failure restored in ${days} days${open}`;
  }
  return `median of ${ttr.count} ${
    ttr.count === 1 ? 'incident' : 'incidents'
  }${open}`;
}

const Metric = (props: {
  title: string;
  value: string;
  band?: DoraBand;
  basis: string;
}) => (
  <Box component="section" aria-label={props.title}>
    <Typography variant="overline" component={CARD_PART_HEADING}>
      {props.title}
    </Typography>
    <Typography variant="h5" component="p">
      {props.value}
    </Typography>
    {props.band && <Chip size="small" label={props.band} />}
    <Typography variant="caption" display="block">
      {props.basis}
    </Typography>
  </Box>
);

/** The four DORA metrics for one environment and window, with their bands. */
const DoraCardContent = (props: { environments: string[] }) => {
  const { entity } = useEntity();
  const api = useApi(devopsApiRef);
  const [environment, setEnvironment] = useState(
    props.environments[props.environments.length - 1] ?? 'production',
  );
  const [days, setDays] = useState(30);
  const { value, loading, error } = useAsync(
    () => api.getDora(getCompoundEntityRef(entity), { environment, days }),
    [api, entity, environment, days],
  );

  const controls = (
    <Box
      display="flex"
      gridGap={16}
      mb={2}
      role="group"
      aria-label="DORA window"
    >
      <LabelledSelect
        id="dora-environment"
        label="Environment"
        value={environment}
        options={props.environments.map(env => ({ value: env, label: env }))}
        onChange={setEnvironment}
      />
      <LabelledSelect
        id="dora-days"
        label="Window"
        value={days}
        minWidth={120}
        options={[7, 30, 90].map(d => ({ value: d, label: `${d} days` }))}
        onChange={setDays}
      />
    </Box>
  );

  let body: JSX.Element;
  if (loading) {
    body = <Progress />;
  } else if (error || !value) {
    body = <DevopsErrorPanel error={error ?? new Error('No metrics')} />;
  } else {
    const bands = doraBands(value);
    const cfr = value.changeFailureRate;
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12} sm={6}>
          <Metric
            title="Deployment frequency"
            value={`${value.deploymentFrequency.perWeek.toFixed(1)} / week`}
            band={bands.deploymentFrequency}
            basis={`${value.deploymentFrequency.deployments} successful deployments in ${value.days} days`}
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <Metric
            title="Lead time for changes"
            value={humanDuration(value.leadTime.medianSeconds)}
            band={bands.leadTime}
            basis={`median of ${value.leadTime.count}; p90 ${humanDuration(
              value.leadTime.p90Seconds,
            )}`}
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <Metric
            title="Change failure rate"
            value={
              cfr.rate === undefined
                ? 'No data'
                : `${(cfr.rate * 100).toFixed(1)}%`
            }
            band={bands.changeFailureRate}
            basis={`${cfr.failed} failed or rolled back of ${cfr.total}`}
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <Metric
            title="Time to restore"
            value={
              value.timeToRestore.count === 0 && !value.timeToRestore.unrestored
                ? 'No incidents'
                : humanDuration(value.timeToRestore.medianSeconds)
            }
            band={bands.timeToRestore}
            basis={restoreBasis(value.timeToRestore, value.days)}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <InfoCard titleTypographyProps={cardTitleProps} title="DORA metrics">
      {controls}
      {body}
    </InfoCard>
  );
};

/** The card in its own error boundary: a failure stays inside it. */
export const DoraCard = withDevopsBoundary(
  'dora',
  'DORA metrics',
  DoraCardContent,
);
