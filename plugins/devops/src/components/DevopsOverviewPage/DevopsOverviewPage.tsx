import { Content, Header, Page } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { OverviewEntry } from '@backstage-devops/plugin-devops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { devopsApiRef } from '../../api';
import { DevopsErrorPanel } from '../shared/DevopsErrorPanel';
import { DevopsBoundary } from '../shared/DevopsBoundary';
import { LabelledSelect } from '../shared/LabelledSelect';
import { downloadCsv } from './downloadCsv';
import { overviewCsv } from './overviewCsv';
import { overviewEnvironments } from './overviewEnvironments';
import { type OverviewSort, sortOverview } from './overviewSort';
import { OverviewTable } from './OverviewTable';
import {
  type FilterOption,
  useOverviewFilterOptions,
} from './useOverviewFilterOptions';

const PAGE_SIZE = 50;

interface Filters {
  owner: string;
  system: string;
  lifecycle: string;
  /** Only services that have this environment; '' for all. */
  environment: string;
  /** The environment of the DORA columns; '' for the default. */
  doraEnvironment: string;
}

const withAll = (label: string, options: FilterOption[]) => [
  { value: '', label },
  ...options,
];

// The chosen environment stays an option even when the rows that brought it
// (an entity's own environment, such as live) are filtered out.
const environmentOptions = (environments: string[], chosen: string) =>
  [...new Set([...environments, chosen].filter(Boolean))].map(env => ({
    value: env,
    label: env,
  }));

/**
 * The platform team's view across services: every component's versions,
 * health and alerts per environment, its readiness score and DORA bands,
 * filtered by owner, system, lifecycle and environment, with DORA for the
 * environment the reader picks, sortable, exportable as CSV.
 */
export const DevopsOverviewContent = (props: { pageSize?: number }) => {
  const api = useApi(devopsApiRef);
  const pageSize = props.pageSize ?? PAGE_SIZE;
  const filterOptions = useOverviewFilterOptions();
  const configured = useAsync(() => api.getEnvironments(), [api]);
  const configuredEnvironments = useMemo(
    () => configured.value?.environments ?? [],
    [configured.value],
  );

  const [filters, setFilters] = useState<Filters>({
    owner: '',
    system: '',
    lifecycle: '',
    environment: '',
    doraEnvironment: '',
  });
  const [sort, setSort] = useState<OverviewSort>({
    key: 'service',
    direction: 'asc',
  });
  const [entries, setEntries] = useState<OverviewEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  // Answers to superseded requests (filters changed meanwhile) are dropped,
  // so a slow old page never overwrites the rows of the current filters.
  const latestRequest = useRef(0);

  // DORA figures are for the last environment in promotion order unless
  // the reader picks another, as on the entity's DORA card.
  // The environment filter is separate: a service without the DORA
  // environment (say one deploying to qa and live) stays listed, with no
  // DORA data.
  const doraEnvironment =
    filters.doraEnvironment || configuredEnvironments.at(-1) || 'production';

  const load = useCallback(
    async (from: string | undefined, replace: boolean) => {
      const request = ++latestRequest.current;
      setLoading(true);
      try {
        const page = await api.getOverview({
          owner: filters.owner || undefined,
          system: filters.system || undefined,
          lifecycle: filters.lifecycle || undefined,
          environment: filters.environment || undefined,
          doraEnvironment,
          limit: pageSize,
          cursor: from,
        });
        if (request !== latestRequest.current) {
          return;
        }
        setEntries(previous =>
          replace ? page.items : [...previous, ...page.items],
        );
        setTotal(page.totalItems);
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (e) {
        if (request === latestRequest.current) {
          setError(e as Error);
        }
      } finally {
        if (request === latestRequest.current) {
          setLoading(false);
        }
      }
    },
    [api, filters, doraEnvironment, pageSize],
  );

  useEffect(() => {
    if (!configured.loading) {
      load(undefined, true);
    }
  }, [load, configured.loading]);

  const rows = useMemo(() => sortOverview(entries, sort), [entries, sort]);
  const environments = useMemo(
    () => overviewEnvironments(configuredEnvironments, entries),
    [configuredEnvironments, entries],
  );

  const setFilter = (key: keyof Filters) => (value: string) =>
    setFilters(previous => ({ ...previous, [key]: value }));

  const controls = (
    <Box
      display="flex"
      gridGap={16}
      mb={2}
      flexWrap="wrap"
      alignItems="flex-end"
      role="group"
      aria-label="Overview filters"
    >
      <LabelledSelect
        id="devops-overview-owner"
        label="Owner"
        value={filters.owner}
        options={withAll('All owners', filterOptions.owners)}
        onChange={setFilter('owner')}
      />
      <LabelledSelect
        id="devops-overview-system"
        label="System"
        value={filters.system}
        options={withAll('All systems', filterOptions.systems)}
        onChange={setFilter('system')}
      />
      <LabelledSelect
        id="devops-overview-lifecycle"
        label="Lifecycle"
        value={filters.lifecycle}
        options={withAll('All lifecycles', filterOptions.lifecycles)}
        onChange={setFilter('lifecycle')}
      />
      <LabelledSelect
        id="devops-overview-environment"
        label="Has environment"
        value={filters.environment}
        options={withAll(
          'Any environment',
          environmentOptions(environments, filters.environment),
        )}
        onChange={setFilter('environment')}
      />
      <LabelledSelect
        id="devops-overview-dora-environment"
        label="DORA environment"
        value={doraEnvironment}
        options={environmentOptions(environments, doraEnvironment)}
        onChange={setFilter('doraEnvironment')}
      />
      <Box flexGrow={1} />
      <Button
        variant="outlined"
        startIcon={<GetAppIcon />}
        disabled={rows.length === 0}
        onClick={() =>
          downloadCsv(overviewCsv(rows, environments), 'devops-overview.csv')
        }
      >
        Export CSV
      </Button>
    </Box>
  );

  if (configured.error) {
    return <DevopsErrorPanel error={configured.error} />;
  }

  return (
    <>
      {controls}
      {error ? (
        <DevopsErrorPanel error={error} />
      ) : (
        <>
          <OverviewTable
            entries={rows}
            environments={environments}
            doraEnvironment={doraEnvironment}
            sort={sort}
            onSort={setSort}
            loading={loading}
          />
          <Box display="flex" alignItems="center" gridGap={16} mt={2}>
            <Typography variant="body2" role="status">
              Showing {rows.length} of {total} services
            </Typography>
            {cursor && (
              <Button
                variant="outlined"
                disabled={loading}
                onClick={() => load(cursor, false)}
              >
                Load more services
              </Button>
            )}
          </Box>
        </>
      )}
    </>
  );
};

/** The overview as a page of its own, with a header. */
export const DevopsOverviewPage = () => (
  <Page themeId="tool">
    <Header
      title="DevOps overview"
      subtitle="Versions, health, alerts, readiness and DORA across services"
    />
    <Content>
      <DevopsBoundary name="devops-overview" title="DevOps overview">
        <DevopsOverviewContent />
      </DevopsBoundary>
    </Content>
  </Page>
);
