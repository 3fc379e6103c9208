import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  AlertSeverity,
  DoraBand,
  OverviewEntry,
} from '@backstage-devops/plugin-devops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { useRef } from 'react';
import { DeploymentStatusChip } from '../shared/DeploymentStatusChip';
import { HealthChip } from '../shared/HealthChip';
import { SeverityChip } from '../shared/SeverityChip';
import { relativeTime } from '../shared/relativeTime';
import { VisuallyHidden } from '../shared/VisuallyHidden';
import { useOverflow } from './useOverflow';
import {
  type OverviewSort,
  type OverviewSortKey,
  serviceName,
} from './overviewSort';

const useStyles = makeStyles({
  // Versions and short phrases break mid-word in narrow columns otherwise.
  nowrap: { whiteSpace: 'nowrap' },
});

// A first click sorts the way a platform team reads the column: names A–Z,
// the most alerts and the most frequent deployers first, the least ready
// first.
const firstDirection: Record<OverviewSortKey, 'asc' | 'desc'> = {
  service: 'asc',
  owner: 'asc',
  lifecycle: 'asc',
  alerts: 'desc',
  readiness: 'asc',
  deploymentFrequency: 'desc',
};

function nextSort(current: OverviewSort, key: OverviewSortKey): OverviewSort {
  if (current.key !== key) {
    return { key, direction: firstDirection[key] };
  }
  return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

const SortHeader = (props: {
  label: string;
  sortKey: OverviewSortKey;
  sort: OverviewSort;
  onSort: (sort: OverviewSort) => void;
}) => {
  const active = props.sort.key === props.sortKey;
  return (
    <TableSortLabel
      active={active}
      direction={active ? props.sort.direction : firstDirection[props.sortKey]}
      onClick={() => props.onSort(nextSort(props.sort, props.sortKey))}
    >
      {props.label}
    </TableSortLabel>
  );
};

const EnvironmentCell = (props: { entry: OverviewEntry; name: string }) => {
  const classes = useStyles();
  const env = props.entry.environments.find(e => e.environment === props.name);
  if (!env) {
    // The entity has no such environment (its own devops/environments
    // leaves it out): nothing could be deployed there, unlike "Not deployed".
    const reason = `no ${props.name} environment`;
    return (
      <Tooltip title={reason}>
        <Typography variant="body2" component="span">
          <span aria-hidden>—</span>
          <VisuallyHidden>{reason}</VisuallyHidden>
        </Typography>
      </Tooltip>
    );
  }
  if (!env.runningVersion && !env.latestStatus) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.nowrap}
      >
        Not deployed
      </Typography>
    );
  }
  const deployed = relativeTime(env.lastDeployedAt);
  return (
    <Box display="flex" flexDirection="column" alignItems="flex-start">
      <code className={classes.nowrap}>{env.runningVersion ?? '—'}</code>
      <Box display="flex" gridGap={4} flexWrap="wrap" mt={0.5}>
        {env.health && <HealthChip status={env.health} />}
        {env.latestStatus && env.latestStatus !== 'succeeded' && (
          <DeploymentStatusChip status={env.latestStatus} />
        )}
      </Box>
      {env.lastDeployedAt && (
        <Typography variant="caption" title={deployed.exact}>
          {deployed.text}
        </Typography>
      )}
    </Box>
  );
};

const AlertChips = ({ entry }: { entry: OverviewEntry }) => {
  const classes = useStyles();
  const severities = (['P0', 'P1', 'P2', 'P3'] as AlertSeverity[]).filter(
    s => entry.firingAlerts[s] > 0,
  );
  if (severities.length === 0) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.nowrap}
      >
        None firing
      </Typography>
    );
  }
  return (
    <Box display="flex" gridGap={4} flexWrap="wrap">
      {severities.map(s => (
        <SeverityChip key={s} severity={s} count={entry.firingAlerts[s]} />
      ))}
    </Box>
  );
};

const ReadinessCell = ({ entry }: { entry: OverviewEntry }) => {
  const { score, passed, failed, unknown } = entry.readiness;
  return (
    <Box>
      <Typography variant="body1">
        {score === undefined ? 'Not scored' : `${score}%`}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {passed} pass · {failed} fail · {unknown} unknown
      </Typography>
    </Box>
  );
};

const doraMetrics: Array<{
  key: keyof OverviewEntry['dora']['bands'];
  label: string;
}> = [
  { key: 'deploymentFrequency', label: 'Frequency' },
  { key: 'leadTime', label: 'Lead time' },
  { key: 'changeFailureRate', label: 'Failure rate' },
  { key: 'timeToRestore', label: 'Restore' },
];

