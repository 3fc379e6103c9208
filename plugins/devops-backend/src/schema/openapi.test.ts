import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  serviceAuth,
  startDevopsBackend,
  userAuth,
} from '../__testUtils__/startDevopsBackend';
import { createRouter } from '../service/router';

const specText = readFileSync(join(__dirname, 'openapi.yaml'), 'utf8');

async function dereferencedSpec(): Promise<any> {
  return SwaggerParser.dereference(parse(specText));
}

// Express paths use `:param`, OpenAPI `{param}`.
const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('the published OpenAPI spec', () => {
  it('is a valid OpenAPI document', async () => {
    await expect(SwaggerParser.validate(parse(specText))).resolves.toBeTruthy();
  });

  it('documents exactly the routes the router serves', async () => {
    const router: any = await createRouter({} as any);
    const served = router.stack
      .filter((layer: any) => layer.route)
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          method =>
            `${method.toUpperCase()} ${toOpenApiPath(layer.route.path)}`,
        ),
      )
      .sort();
    const spec = parse(specText);
    const documented = Object.entries(spec.paths)
      .flatMap(([path, ops]: [string, any]) =>
        Object.keys(ops).map(method => `${method.toUpperCase()} ${path}`),
      )
      .sort();

    expect(served).toEqual(documented);
  });

  it('describes what the API really answers', async () => {
    const spec = await dereferencedSpec();
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const server = await startDevopsBackend();
    const base = '/v1/entities/component/default/payments-api';

    const calls: Array<[string, string, object | undefined, string]> = [
      [
        'post',
        '/v1/deployments',
        {
          entityRef: 'component:default/payments-api',
          environment: 'production',
          version: '1.0.0',
          status: 'succeeded',
          strategy: 'canary',
          externalId: 'run-1',
          startedAt: '2026-11-20T10:00:00Z',
          finishedAt: '2026-11-20T10:05:00Z',
          commitSha: 'abcdef1',
          commitTime: '2026-11-20T09:00:00Z',
          actor: 'ada',
          url: 'https://ci.example.com/1',
          description: 'Release',
        },
        serviceAuth(),
      ],
      [
        'post',
        '/v1/deployments',
        {
          entityRef: 'component:default/payments-api',
          environment: 'production',
          version: '1.0.0',
          status: 'succeeded',
          externalId: 'run-1',
        },
        serviceAuth(),
      ],
      [
        'post',
        '/v1/deployments',
        {
          entityRef: 'component:default/payments-api',
          environment: 'staging',
          version: '1.0.0',
          status: 'in_progress',
        },
        serviceAuth(),
      ],
      ['post', '/v1/deployments', { entityRef: 'nope' }, serviceAuth()],
      ['post', '/v1/deployments', {}, userAuth()],
      [
        'post',
        '/v1/migrations',
        {
          entityRef: 'component:default/payments-api',
          environment: 'staging',
          tool: 'flyway',
          migrations: [
            {
              id: 'V1',
              name: 'init',
              checksum: 12,
              status: 'applied',
              appliedAt: '2026-11-01T00:00:00Z',
              durationMs: 5,
            },
            { id: 'V2', status: 'pending' },
          ],
        },
        serviceAuth(),
      ],
      ['get', `${base}/deployments?limit=1`, undefined, userAuth()],
      ['get', `${base}/deployments?limit=x`, undefined, userAuth()],
      ['get', `${base}/migrations`, undefined, userAuth()],
      ['get', `${base}/summary`, undefined, userAuth()],
      ['get', `${base}/dora?days=90`, undefined, userAuth()],
      [
        'post',
        '/v1/alerts/alertmanager',
        {
          version: '4',
          status: 'firing',
          receiver: 'backstage',
          externalURL: 'http://alertmanager.example.com',
          alerts: [
            {
              status: 'firing',
              labels: {
                alertname: 'Down',
                service: 'payments-api',
                severity: 'critical',
              },
              annotations: {
                summary: 'Down',
                runbook_url: 'https://runbooks.example.com/down',
              },
              startsAt: '2026-11-20T10:00:00.123456789Z',
              endsAt: '0001-01-01T00:00:00Z',
              generatorURL: 'http://prometheus.example.com/graph',
              fingerprint: 'f1',
            },
          ],
        },
        serviceAuth(),
      ],
      ['post', '/v1/alerts/alertmanager', { version: '3' }, serviceAuth()],
      ['get', `${base}/alerts?state=all`, undefined, userAuth()],
      ['get', `${base}/alerts?state=nope`, undefined, userAuth()],
      ['get', `${base}/health`, undefined, userAuth()],
      ['get', `${base}/health?since=yesterday`, undefined, userAuth()],
      ['get', '/v1/environments', undefined, userAuth()],
      ['get', `${base}/readiness`, undefined, userAuth()],
      [
        'get',
        '/v1/entities/component/default/nope/readiness',
        undefined,
        userAuth(),
      ],
      ['get', '/v1/overview', undefined, userAuth()],
      [
        'get',
        '/v1/overview?limit=1&environment=staging&doraEnvironment=qa',
        undefined,
        userAuth(),
      ],
      ['get', '/v1/overview?limit=0', undefined, userAuth()],
    ];

    for (const [method, path, body, auth] of calls) {
      const req = (request(server) as any)
        [method](`/api/devops${path}`)
        .set('authorization', auth);
      const res = body ? await req.send(body) : await req;
      const template = Object.keys(spec.paths).find(p =>
        new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`).test(
          path.split('?')[0],
        ),
      )!;
      const documented =
        spec.paths[template][method].responses[String(res.status)];
      expect({
        call: `${method} ${path}`,
        status: res.status,
        documented: Boolean(documented),
      }).toEqual({
        call: `${method} ${path}`,
        status: res.status,
        documented: true,
      });
      const schema = documented.content['application/json'].schema;
      const validate = ajv.compile(schema);
      const valid = validate(res.body);
      expect({
        call: `${method} ${path}`,
        errors: validate.errors ?? null,
      }).toEqual({
        call: `${method} ${path}`,
        errors: null,
      });
      expect(valid).toBe(true);
    }
  });
});
