import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  ALERT_SEVERITIES,
  type AlertSeverity,
  type DevopsAlert,
} from '@backstage-devops/plugin-devops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { devopsApiRef } from '../../api';
import { CARD_PART_HEADING, cardTitleProps } from '../shared/headings';
import { DevopsErrorPanel } from '../shared/DevopsErrorPanel';
import { withDevopsBoundary } from '../shared/DevopsBoundary';
import { usePolling } from '../../hooks/usePolling';
import { relativeTime } from '../shared/relativeTime';
import { SeverityChip } from '../shared/SeverityChip';
import { DataLink } from '../shared/DataLink';

const useStyles = makeStyles(theme => ({
  alert: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
}));

const AlertRow = ({ alert }: { alert: DevopsAlert }) => {
  const classes = useStyles();
  const started = relativeTime(alert.startsAt);
  const about = alert.alertname ? `for ${alert.alertname}` : undefined;
  return (
    <Box className={classes.alert} component="li" aria-label={alert.alertname}>
      <Box display="flex" alignItems="center" gridGap={8}>
        <SeverityChip severity={alert.severity} />
        <Typography variant="subtitle2" component={CARD_PART_HEADING}>
          {alert.alertname}
        </Typography>
        {alert.status === 'resolved' && <Chip size="small" label="Resolved" />}
      </Box>
      {alert.summary && (
        <Typography variant="body2">{alert.summary}</Typography>
      )}
      <Typography variant="caption" title={started.exact}>
        Since {started.text}
        {alert.endsAt ? `, resolved ${relativeTime(alert.endsAt).text}` : ''}
      </Typography>
      <Box display="flex" gridGap={16}>
        {alert.runbookUrl && (
          <DataLink url={alert.runbookUrl} text="Runbook" context={about} />
        )}
        {alert.alertmanagerUrl && (
          <DataLink
            url={alert.alertmanagerUrl}
            text="Alertmanager"
            context={about}
          />
        )}
        {alert.generatorUrl && (
          <DataLink
            url={alert.generatorUrl}
            text="Prometheus"
            context={about}
          />
        )}
      </Box>
    </Box>
  );
};

/**
 * Firing alerts by severity, resolved ones on demand, and a warning when the
 * alert source has gone silent. Refreshes itself.
 */
const AlertsCardContent = (props: { refreshMs?: number }) => {
  const { entity } = useEntity();
  const api = useApi(devopsApiRef);
  const [showResolved, setShowResolved] = useState(false);
  const { value, error, loading } = usePolling(
    () =>
      api.getAlerts(getCompoundEntityRef(entity), {
        state: showResolved ? 'all' : 'firing',
      }),
    props.refreshMs ?? 30_000,
    [api, entity, showResolved],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <DevopsErrorPanel error={error} />;
  }
  const alerts = value?.alerts ?? [];
  const bySeverity = (severity: AlertSeverity) =>
    alerts.filter(a => a.severity === severity);
  const neverHeard = !value?.source.lastWebhookAt && !value?.source.lastSyncAt;

  return (
    <InfoCard
      titleTypographyProps={cardTitleProps}
      title="Alerts"
      subheader={ALERT_SEVERITIES.map(
        s => `${s}: ${value?.firing[s] ?? 0}`,
      ).join(' · ')}
    >
      {value?.source.stale && (
        <WarningPanel
          title="The alert source is stale"
          message={`Alertmanager was last synced ${
            relativeTime(value.source.lastSyncAt).text
          }; firing alerts may be missing.`}
        />
      )}
      <FormControlLabel
        control={
          <Switch
            checked={showResolved}
            onChange={e => setShowResolved(e.target.checked)}
          />
        }
        label="Show resolved"
      />
      {alerts.length === 0 && (
        <Typography variant="body2">
          {neverHeard
            ? 'No alerts received from Alertmanager yet. Point a webhook receiver at /api/devops/v1/alerts/alertmanager.'
            : 'Nothing is firing.'}
        </Typography>
      )}
      <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {ALERT_SEVERITIES.flatMap(bySeverity).map(alert => (
          <AlertRow key={alert.fingerprint} alert={alert} />
        ))}
      </Box>
    </InfoCard>
  );
};

/** The card in its own error boundary: a failure stays inside it. */
export const AlertsCard = withDevopsBoundary(
  'alerts',
  'Alerts',
  AlertsCardContent,
);
