import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A GitHub Actions pipeline with a blue-green production deploy',
    example: stringify({
      steps: [
        {
          id: 'pipeline',
          action: 'devops:pipeline:generate',
          name: 'Write the CI/CD pipeline',
          input: {
            provider: 'github',
            service: 'payments-api',
            entityRef: 'component:default/payments-api',
            runtime: 'node',
            strategy: 'blue-green',
            image: 'ghcr.io/example/payments-api',
            healthPath: '/healthz',
            hasDatabase: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'A GitLab CI pipeline that pushes to the project registry ($CI_REGISTRY_IMAGE) and rolls production out as a canary',
    example: stringify({
      steps: [
        {
          id: 'pipeline',
          action: 'devops:pipeline:generate',
          name: 'Write the CI/CD pipeline',
          input: {
            provider: 'gitlab',
            service: 'payments-api',
            entityRef: 'component:default/payments-api',
            runtime: 'python',
            strategy: 'canary',
            healthPath: '/healthz',
            hasDatabase: true,
          },
        },
      ],
    }),
  },
];
