import {
  InfoCard,
  Progress,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import type {
  EntityReadiness,
  EntityReadinessCheck,
  ReadinessCheckStatus,
} from '@backstage-devops/plugin-devops-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { devopsApiRef } from '../../api';
import { CARD_PART_HEADING, cardTitleProps } from '../shared/headings';
import { DevopsErrorPanel } from '../shared/DevopsErrorPanel';
import { withDevopsBoundary } from '../shared/DevopsBoundary';
import { relativeTime } from '../shared/relativeTime';
import { ReadinessScore } from './ReadinessScore';

const statusLabel: Record<ReadinessCheckStatus, JSX.Element> = {
  pass: <StatusOK>Pass</StatusOK>,
  fail: <StatusError>Fail</StatusError>,
  unknown: <StatusPending>Unknown</StatusPending>,
};

// Failing checks are what the owner has to act on, so they come first;
// undecided ones next; the order within each group is the configured one.
const statusOrder: Record<ReadinessCheckStatus, number> = {
  fail: 0,
  unknown: 1,
  pass: 2,
};

function byUrgency(checks: EntityReadinessCheck[]): EntityReadinessCheck[] {
  return checks
    .map((check, index) => ({ check, index }))
    .sort(
      (a, b) =>
        statusOrder[a.check.status] - statusOrder[b.check.status] ||
        a.index - b.index,
    )
    .map(({ check }) => check);
}

const useStyles = makeStyles({
  // The app theme keeps list text on one line; facts are sentences and URLs
  // that must wrap inside the card instead of being cut off.
  text: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

const CheckItem = ({ check }: { check: EntityReadinessCheck }) => {
  const classes = useStyles();
  return (
    <ListItem
      divider
      alignItems="flex-start"
      aria-label={`${check.title}: ${check.status}`}
    >
      <ListItemText
        className={classes.text}
        disableTypography
        primary={
          <Box display="flex" alignItems="baseline" gridGap={12}>
            <Box minWidth={90}>{statusLabel[check.status]}</Box>
            <Typography variant="subtitle2" component={CARD_PART_HEADING}>
              {check.title}
            </Typography>
          </Box>
        }
        secondary={
          <Box pl="102px">
            <Typography variant="body2">{check.fact}</Typography>
            <Typography variant="caption" color="textSecondary">
              {check.description}
            </Typography>
          </Box>
        }
      />
    </ListItem>
  );
};

const ReadinessBody = ({ readiness }: { readiness: EntityReadiness }) => {
  if (readiness.checks.length === 0) {
    return (
      <Typography variant="body2">
        No readiness checks are configured. Choose them under{' '}
        <code>devops.readiness.checks</code> in app-config.
      </Typography>
    );
  }
  const evaluated = relativeTime(readiness.evaluatedAt);
  return (
    <>
      <Box display="flex" alignItems="center" gridGap={24} mb={1}>
        <ReadinessScore score={readiness.score} />
        <Box>
          <Typography variant="body1">
            {readiness.passed} passed · {readiness.failed} failed ·{' '}
            {readiness.unknown} unknown
          </Typography>
          <Typography
            variant="caption"
            color="textSecondary"
            title={evaluated.exact}
          >
            evaluated {evaluated.text}
          </Typography>
        </Box>
      </Box>
      <List dense aria-label="Readiness checks">
        {byUrgency(readiness.checks).map(check => (
          <CheckItem key={check.id} check={check} />
        ))}
      </List>
    </>
  );
};

/**
 * The entity's production-readiness checks: each one's status and the fact
 * that decided it, failures first, with the score over the decided checks.
 */
const ReadinessCardContent = () => {
  const { entity } = useEntity();
  const api = useApi(devopsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getReadiness(getCompoundEntityRef(entity)),
    [api, entity],
  );

  let body: JSX.Element;
  if (loading) {
    body = <Progress />;
  } else if (error || !value) {
    body = <DevopsErrorPanel error={error ?? new Error('No readiness')} />;
  } else {
    body = <ReadinessBody readiness={value} />;
  }
  return (
    <InfoCard
      titleTypographyProps={cardTitleProps}
      title="Production readiness"
    >
      {body}
    </InfoCard>
  );
};

/** The card in its own error boundary: a failure stays inside it. */
export const ReadinessCard = withDevopsBoundary(
  'readiness',
  'Production readiness',
  ReadinessCardContent,
);
