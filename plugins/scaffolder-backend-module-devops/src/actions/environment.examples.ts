import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Staging and production manifests for a service with PostgreSQL',
    example: stringify({
      steps: [
        {
          id: 'environments',
          action: 'devops:environment:generate',
          name: 'Write environment configuration',
          input: {
            name: 'payments-api',
            image: 'ghcr.io/example/payments-api',
            port: 8080,
            healthPath: '/healthz',
            database: 'postgres',
          },
        },
      ],
    }),
  },
  {
    description:
      'A blue-green Argo Rollout whose analysis aborts above 2 % errors or a p95 of 800 ms',
    example: stringify({
      steps: [
        {
          id: 'environments',
          action: 'devops:environment:generate',
          name: 'Write environment configuration',
          input: {
            name: 'payments-api',
            image: 'ghcr.io/example/payments-api',
            port: 8080,
            healthPath: '/healthz',
            strategy: 'blue-green',
            prometheusUrl: 'http://prometheus-operated.monitoring.svc:9090',
            errorRatePercent: 2,
            latencyP95Ms: 800,
          },
        },
      ],
    }),
  },
];
