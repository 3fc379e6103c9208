import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getEntityEnvironments } from '@backstage-devops/plugin-devops-common';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { devopsApiRef } from '../../api';
import { DevopsErrorPanel } from '../shared/DevopsErrorPanel';
import { DevopsBoundary } from '../shared/DevopsBoundary';
import { AlertsCard } from '../AlertsCard';
import { DeploymentHistoryCard } from '../DeploymentHistoryCard';
import { DoraCard } from '../DoraCard';
import { EnvironmentsCard } from '../EnvironmentsCard';
import { HealthCard } from '../HealthCard';
import { MigrationsCard } from '../MigrationsCard';
import { ReadinessCard } from '../ReadinessCard';

/**
 * The DevOps tab: what runs where and how it got there, whether it is
 * healthy, what is alerting, the state of its database, DORA metrics and production readiness.
 */
const EntityDevopsTab = () => {
  const { entity } = useEntity();
  const devopsApi = useApi(devopsApiRef);
  const { value, loading, error } = useAsync(
    () => devopsApi.getEnvironments(),
    [devopsApi],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <DevopsErrorPanel error={error} />;
  }

  const environments = getEntityEnvironments(entity, value?.environments);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <EnvironmentsCard />
      </Grid>
      <Grid item xs={12} lg={7}>
        <HealthCard />
      </Grid>
      <Grid item xs={12} lg={5}>
        <AlertsCard />
      </Grid>
      <Grid item xs={12}>
        <DeploymentHistoryCard environments={environments} />
      </Grid>
      <Grid item xs={12} lg={6}>
        <MigrationsCard />
      </Grid>
      <Grid item xs={12} lg={6}>
        <DoraCard environments={environments} />
      </Grid>
      <Grid item xs={12}>
        <ReadinessCard />
      </Grid>
    </Grid>
  );
};

/**
 * The tab in a boundary of its own as well as one per card, so even a
 * failure outside the cards leaves the entity page usable.
 */
export const EntityDevopsContent = () => (
  <DevopsBoundary name="devops-tab" title="DevOps">
    <EntityDevopsTab />
  </DevopsBoundary>
);
