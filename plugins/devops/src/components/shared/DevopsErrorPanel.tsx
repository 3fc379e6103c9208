import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';

/**
 * A failed read: a permission denial says so plainly, anything else shows
 * Backstage's response error panel with the backend's message.
 */
export const DevopsErrorPanel = (props: { error: Error }) => {
  const status = (props.error as { statusCode?: number }).statusCode;
  if (status === 403 || props.error.name === 'NotAllowedError') {
    return (
      <EmptyState
        missing="info"
        title="You may not see this entity's DevOps data"
        description="The permission policy does not allow you to read its deployments, health and alerts. Ask the owners or your Backstage administrators for access."
      />
    );
  }
  return <ResponseErrorPanel error={props.error} />;
};
