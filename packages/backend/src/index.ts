/*
 * The backend that hosts the Backstage DevOps plugins for local development,
 * demos and the end-to-end tests. Adopters add the same two `backend.add`
 * lines for the devops packages to their own backend.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Guest sign-in is for local use; production config replaces it.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// GitHub sign-in, configured in app-config.production.yaml.
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Allows everything; replace with your own policy module.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
// publish:github and publish:github:pull-request for the golden-path templates.
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// publish:gitlab and publish:gitlab:merge-request for ciProvider gitlab; it
// starts without a GitLab token (integrations.gitlab is read when they run).
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage-devops/plugin-scaffolder-backend-module-devops'),
);

backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage-devops/plugin-devops-backend'));
// Demo history for the example catalog, for local development and the
// end-to-end tests; a production start (NODE_ENV=production) leaves it out.
if (process.env.NODE_ENV !== 'production') {
  backend.add(import('@backstage-devops/plugin-devops-backend-module-demo'));
}

backend.start();
