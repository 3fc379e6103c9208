import SwaggerParser from '@apidevtools/swagger-parser';
import {
  ALERT_SEVERITIES,
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_STRATEGIES,
  MIGRATION_STATUSES,
  MIGRATION_TOOLS,
} from '@backstage-devops/plugin-devops-common';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEFAULT_INGESTION_LIMITS } from '../config/ingestionConfig';
import {
  alertsQuerySchema,
  createIngestionSchemas,
  deploymentsQuerySchema,
  doraQuerySchema,
  healthQuerySchema,
  migrationsQuerySchema,
  overviewQuerySchema,
} from '../service/validation';

// The router validates requests with zod, for messages that name every
// offending field; these tests hold those schemas to the OpenAPI spec, which
// is what clients and the generated types go by.

let spec: any;
beforeAll(async () => {
  spec = await SwaggerParser.dereference(
    parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8')),
  );
});

const schemas = createIngestionSchemas(DEFAULT_INGESTION_LIMITS);

/** A value the spec's schema describes: its example, else a plain one. */
function sample(schema: any, withOptional: boolean): any {
  if (schema.example !== undefined) {
    return schema.example;
  }
  if (schema.enum) {
    return schema.enum[0];
  }
  if (schema.oneOf) {
    return sample(schema.oneOf[0], withOptional);
  }
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries<any>(schema.properties ?? {})
          .filter(
            ([key]) => withOptional || (schema.required ?? []).includes(key),
          )
          .map(([key, property]) => [key, sample(property, withOptional)]),
      );
    case 'array':
      return [sample(schema.items, withOptional)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date-time') {
        return new Date(Date.now() - 3_600_000).toISOString();
      }
      return 'x';
    default:
      throw new Error(`No sample for ${JSON.stringify(schema)}`);
  }
}

const requestBody = (path: string) =>
  spec.paths[path].post.requestBody.content['application/json'].schema;

const queryParameters = (path: string): any[] =>
  spec.paths[path].get.parameters.filter((p: any) => p.in === 'query');

const issuePaths = (schema: z.ZodTypeAny, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map(i => i.path.join('.'));
};

