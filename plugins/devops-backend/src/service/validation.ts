import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  type DeploymentInput,
  type DevopsApiOperations,
  type DevopsApiPaths,
  type MigrationReportInput,
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_STRATEGIES,
  DEVOPS_ENVIRONMENT_NAME_PATTERN,
  isHttpUrl,
  MIGRATION_STATUSES,
  MIGRATION_TOOLS,
} from '@backstage-devops/plugin-devops-common';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { createAlertmanagerWebhookSchema } from '../alerts/alertmanagerPayload';
import type { IngestionLimits } from '../config/ingestionConfig';

/**
 * A zod schema whose output is `T`: the shape the OpenAPI spec gives that
 * request body or query, so a schema that lets through something the spec
 * does not describe fails the type check.
 */
type Parses<T> = z.ZodType<T, z.ZodTypeDef, unknown>;

type Query<Op extends keyof DevopsApiOperations> = NonNullable<
  DevopsApiOperations[Op]['parameters']['query']
>;

type AlertmanagerWebhook =
  DevopsApiPaths['/v1/alerts/alertmanager']['post']['requestBody']['content']['application/json'];

/** Catalog refs are case-insensitive; the store keeps them lower-cased. */
export function normalizeEntityRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

// The catalog's own rules for kinds, namespaces and names, so a ref with
// path segments (`..`, `/`) or control characters never reaches the store.
const catalogValidators = makeValidator();

/** Why a kind, namespace and name cannot be a catalog entity, if they cannot. */
export function entityRefProblem(ref: {
  kind: string;
  namespace: string;
  name: string;
}): string | undefined {
  if (!catalogValidators.isValidKind(ref.kind)) {
    return `kind '${ref.kind}' is not a catalog kind`;
  }
  if (!catalogValidators.isValidNamespace(ref.namespace)) {
    return `namespace '${ref.namespace}' is not a valid catalog namespace`;
  }
  if (!catalogValidators.isValidEntityName(ref.name)) {
    return `name '${ref.name}' is not a valid catalog entity name`;
  }
  return undefined;
}

const environment = z
  .string()
  .transform(value => value.toLocaleLowerCase('en-US'))
  .refine(value => DEVOPS_ENVIRONMENT_NAME_PATTERN.test(value), {
    message:
      'must be 1-63 characters of letters, digits, ".", "_" or "-", starting with a letter or digit',
  });

const timestamp = z
  .string()
  .datetime({
    offset: true,
    message:
      'must be an ISO 8601 date-time with a time zone, like 2026-01-31T12:00:00Z',
  })
  .transform(
    value => DateTime.fromISO(value, { setZone: true }).toUTC().toISO()!,
  );

/**
 * A time that has happened: later than now plus the allowed clock skew is
 * refused, since a report from the future would pin history ordering.
 */
export const pastTimestamp = (maxClockSkewMs: number) =>
  timestamp.refine(value => Date.parse(value) <= Date.now() + maxClockSkewMs, {
    message: `must not be in the future (more than ${Math.round(
      maxClockSkewMs / 1000,
    )} s ahead of the server's clock)`,
  });

/** An absolute http(s) URL; other schemes could run script where linked. */
export const httpUrl = (max: number) =>
  z
    .string()
    .max(max)
    .transform(value => value.trim())
    .refine(isHttpUrl, { message: 'must be an absolute http or https URL' });

const text = (max: number) => z.string().min(1).max(max);

