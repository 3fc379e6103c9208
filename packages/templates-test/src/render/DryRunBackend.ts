import scaffolderModuleDevops from '@backstage-devops/plugin-scaffolder-backend-module-devops';
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type LoggerService,
  type RootLoggerService,
} from '@backstage/backend-plugin-api';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderModuleGitlab from '@backstage/plugin-scaffolder-backend-module-gitlab';
import type { JsonObject } from '@backstage/types';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Options of the backend that renders templates: see
 * {@link TemplateRenderer.start} and {@link renderTemplate}.
 *
 * @public
 */
export interface DryRunBackendOptions {
  /** Entities the catalog answers with (for `catalog:fetch` and friends). */
  entities?: Entity[];
  /** Extra configuration merged over the backend's own, e.g. `integrations`. */
  config?: JsonObject;
  /** Receives the backend's log lines; they are dropped when absent. */
  onLog?: (level: string, message: string) => void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

// The backend's own logs would drown the report; they go to onLog instead.
function forwardingLogger(
  onLog: DryRunBackendOptions['onLog'],
  fields: Record<string, unknown> = {},
): RootLoggerService {
  const write = (level: string) => (message: string) =>
    onLog?.(
      level,
      fields.plugin ? `[${String(fields.plugin)}] ${message}` : message,
    );
  const logger: LoggerService = {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: meta => forwardingLogger(onLog, { ...fields, ...meta }),
  };
  return logger;
}

// The scaffolder's database pool outlives backend.stop() and would keep the
// process alive; close it when the scaffolder shuts down.
const closeScaffolderDatabase = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'templates-test-database-close',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
      },
      async init({ database, lifecycle }) {
        lifecycle.addShutdownHook(async () => {
          await (await database.getClient()).destroy();
        });
      },
    });
  },
});

/**
 * A Backstage backend in this process with the scaffolder, its GitHub and
 * GitLab modules, the DevOps actions and an in-memory catalog, on a free port of
 * 127.0.0.1, accepting one static token. It exists to answer
 * `POST /api/scaffolder/v2/dry-run`.
 */
export class DryRunBackend {
  private constructor(
    readonly baseUrl: string,
    readonly token: string,
    private readonly stopBackend: () => Promise<void>,
  ) {}

  static async start(options: DryRunBackendOptions = {}) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const token = randomBytes(24).toString('hex');
    const config = ConfigReader.fromConfigs([
      {
        context: 'templates-test',
        data: {
          app: { baseUrl },
          // The dry-run never reaches GitHub, but GitHub actions that
          // support it (publish:github:pull-request) build their client
          // first, and that needs a token to exist.
          integrations: {
            github: [{ host: 'github.com', token: 'templates-test-dry-run' }],
          },
          backend: {
            baseUrl,
            listen: { host: '127.0.0.1', port },
            database: { client: 'better-sqlite3', connection: ':memory:' },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token, subject: 'devops-templates-test' },
                },
              ],
            },
          },
        },
      },
      ...(options.config
        ? [{ context: 'templates-test-overrides', data: options.config }]
        : []),
    ]);

    const backend = createBackend();
    backend.add(
      createServiceFactory({
        service: coreServices.rootConfig,
        deps: {},
        factory: () => config,
      }),
    );
    backend.add(
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => forwardingLogger(options.onLog),
      }),
    );
    backend.add(
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () =>
          new InMemoryCatalogClient({ entities: options.entities ?? [] }),
      }),
    );
    backend.add(scaffolderPlugin);
    backend.add(scaffolderModuleGithub);
    backend.add(scaffolderModuleGitlab);
    backend.add(scaffolderModuleDevops);
    backend.add(closeScaffolderDatabase);
    await backend.start();
    return new DryRunBackend(baseUrl, token, () => backend.stop());
  }

  /** Posts a JSON body to a path of the scaffolder's API with the token. */
  async post(path: string, body: unknown) {
    const response = await fetch(`${this.baseUrl}/api/scaffolder${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.token}`,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  async stop() {
    await this.stopBackend();
  }
}