describe('the request validation and the OpenAPI spec', () => {
  it('list the same values for every enum', () => {
    const enums = spec.components.schemas;
    expect([...DEPLOYMENT_STATUSES]).toEqual(enums.DeploymentStatus.enum);
    expect([...DEPLOYMENT_STRATEGIES]).toEqual(enums.DeploymentStrategy.enum);
    expect([...MIGRATION_STATUSES]).toEqual(enums.MigrationStatus.enum);
    expect([...MIGRATION_TOOLS]).toEqual(enums.MigrationTool.enum);
    expect([...ALERT_SEVERITIES]).toEqual(enums.AlertSeverity.enum);
  });

  it.each([
    [
      'environment',
      ['production', 'QA', 'eu-west.1', '9', 'a'.repeat(63)],
      ['', '-qa', 'q a', 'qa/eu', 'a'.repeat(64)],
    ],
    [
      'commitSha',
      ['3f9a2c1', 'ABCDEF0123', 'a'.repeat(64)],
      ['3f9a2c', 'g3f9a2c1', 'a'.repeat(65)],
    ],
    [
      'url',
      ['https://ci.example.com/1', 'HTTP://ci.example.com'],
      ['ftp://ci.example.com', 'mailto:ops@example.com', '//ci.example.com'],
    ],
  ])(
    'a deployment accepts the %s values the spec pattern matches, and no other',
    (field, matching, notMatching) => {
      const property = requestBody('/v1/deployments').properties[field];
      const pattern = new RegExp(property.pattern);
      const body = sample(requestBody('/v1/deployments'), true);
      const verdicts = (values: string[]) =>
        values.map(value => ({
          value,
          spec: pattern.test(value),
          zod: schemas.deploymentInput.safeParse({ ...body, [field]: value })
            .success,
        }));
      expect(verdicts(matching)).toEqual(
        matching.map(value => ({ value, spec: true, zod: true })),
      );
      expect(verdicts(notMatching)).toEqual(
        notMatching.map(value => ({ value, spec: false, zod: false })),
      );
    },
  );

  describe.each([
    ['/v1/deployments', () => schemas.deploymentInput, []],
    ['/v1/migrations', () => schemas.migrationReport, []],
    ['/v1/migrations', () => schemas.migrationReport, ['migrations', 0]],
    ['/v1/alerts/alertmanager', () => schemas.alertmanagerWebhook, []],
    [
      '/v1/alerts/alertmanager',
      () => schemas.alertmanagerWebhook,
      ['alerts', 0],
    ],
  ] as Array<[string, () => z.ZodTypeAny, Array<string | number>]>)(
    'POST %s, at %j',
    (path, zodSchema, at) => {
      // The spec's schema at `at` (an array index steps into `items`) and a
      // body whose value there is `value`.
      const specAt = () =>
        at.reduce(
          (schema: any, key) =>
            typeof key === 'number' ? schema.items : schema.properties[key],
          requestBody(path),
        );
      const bodyWith = (value: object) => {
        const body = sample(requestBody(path), true);
        if (at.length === 0) {
          return value;
        }
        let parent = body;
        for (const key of at.slice(0, -1)) {
          parent = parent[key];
        }
        parent[at[at.length - 1]] = value;
        return body;
      };

      it('accepts a body with every field the spec describes', () => {
        expect(
          issuePaths(zodSchema(), bodyWith(sample(specAt(), true))),
        ).toEqual([]);
      });

      it('accepts a body with only the fields the spec requires', () => {
        expect(
          issuePaths(zodSchema(), bodyWith(sample(specAt(), false))),
        ).toEqual([]);
      });

      it('refuses a body without any one field the spec requires', () => {
        for (const field of specAt().required) {
          const value = sample(specAt(), true);
          delete value[field];
          expect(issuePaths(zodSchema(), bodyWith(value))).toContain(
            [...at, field].join('.'),
          );
        }
      });

      it('refuses unknown fields where the spec does', () => {
        const result = zodSchema().safeParse(
          bodyWith({ ...sample(specAt(), true), unknownField: 1 }),
        );
        expect(result.success).toBe(specAt().additionalProperties !== false);
      });
    },
  );

  describe.each([
    [
      '/v1/entities/{kind}/{namespace}/{name}/deployments',
      deploymentsQuerySchema,
    ],
    [
      '/v1/entities/{kind}/{namespace}/{name}/migrations',
      migrationsQuerySchema,
    ],
    ['/v1/entities/{kind}/{namespace}/{name}/dora', doraQuerySchema],
    ['/v1/entities/{kind}/{namespace}/{name}/alerts', alertsQuerySchema],
    ['/v1/entities/{kind}/{namespace}/{name}/health', healthQuerySchema],
    ['/v1/overview', overviewQuerySchema],
  ] as Array<[string, z.AnyZodObject]>)('GET %s', (path, zodSchema) => {
    it('takes the query parameters the spec names', () => {
      expect(Object.keys(zodSchema.shape).sort()).toEqual(
        queryParameters(path)
          .map(p => p.name)
          .sort(),
      );
    });

    it('fills in the defaults the spec gives', () => {
      const defaults = Object.fromEntries(
        queryParameters(path)
          .filter(p => p.schema.default !== undefined)
          .map(p => [p.name, p.schema.default]),
      );
      expect(zodSchema.parse({})).toEqual(defaults);
    });

    it('accepts every enum value and limit the spec allows, and no other', () => {
      // [parameter, value, the parameters zod should find fault with]
      const cases = queryParameters(path).flatMap(
        ({ name, schema }): Array<[string, string, string[]]> => [
          ...(schema.enum ?? []).map(
            (value: string): [string, string, string[]] => [name, value, []],
          ),
          ...(schema.enum
            ? [[name, 'nope', [name]] as [string, string, string[]]]
            : []),
          ...(schema.type === 'integer'
            ? ([
                [name, String(schema.minimum), []],
                [name, String(schema.maximum), []],
                [name, String(schema.minimum - 1), [name]],
                [name, String(schema.maximum + 1), [name]],
              ] as Array<[string, string, string[]]>)
            : []),
        ],
      );
      expect(
        cases.map(([name, value]) => [
          name,
          value,
          issuePaths(zodSchema, { [name]: value }),
        ]),
      ).toEqual(cases);
    });
  });
});
