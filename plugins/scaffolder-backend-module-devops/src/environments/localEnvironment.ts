import { stringify } from 'yaml';
import type { ServiceSpec } from './kubernetesManifests';

export const DATABASES = ['none', 'postgres', 'mysql'] as const;
export type Database = (typeof DATABASES)[number];

const DATABASE_IMAGES: Record<Exclude<Database, 'none'>, string> = {
  postgres: 'postgres:16.6-bookworm',
  mysql: 'mysql:8.4.3',
};

export interface EnvVariable {
  name: string;
  /** Secrets get no value in example files; they come from a secret store. */
  secret: boolean;
  example?: string;
}

export function defaultVariables(
  spec: ServiceSpec,
  database: Database,
): EnvVariable[] {
  return [
    { name: 'PORT', secret: false, example: String(spec.port) },
    { name: 'LOG_LEVEL', secret: false, example: 'info' },
    ...(database === 'none' ? [] : [{ name: 'DATABASE_URL', secret: true }]),
  ];
}

/** `.env.<environment>.example`: names and non-secret defaults only. */
export function envExample(
  environment: string,
  variables: EnvVariable[],
): string {
  const lines = [
    `# Variables the service reads in ${environment}. Copy to .env.${environment}`,
    '# and fill in secrets from your secret store; never commit real values.',
    ...variables.map(v =>
      v.secret ? `${v.name}=  # secret` : `${v.name}=${v.example ?? ''}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** docker-compose.yml for local development, with the service's database. */
export function dockerCompose(spec: ServiceSpec, database: Database): string {
  const services: Record<string, unknown> = {
    [spec.name]: {
      build: '.',
      ports: [`${spec.port}:${spec.port}`],
      environment: {
        PORT: String(spec.port),
        LOG_LEVEL: 'debug',
        ...(database === 'postgres'
          ? { DATABASE_URL: `postgres://app:app@db:5432/${spec.name}` }
          : {}),
        ...(database === 'mysql'
          ? { DATABASE_URL: `mysql://app:app@db:3306/${spec.name}` }
          : {}),
      },
      ...(database === 'none'
        ? {}
        : { depends_on: { db: { condition: 'service_healthy' } } }),
    },
  };
  if (database === 'postgres') {
    services.db = {
      image: DATABASE_IMAGES.postgres,
      environment: {
        POSTGRES_USER: 'app',
        POSTGRES_PASSWORD: 'app',
        POSTGRES_DB: spec.name,
      },
      volumes: ['db-data:/var/lib/postgresql/data'],
      healthcheck: {
        test: ['CMD-SHELL', 'pg_isready -U app'],
        interval: '5s',
        timeout: '3s',
        retries: 10,
      },
    };
  }
  if (database === 'mysql') {
    services.db = {
      image: DATABASE_IMAGES.mysql,
      environment: {
        MYSQL_USER: 'app',
        MYSQL_PASSWORD: 'app',
        MYSQL_DATABASE: spec.name,
        MYSQL_RANDOM_ROOT_PASSWORD: 'yes',
      },
      volumes: ['db-data:/var/lib/mysql'],
      healthcheck: {
        test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'],
        interval: '5s',
        timeout: '3s',
        retries: 20,
      },
    };
  }
  return stringify({
    services,
    ...(database === 'none' ? {} : { volumes: { 'db-data': {} } }),
  });
}
