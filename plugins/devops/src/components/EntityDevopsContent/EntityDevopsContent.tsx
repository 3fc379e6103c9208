import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getEntityEnvironments } from '@backstage-devops/plugin-devops-common';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { devopsApiRef } from '../../api';
import { DeploymentHistoryCard } from '../DeploymentHistoryCard';
import { EnvironmentsCard } from '../EnvironmentsCard';

/**
 * The DevOps tab: what runs where, and every deployment that got it there.
 */
export const EntityDevopsContent = () => {
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
    return <ResponseErrorPanel error={error} />;
  }

  const environments = getEntityEnvironments(entity, value?.environments);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <EnvironmentsCard />
      </Grid>
      <Grid item xs={12}>
        <DeploymentHistoryCard environments={environments} />
      </Grid>
    </Grid>
  );
};
