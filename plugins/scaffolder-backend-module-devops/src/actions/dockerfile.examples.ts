import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A hardened multi-stage Dockerfile for a Node.js service',
    example: stringify({
      steps: [
        {
          id: 'dockerfile',
          action: 'devops:dockerfile:generate',
          name: 'Write Dockerfile',
          input: { runtime: 'node', port: 8080, healthPath: '/healthz' },
        },
      ],
    }),
  },
];
