import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_STRATEGIES,
  DEVOPS_ENVIRONMENT_NAME_PATTERN,
  MIGRATION_STATUSES,
  MIGRATION_TOOLS,
} from '@backstage-devops/plugin-devops-common';
import { DateTime } from 'luxon';
import { z } from 'zod';

/** Catalog refs are case-insensitive; the store keeps them lower-cased. */
export function normalizeEntityRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

const entityRef = z
  .string()
  .max(512)
  .refine(
    value => {
      try {
        parseEntityRef(value);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not an entity ref like component:default/payments' },
  )
  .transform(normalizeEntityRef);

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

const text = (max: number) => z.string().min(1).max(max);

export const deploymentInputSchema = z
  .object({
    entityRef,
    environment,
    version: text(200),
    status: z.enum(DEPLOYMENT_STATUSES),
    strategy: z.enum(DEPLOYMENT_STRATEGIES).optional(),
    externalId: text(255).optional(),
    startedAt: timestamp.optional(),
    finishedAt: timestamp.optional(),
    commitSha: z
      .string()
      .regex(
        /^[0-9a-fA-F]{7,64}$/,
        'must be a hex commit hash of 7 to 64 characters',
      )
      .transform(s => s.toLowerCase())
      .optional(),
    commitTime: timestamp.optional(),
    actor: text(255).optional(),
    url: z.string().max(2048).url().optional(),
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

export const migrationReportSchema = z
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
            appliedAt: timestamp.optional(),
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

const positiveInt = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

export const deploymentsQuerySchema = z.object({
  environment: environment.optional(),
  status: z.enum(DEPLOYMENT_STATUSES).optional(),
  limit: positiveInt(500, 50),
  cursor: z.string().max(512).optional(),
});

export const migrationsQuerySchema = z.object({
  environment: environment.optional(),
});

export const doraQuerySchema = z.object({
  environment: environment.default('production'),
  days: positiveInt(365, 30),
});

export const alertsQuerySchema = z.object({
  state: z.enum(['firing', 'resolved', 'all']).default('firing'),
});

export const healthQuerySchema = z.object({
  environment: environment.optional(),
  since: timestamp
    .refine(value => Date.now() - Date.parse(value) <= 31 * 86_400_000, {
      message: 'must be within the last 31 days',
    })
    .optional(),
});

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
    limit: positiveInt(100, 25),
    cursor: z.string().min(1).max(1024).optional(),
  })
  .strict();

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
