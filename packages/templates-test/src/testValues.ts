import type { Entity } from '@backstage/catalog-model';
import type { JsonObject, JsonPrimitive } from '@backstage/types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The name of the example values file kept beside each template.yaml.
 *
 * @public
 */
export const TEST_VALUES_FILE = 'test-values.yaml';

const primitive = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const testValuesSchema = z
  .object({
    values: z.record(z.string(), z.unknown()).default({}),
    secrets: z.record(z.string(), z.string()).optional(),
    matrix: z
      .record(
        z.string(),
        z.array(primitive).min(1, 'must list at least one value'),
      )
      .optional(),
    /** Extra renderings beside the matrix's product, each its own row. */
    include: z.array(z.record(z.string(), primitive)).optional(),
    entities: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .strict();

/**
 * One rendering of a template: the values it runs with and its label.
 *
 * @public
 */
export interface Combination {
  /** `runtime=node ciProvider=github`, or `default` without a matrix. */
  label: string;
  /** Only the matrix keys and their values for this rendering. */
  matrix: Record<string, JsonPrimitive>;
  /** The full parameter values: the file's `values` with `matrix` over them. */
  values: JsonObject;
}

/**
 * The parsed `test-values.yaml` of a template.
 *
 * @public
 */
export interface TestValues {
  /** Parameter values every rendering starts from (`values:`). */
  values: JsonObject;
  /** Secrets passed to the dry-run (`secrets:`); empty when none. */
  secrets: Record<string, string>;
  /**
   * Catalog entities the dry-run's catalog answers with (`entities:`), for
   * steps such as `catalog:fetch`; empty when none.
   */
  entities: Entity[];
  /**
   * Every rendering to run: the product of `matrix:`, then each `include:`
   * row (only those rows without a matrix); a single `default` combination
   * without either.
   */
  combinations: Combination[];
}

/** Keeps a label readable when a row carries a long free-text value. */
function shortened(value: JsonPrimitive) {
  const text = JSON.stringify(value);
  const plain = /^[\w.:/-]*$/.test(String(value)) ? String(value) : text;
  return plain.length > 24 ? `${plain.slice(0, 23)}…` : plain;
}

function cartesian(matrix: Record<string, JsonPrimitive[]>) {
  let rows: Array<Record<string, JsonPrimitive>> = [{}];
  for (const [key, options] of Object.entries(matrix)) {
    rows = rows.flatMap(row =>
      options.map(option => ({ ...row, [key]: option })),
    );
  }
  return rows;
}

/**
 * Reads `test-values.yaml` from a template directory, synchronously so
 * tests can list the renderings when they are declared. Throws an Error
 * naming the file and the offending field when it is malformed.
 *
 * @public
 */
export function readTestValues(templateDir: string): TestValues {
  const file = join(templateDir, TEST_VALUES_FILE);
  const parsed = testValuesSchema.safeParse(
    parse(readFileSync(file, 'utf8')) ?? {},
  );
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new Error(`${TEST_VALUES_FILE} is malformed: ${problems}`);
  }
  const { values, secrets, matrix, include, entities } = parsed.data;
  // Like a CI matrix: rows listed under include alone are the only renderings.
  const rows =
    include && !matrix
      ? include
      : [...cartesian(matrix ?? {}), ...(include ?? [])];
  const combinations = rows.map(row => ({
    label:
      Object.entries(row)
        .map(([key, value]) => `${key}=${shortened(value)}`)
        .join(' ') || 'default',
    matrix: row,
    values: { ...(values as JsonObject), ...row },
  }));
  return {
    values: values as JsonObject,
    secrets: secrets ?? {},
    entities: (entities ?? []) as unknown as Entity[],
    combinations,
  };
}
