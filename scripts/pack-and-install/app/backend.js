// The throwaway app's backend: Backstage's defaults, the plugins an app
// created for this release has, and ours added the way the READMEs say.
const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage-devops/plugin-devops-backend'));
backend.add(import('@backstage-devops/plugin-devops-backend-module-demo'));
backend.add(
  import('@backstage-devops/plugin-scaffolder-backend-module-devops'),
);
backend.start();
