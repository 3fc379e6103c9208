import {
  CodeSnippet,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_DEVOPS_ENVIRONMENTS,
  getEntityEnvironments,
} from '@backstage-devops/plugin-devops-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { devopsApiRef } from '../../api';

const annotationSnippet = `metadata:
  annotations:
    # Optional: your own promotion order
    ${ANNOTATION_DEVOPS_ENVIRONMENTS}: development,staging,production`;

/**
 * The DevOps tab: environments in promotion order and how to start
 * reporting to them.
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
        <InfoCard title="Environments">
          <Typography variant="body2" paragraph>
            Deployments of {entity.metadata.name} are promoted in this order:
          </Typography>
          {environments.map(name => (
            <Chip key={name} label={name} />
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Start reporting deployments">
          <Typography variant="body2" paragraph>
            Your CI pipeline reports each deployment to the DevOps backend. To
            change the environments, annotate the entity:
          </Typography>
          <CodeSnippet language="yaml" text={annotationSnippet} />
        </InfoCard>
      </Grid>
    </Grid>
  );
};
