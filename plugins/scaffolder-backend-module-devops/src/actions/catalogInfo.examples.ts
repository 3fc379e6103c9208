import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A service with health URLs for staging and production',
    example: stringify({
      steps: [
        {
          id: 'catalog-info',
          action: 'devops:catalog-info:generate',
          name: 'Write catalog-info.yaml',
          input: {
            name: 'payments-api',
            owner: 'group:default/payments',
            system: 'payments',
            healthUrls: {
              staging: 'https://payments-api.staging.example.com/healthz',
              production: 'https://payments-api.example.com/healthz',
            },
          },
        },
      ],
    }),
  },
];