const DoraCell = ({ entry }: { entry: OverviewEntry }) => {
  const bands = entry.dora.bands;
  const known = doraMetrics.filter(m => bands[m.key] !== undefined);
  return (
    <Box>
      {known.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No data
        </Typography>
      ) : (
        <Box display="flex" gridGap={4} flexWrap="wrap">
          {known.map(m => (
            <Chip
              key={m.key}
              size="small"
              variant="outlined"
              label={`${m.label}: ${bands[m.key] as DoraBand}`}
            />
          ))}
        </Box>
      )}
      <Typography variant="caption" color="textSecondary">
        {entry.dora.deploymentsPerDay.toFixed(2)} deploys/day
      </Typography>
    </Box>
  );
};

/**
 * Services × environments: what runs where and how healthy it is, firing
 * alerts, readiness and DORA bands. Rows arrive sorted; the headers change
 * the sort through `onSort` so the CSV export can follow the same order.
 */
export const OverviewTable = (props: {
  entries: OverviewEntry[];
  environments: string[];
  doraEnvironment: string;
  sort: OverviewSort;
  onSort: (sort: OverviewSort) => void;
  loading: boolean;
}) => {
  const classes = useStyles();
  const theme = useTheme();
  const entityRoute = useRouteRef(entityRouteRef);
  const container = useRef<HTMLDivElement>(null);
  const overflows = useOverflow(container, [props.entries, props.environments]);
  // The service column stays in view while the rest scrolls sideways.
  const sticky = { position: 'sticky' as const, left: 0 };
  // Rows are striped by the theme; they get opaque colours of their own so
  // the sticky cell (which inherits its row's) hides what scrolls beneath.
  const rowBackground = (index: number) => ({
    backgroundColor:
      index % 2 === 0
        ? theme.palette.background.default
        : theme.palette.background.paper,
  });
  const compact = { padding: theme.spacing(1, 1.5) };
  const header = (label: string, sortKey: OverviewSortKey) => (
    <SortHeader
      label={label}
      sortKey={sortKey}
      sort={props.sort}
      onSort={props.onSort}
    />
  );

  const columns: TableColumn<OverviewEntry>[] = [
    {
      title: header('Service', 'service'),
      cellStyle: {
        ...compact,
        ...sticky,
        zIndex: 1,
        backgroundColor: 'inherit',
      },
      headerStyle: {
        ...compact,
        ...sticky,
        zIndex: 3,
        backgroundColor: theme.palette.background.paper,
      },
      render: entry => (
        <Box>
          <Link
            className={classes.nowrap}
            to={`${entityRoute({
              kind: entry.kind.toLocaleLowerCase('en-US'),
              namespace: entry.namespace,
              name: entry.name,
            })}/devops`}
          >
            {serviceName(entry)}
          </Link>
          <Typography variant="caption" display="block">
            {[entry.type, entry.system && `system ${entry.system}`]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        </Box>
      ),
    },
    {
      title: header('Owner', 'owner'),
      render: entry => (
        <span className={classes.nowrap}>{entry.owner ?? '—'}</span>
      ),
    },
    {
      title: header('Lifecycle', 'lifecycle'),
      render: entry => (
        <span className={classes.nowrap}>{entry.lifecycle ?? '—'}</span>
      ),
    },
    ...props.environments.map(
      (name): TableColumn<OverviewEntry> => ({
        title: name,
        render: entry => <EnvironmentCell entry={entry} name={name} />,
      }),
    ),
    {
      title: header('Firing alerts', 'alerts'),
      render: entry => <AlertChips entry={entry} />,
    },
    {
      title: header('Readiness', 'readiness'),
      render: entry => <ReadinessCell entry={entry} />,
    },
    {
      title: header(`DORA (${props.doraEnvironment})`, 'deploymentFrequency'),
      render: entry => <DoraCell entry={entry} />,
    },
  ];

  for (const column of columns.slice(1)) {
    column.cellStyle = compact;
    column.headerStyle = compact;
  }

  return (
    <div ref={container}>
      {overflows && (
        <Typography variant="body2" paragraph>
          The table is wider than the window: scroll it sideways to see every
          column; the service column stays in place.
        </Typography>
      )}
      <Table<OverviewEntry>
        isLoading={props.loading && props.entries.length === 0}
        columns={columns}
        data={props.entries}
        options={{
          search: false,
          toolbar: false,
          paging: false,
          sorting: false,
          // Columns stay where they are, in the order the CSV export writes.
          draggable: false,
          padding: 'dense',
          rowStyle: (_entry: OverviewEntry, index: number) =>
            rowBackground(index),
        }}
        emptyContent={
          <Box p={2}>
            No services match these filters. Services appear here once they are
            in the catalog; deployments and health fill their columns.
          </Box>
        }
      />
    </div>
  );
};
