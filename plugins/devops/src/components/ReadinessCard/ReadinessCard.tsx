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
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
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

const CheckItem = ({
  check,
  compact,
}: {
  check: EntityReadinessCheck;
  compact?: boolean;
}) => {
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
            {!compact && (
              <Typography variant="caption" color="textSecondary">
                {check.description}
              </Typography>
            )}
          </Box>
        }
      />
    </ListItem>
  );
};

const ReadinessBody = ({
  readiness,
  compact,
}: {
  readiness: EntityReadiness;
  compact?: boolean;
}) => {
  const [showAll, setShowAll] = useState(false);
  if (readiness.checks.length === 0) {
    return (
      <Typography variant="body2">
        No readiness checks are configured. Choose them under{' '}
        <code>devops.readiness.checks</code> in app-config.
      </Typography>
    );
  }
  const evaluated = relativeTime(readiness.evaluatedAt);
  const ordered = byUrgency(readiness.checks);
  const total = ordered.length;
  // Compact (beside other cards): what needs doing, the passing checks on
  // demand.
  const needsWork = ordered.filter(check => check.status !== 'pass');
  const hidden = compact ? total - needsWork.length : 0;
  const shown = compact && !showAll ? needsWork : ordered;
  const listId = `devops-readiness-checks-${compact ? 'compact' : 'full'}`;
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
      {shown.length === 0 && (
        <Typography variant="body2">Every check passes.</Typography>
      )}
      <List dense aria-label="Readiness checks" id={listId}>
        {shown.map(check => (
          <CheckItem key={check.id} check={check} compact={compact} />
        ))}
      </List>
      {hidden > 0 && (
        <Button
          size="small"
          aria-expanded={showAll}
          aria-controls={listId}
          onClick={() => setShowAll(!showAll)}
        >
          {showAll ? 'Show failing checks only' : `Show all ${total} checks`}
        </Button>
      )}
    </>
  );
};

/**
 * The entity's production-readiness checks: each one's status and the fact
 * that decided it, failures first, with the score over the decided checks.
 */
const ReadinessCardContent = (props: {
  /**
   * Show the score and the checks that fail or are undecided, the passing
   * ones behind "Show all" (for the entity Overview tab).
   */
  compact?: boolean;
}) => {
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
    body = <ReadinessBody readiness={value} compact={props.compact} />;
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

/**
 * The card as it sits on the entity Overview tab beside other cards: the
 * score and what needs doing, the passing checks on demand.
 */
export const CompactReadinessCard = () => <ReadinessCard compact />;
