import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Alert rules and their promtool tests for a service with a database',
    example: stringify({
      steps: [
        {
          id: 'alerts',
          action: 'devops:alerts:generate',
          name: 'Write alert rules',
          input: {
            service: 'payments-api',
            entityRef: 'component:default/payments-api',
            owner: 'group:default/payments',
            probeUrl: 'https://payments-api.example.com/healthz',
            runbookUrl:
              'https://github.com/example/payments-api/blob/main/docs/runbook.md',
            hasDatabase: true,
            hasMigrations: true,
            errorRatePercent: 1,
            latencyP95Ms: 1000,
          },
        },
      ],
    }),
  },
];
