import { createRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({
  id: 'devops',
});

/** The DevOps overview page across all services. */
export const overviewRouteRef = createRouteRef({
  id: 'devops:overview',
});
