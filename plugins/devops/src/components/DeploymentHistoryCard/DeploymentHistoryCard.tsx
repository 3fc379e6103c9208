import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  DEPLOYMENT_STATUSES,
  type Deployment,
  type DeploymentStatus,
} from '@backstage-devops/plugin-devops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { useCallback, useEffect, useState } from 'react';
import { devopsApiRef } from '../../api';
import { cardTitleProps } from '../shared/headings';
import { DataLink } from '../shared/DataLink';
import { DevopsErrorPanel } from '../shared/DevopsErrorPanel';
import { withDevopsBoundary } from '../shared/DevopsBoundary';
import { DeploymentStatusChip } from '../shared/DeploymentStatusChip';
import { LabelledSelect } from '../shared/LabelledSelect';
import { relativeTime } from '../shared/relativeTime';
import { VisuallyHidden } from '../shared/VisuallyHidden';

const PAGE_SIZE = 100;
// Rows shown per table page: a card that fits beside the others.
const ROWS_PER_PAGE = 10;

const useStyles = makeStyles({
  // Long names (logins, versions) end in an ellipsis on one line; the full
  // text is on hover and read by screen readers.
  ellipsis: {
    display: 'block',
    maxWidth: 160,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  nowrap: { whiteSpace: 'nowrap' },
});

const compact = { padding: '8px 10px' };

const Clipped = (props: { text?: string; code?: boolean }) => {
  const classes = useStyles();
  if (!props.text) {
    return <>—</>;
  }
  return props.code ? (
    <code className={classes.ellipsis} title={props.text}>
      {props.text}
    </code>
  ) : (
    <span className={classes.ellipsis} title={props.text}>
      {props.text}
    </span>
  );
};

function duration(d: Deployment): string {
  if (!d.startedAt || !d.finishedAt) {
    return '—';
  }
  const { minutes, seconds } = DateTime.fromISO(d.finishedAt)
    .diff(DateTime.fromISO(d.startedAt))
    .shiftTo('minutes', 'seconds')
    .toObject();
  return minutes
    ? `${minutes}m ${Math.round(seconds ?? 0)}s`
    : `${Math.round(seconds ?? 0)}s`;
}

function commitLink(slug: string | undefined, sha: string | undefined) {
  if (!sha) {
    return '—';
  }
  const short = sha.slice(0, 7);
  return slug ? (
    <DataLink
      url={`https://github.com/${slug}/commit/${sha}`}
      text={short}
      context="(commit)"
    />
  ) : (
    <code>{short}</code>
  );
}

/**
 * Every deployment of the entity, newest first, filtered by environment and
 * status. Pages of 100 load from the backend on demand; the table pages
 * through what is loaded, so thousands of rows stay smooth.
 */
const DeploymentHistoryCardContent = (props: { environments: string[] }) => {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(devopsApiRef);
  const slug = entity.metadata.annotations?.['github.com/project-slug'];
  const [environment, setEnvironment] = useState('');
  const [status, setStatus] = useState<DeploymentStatus | ''>('');
  const [rows, setRows] = useState<Deployment[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  const load = useCallback(
    async (from: string | undefined, replace: boolean) => {
      setLoading(true);
      try {
        const page = await api.listDeployments(getCompoundEntityRef(entity), {
          environment: environment || undefined,
          status: status || undefined,
          limit: PAGE_SIZE,
          cursor: from,
        });
        setRows(previous =>
          replace ? page.items : [...previous, ...page.items],
        );
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    [api, entity, environment, status],
  );

  useEffect(() => {
    load(undefined, true);
  }, [load]);

  if (error) {
    return <DevopsErrorPanel error={error} />;
  }

  const columns: TableColumn<Deployment>[] = [
    {
      title: 'Version',
      field: 'version',
      render: d => <Clipped code text={d.version} />,
    },
    {
      title: 'Environment',
      field: 'environment',
      render: d => <Clipped text={d.environment} />,
    },
    {
      title: 'Status',
      field: 'status',
      render: d => <DeploymentStatusChip status={d.status} />,
    },
    { title: 'Strategy', field: 'strategy', emptyValue: '—' },
    {
      title: 'Started',
      field: 'startedAt',
      render: d => {
        const t = relativeTime(d.startedAt ?? d.createdAt);
        // The duration under the start: one column less, so every column
        // fits the card at 1280 px.
        return (
          <>
            <span title={t.exact} className={classes.nowrap}>
              {t.text}
            </span>
            <Typography
              variant="caption"
              display="block"
              className={classes.nowrap}
            >
              <VisuallyHidden>took </VisuallyHidden>
              <span>{duration(d)}</span>
            </Typography>
          </>
        );
      },
    },
    {
      title: 'By',
      field: 'actor',
      // Wide enough for a typical login ("dependabot[bot]" ends clipped).
      cellStyle: { minWidth: 120 },
      render: d => <Clipped text={d.actor} />,
    },
    { title: 'Commit', render: d => commitLink(slug, d.commitSha) },
    {
      title: 'Pipeline',
      render: d =>
        d.url ? (
          <DataLink
            url={d.url}
            text="Run"
            context={`${d.version} on ${d.environment}`}
          />
        ) : (
          '—'
        ),
    },
  ];

  const filters = (
    <Box display="flex" gridGap={16} mb={2} role="group" aria-label="Filters">
      <LabelledSelect
        id="devops-env-filter"
        label="Environment"
        value={environment}
        minWidth={180}
        options={[
          { value: '', label: 'All environments' },
          ...props.environments.map(env => ({ value: env, label: env })),
        ]}
        onChange={setEnvironment}
      />
      <LabelledSelect<DeploymentStatus | ''>
        id="devops-status-filter"
        label="Status"
        value={status}
        minWidth={180}
        options={[
          { value: '', label: 'All statuses' },
          ...DEPLOYMENT_STATUSES.map(s => ({
            value: s,
            label: s.replace('_', ' '),
          })),
        ]}
        onChange={setStatus}
      />
    </Box>
  );

  // Tighter cells than the theme's so every column fits the card at 1280 px.
  for (const column of columns) {
    column.cellStyle = { ...compact, ...(column.cellStyle as object) };
    column.headerStyle = compact;
  }

  return (
    <InfoCard titleTypographyProps={cardTitleProps} title="Deployment history">
      {filters}
      <Table<Deployment>
        isLoading={loading && rows.length === 0}
        columns={columns}
        data={rows}
        options={{
          search: false,
          toolbar: false,
          paging: true,
          // Dragging wraps each sortable header in a second button, which
          // screen readers cannot operate (axe: nested-interactive).
          draggable: false,
          pageSize: ROWS_PER_PAGE,
          pageSizeOptions: [ROWS_PER_PAGE, 20, 50, 100],
          rowStyle: (d: Deployment) =>
            d.status === 'failed' || d.status === 'rolled_back'
              ? { backgroundColor: 'rgba(211, 47, 47, 0.08)' }
              : {},
        }}
        emptyContent={<Box p={2}>No deployments match these filters.</Box>}
      />
      {cursor && (
        <Box mt={2}>
          <Button
            variant="outlined"
            disabled={loading}
            onClick={() => load(cursor, false)}
          >
            Load older deployments
          </Button>
        </Box>
      )}
    </InfoCard>
  );
};

/** The card in its own error boundary: a failure stays inside it. */
export const DeploymentHistoryCard = withDevopsBoundary(
  'deployment-history',
  'Deployment history',
  DeploymentHistoryCardContent,
);
