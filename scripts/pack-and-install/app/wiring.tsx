// The wiring the READMEs show, typed against the app's own packages: our
// frontend plugin passed to the app's createApp next to the catalog's, and
// our backend features to its backend.add. Imports alone would not catch a
// plugin built against a framework version the app's createApp refuses.
import { createBackend } from '@backstage/backend-defaults';
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import devopsPlugin from '@backstage-devops/plugin-devops/alpha';

export const app = createApp({ features: [catalogPlugin, devopsPlugin] });

const backend = createBackend();
backend.add(import('@backstage-devops/plugin-devops-backend'));
backend.add(import('@backstage-devops/plugin-devops-backend-module-demo'));
backend.add(
  import('@backstage-devops/plugin-scaffolder-backend-module-devops'),
);