/** The schemas of the write routes, bound to the configured limits. */
export function createIngestionSchemas(limits: IngestionLimits) {
  const when = pastTimestamp(limits.maxClockSkewMs);

  const entityRef = z
    .string()
    .max(512)
    .superRefine((value, ctx) => {
      let ref;
      try {
        ref = parseEntityRef(value);
      } catch {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'not an entity ref like component:default/payments',
        });
        return;
      }
      const problem = entityRefProblem(ref);
      if (problem) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      } else if (
        !limits.entityKinds.includes(ref.kind.toLocaleLowerCase('en-US'))
      ) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `kind '${
            ref.kind
          }' cannot be deployed; accepted kinds: ${limits.entityKinds.join(
            ', ',
          )} (devops.ingestion.entityKinds)`,
        });
      }
    })
    .transform(normalizeEntityRef);

  const deploymentInput = z
    .object({
      entityRef,
      environment,
      version: text(200),
      status: z.enum(DEPLOYMENT_STATUSES),
      strategy: z.enum(DEPLOYMENT_STRATEGIES).optional(),
      externalId: text(255).optional(),
      startedAt: when.optional(),
      finishedAt: when.optional(),
      commitSha: z
        .string()
        .regex(
          /^[0-9a-fA-F]{7,64}$/,
          'must be a hex commit hash of 7 to 64 characters',
        )
        .transform(s => s.toLowerCase())
        .optional(),
      commitTime: when.optional(),
      actor: text(255).optional(),
      url: httpUrl(2048).optional(),
      rollbackOf: text(255).optional(),
      description: z.string().max(4000).optional(),
    })
    .strict()
    .superRefine((value, ctx) => {
      if (
        value.startedAt &&
        value.finishedAt &&
        value.finishedAt < value.startedAt
      ) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['finishedAt'],
          message: 'must not be before startedAt',
        });
      }
    });

  const migrationReport = z
    .object({
      entityRef,
      environment,
      tool: z.enum(MIGRATION_TOOLS),
      migrations: z
        .array(
          z
            .object({
              id: text(255),
              name: text(512).optional(),
              // Flyway reports integer checksums, the others strings.
              checksum: z
                .union([z.string().min(1).max(255), z.number().int()])
                .transform(String)
                .optional(),
              status: z.enum(MIGRATION_STATUSES),
              appliedAt: when.optional(),
              durationMs: z.number().int().min(0).max(2_147_483_647).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(10_000),
    })
    .strict()
    .superRefine((value, ctx) => {
      const seen = new Map<string, number>();
      value.migrations.forEach((m, index) => {
        const first = seen.get(m.id);
        if (first !== undefined) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['migrations', index, 'id'],
            message: `repeats the id of migrations[${first}]`,
          });
        } else {
          seen.set(m.id, index);
        }
      });
    });

  return {
    deploymentInput: deploymentInput satisfies Parses<DeploymentInput>,
    migrationReport: migrationReport satisfies Parses<MigrationReportInput>,
    alertmanagerWebhook: createAlertmanagerWebhookSchema(
      limits.maxClockSkewMs,
    ) satisfies Parses<AlertmanagerWebhook>,
  };
}

const positiveInt = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

export const deploymentsQuerySchema = z.object({
  environment: environment.optional(),
  status: z.enum(DEPLOYMENT_STATUSES).optional(),
  limit: positiveInt(500, 50),
  cursor: z.string().max(512).optional(),
}) satisfies Parses<Query<'ListDeployments'>>;

export const migrationsQuerySchema = z.object({
  environment: environment.optional(),
}) satisfies Parses<Query<'GetEntityMigrations'>>;

export const doraQuerySchema = z.object({
  environment: environment.default('production'),
  days: positiveInt(365, 30),
}) satisfies Parses<Query<'GetDoraMetrics'>>;

export const alertsQuerySchema = z.object({
  state: z.enum(['firing', 'resolved', 'all']).default('firing'),
  limit: positiveInt(500, 100),
  cursor: z.string().max(512).optional(),
}) satisfies Parses<Query<'GetEntityAlerts'>>;

export const healthQuerySchema = z.object({
  environment: environment.optional(),
  since: timestamp
    .refine(value => Date.now() - Date.parse(value) <= 31 * 86_400_000, {
      message: 'must be within the last 31 days',
    })
    .optional(),
}) satisfies Parses<Query<'GetEntityHealth'>>;

const catalogRef = (defaultKind: string) =>
  z
    .string()
    .min(1)
    .max(512)
    .refine(
      value => {
        try {
          parseEntityRef(value, { defaultKind, defaultNamespace: 'default' });
          return true;
        } catch {
          return false;
        }
      },
      { message: `not a ${defaultKind} name or entity ref` },
    );

export const overviewQuerySchema = z
  .object({
    kind: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9]{0,62}$/,
        'must be a catalog kind like Component',
      )
      .default('Component'),
    owner: catalogRef('group').optional(),
    system: catalogRef('system').optional(),
    lifecycle: z.string().min(1).max(63).optional(),
    environment: environment.optional(),
    doraEnvironment: environment.optional(),
    limit: positiveInt(100, 25),
    cursor: z.string().min(1).max(1024).optional(),
  })
  .strict() satisfies Parses<Query<'GetOverview'>>;

function describe(path: (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') {
      out += `[${part}]`;
    } else {
      out += out ? `.${part}` : part;
    }
  }
  return out;
}

/**
 * Parses with a zod schema, or throws an InputError (400) whose message names
 * every offending field.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map(issue => {
    const field = describe(issue.path);
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      const keys = issue.keys.join(', ');
      return field
        ? `${field}: unknown field(s) ${keys}`
        : `unknown field(s) ${keys}`;
    }
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
}
