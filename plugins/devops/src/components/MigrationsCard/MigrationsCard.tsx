import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import type { MigrationDrift } from '@backstage-devops/plugin-devops-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import useAsync from 'react-use/esm/useAsync';
import { devopsApiRef } from '../../api';
import { CARD_PART_HEADING, cardTitleProps } from '../shared/headings';
import { DevopsErrorPanel } from '../shared/DevopsErrorPanel';
import { withDevopsBoundary } from '../shared/DevopsBoundary';
import { relativeTime } from '../shared/relativeTime';
import { useToneText } from '../shared/useToneText';

const useStyles = makeStyles({
  strong: { fontWeight: 600 },
  // The theme breaks table text anywhere ("Environme-nt"); here words stay
  // whole and wrap only between them, in tighter cells that fit half a row.
  table: {
    '& th, & td': {
      wordBreak: 'normal',
      overflowWrap: 'normal',
      padding: '6px 8px',
    },
  },
});

function describeDrift(d: MigrationDrift): string {
  if (d.kind === 'checksum_mismatch') {
    const sums = Object.entries(d.checksums)
      .map(([env, sum]) => `${env} ${sum ?? 'none'}`)
      .join(', ');
    return `${d.migrationId}: checksum differs between environments (${sums})`;
  }
  return `${d.migrationId}: applied in ${d.appliedIn.join(
    ', ',
  )}, not in ${d.notAppliedIn.join(', ')}`;
}

/**
 * Per environment, how many migrations are applied, pending and failed,
 * and where environments drift apart.
 */
const MigrationsCardContent = () => {
  const classes = useStyles();
  const tone = useToneText();
  const { entity } = useEntity();
  const api = useApi(devopsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getMigrations(getCompoundEntityRef(entity)),
    [api, entity],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <DevopsErrorPanel error={error} />;
  }
  if (!value?.environments.length) {
    return (
      <InfoCard
        titleTypographyProps={cardTitleProps}
        title="Database migrations"
      >
        <Typography variant="body2">
          No migration reports. Have your migration runner post to
          /api/devops/v1/migrations after each run.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard titleTypographyProps={cardTitleProps} title="Database migrations">
      <Table
        size="small"
        className={classes.table}
        aria-label="Migrations per environment"
      >
        <TableHead>
          <TableRow>
            <TableCell>Environment</TableCell>
            <TableCell align="right">Applied</TableCell>
            <TableCell align="right">Pending</TableCell>
            <TableCell align="right">Failed</TableCell>
            <TableCell>Last report</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.environments.map(env => (
            <TableRow key={env.environment}>
              <TableCell>{env.environment}</TableCell>
              <TableCell align="right">{env.applied.length}</TableCell>
              <TableCell align="right">{env.pending.length}</TableCell>
              <TableCell
                align="right"
                className={
                  env.failed.length
                    ? `${classes.strong} ${tone.error}`
                    : undefined
                }
              >
                {env.failed.length}
              </TableCell>
              <TableCell>{relativeTime(env.lastReportedAt).text}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {value.environments.some(env => env.failed.length > 0) && (
        <Box mt={2}>
          {value.environments.flatMap(env =>
            env.failed.map(m => (
              <Typography
                key={`${env.environment}-${m.id}`}
                variant="body2"
                className={`${classes.strong} ${tone.error}`}
              >
                <ErrorIcon className={tone.icon} aria-hidden />
                {m.id}
                {m.name ? ` ${m.name}` : ''} failed in {env.environment}
              </Typography>
            )),
          )}
        </Box>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2" component={CARD_PART_HEADING}>
          Drift between environments
        </Typography>
        {value.drift.length === 0 ? (
          <Typography variant="body2">
            None: every environment agrees.
          </Typography>
        ) : (
          <ul aria-label="Drift">
            {value.drift.map(d => (
              <li
                key={`${d.kind}-${d.migrationId}`}
                className={
                  d.kind === 'checksum_mismatch' ? tone.error : tone.warning
                }
              >
                <Typography variant="body2">
                  {d.kind === 'checksum_mismatch' ? (
                    <ErrorIcon className={tone.icon} aria-hidden />
                  ) : (
                    <WarningIcon className={tone.icon} aria-hidden />
                  )}
                  {describeDrift(d)}
                </Typography>
              </li>
            ))}
          </ul>
        )}
      </Box>
    </InfoCard>
  );
};

/** The card in its own error boundary: a failure stays inside it. */
export const MigrationsCard = withDevopsBoundary(
  'migrations',
  'Database migrations',
  MigrationsCardContent,
);
