import { CodeSnippet } from '@backstage/core-components';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DEVOPS_ENVIRONMENTS,
  ANNOTATION_DEVOPS_HEALTH_URL_PREFIX,
} from '@backstage-devops/plugin-devops-common';
import Typography from '@material-ui/core/Typography';

/** How to make this entity's DevOps pages fill themselves. */
export const ReportingSnippet = (props: {
  entity: Entity;
  environments: string[];
}) => {
  const ref = stringifyEntityRef(props.entity);
  const last =
    props.environments[props.environments.length - 1] ?? 'production';
  const annotations = `metadata:
  annotations:
    ${ANNOTATION_DEVOPS_ENVIRONMENTS}: ${props.environments.join(',')}
    ${ANNOTATION_DEVOPS_HEALTH_URL_PREFIX}${last}: https://${
    props.entity.metadata.name
  }.example.com/healthz`;
  const curl = `curl -sf -X POST "$BACKSTAGE_URL/api/devops/v1/deployments" \\
  -H "Authorization: Bearer $DEVOPS_CI_TOKEN" -H 'Content-Type: application/json' \\
  -d '{"entityRef":"${ref}","environment":"${last}","version":"'"$VERSION"'",
       "status":"succeeded","externalId":"'"$CI_RUN_ID"'","commitSha":"'"$GIT_SHA"'"}'`;
  return (
    <>
      <Typography variant="body2" paragraph>
        Annotate the entity with its environments and health URLs:
      </Typography>
      <CodeSnippet language="yaml" text={annotations} />
      <Typography variant="body2" paragraph style={{ marginTop: 16 }}>
        and report each deployment from your pipeline:
      </Typography>
      <CodeSnippet language="bash" text={curl} />
    </>
  );
};
