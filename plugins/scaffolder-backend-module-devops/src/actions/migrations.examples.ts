import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Knex migrations on PostgreSQL for a node service, with the runner its pipeline calls',
    example: stringify({
      steps: [
        {
          id: 'migrations',
          action: 'devops:migrations:generate',
          name: 'Set up database migrations',
          input: {
            service: 'payments-api',
            runtime: 'node',
            database: 'postgres',
          },
        },
      ],
    }),
  },
  {
    description: 'Flyway migrations on MySQL for a Java service',
    example: stringify({
      steps: [
        {
          id: 'migrations',
          action: 'devops:migrations:generate',
          name: 'Set up database migrations',
          input: {
            service: 'ledger',
            runtime: 'java',
            database: 'mysql',
          },
        },
      ],
    }),
  },
];
