import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_DEVOPS_ENVIRONMENTS } from './annotations';

/**
 * The environments a deployment moves through when neither config nor the
 * entity says otherwise, in promotion order.
 *
 * @public
 */
export const DEFAULT_DEVOPS_ENVIRONMENTS: readonly string[] = [
  'development',
  'staging',
  'production',
];

/**
 * Environment names are used in URLs, annotation keys and CI scripts, so they
 * are kept to a conservative, case-insensitive alphabet.
 *
 * @public
 */
export const DEVOPS_ENVIRONMENT_NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

/**
 * Parses a comma-separated environment list as written in the
 * `devops/environments` annotation. Blank entries and repeats are dropped and
 * names are lower-cased; order is kept because it is the promotion order.
 *
 * @public
 */
export function parseEnvironmentList(value: string): string[] {
  const seen = new Set<string>();
  for (const raw of value.split(',')) {
    const name = raw.trim().toLowerCase();
    if (name && DEVOPS_ENVIRONMENT_NAME_PATTERN.test(name)) {
      seen.add(name);
    }
  }
  return [...seen];
}

/**
 * The ordered environments of an entity: its own annotation when it has a
 * usable one, otherwise the configured list.
 *
 * @public
 */
export function getEntityEnvironments(
  entity: Pick<Entity, 'metadata'>,
  configured: readonly string[] = DEFAULT_DEVOPS_ENVIRONMENTS,
): string[] {
  const annotation =
    entity.metadata.annotations?.[ANNOTATION_DEVOPS_ENVIRONMENTS];
  if (annotation) {
    const parsed = parseEnvironmentList(annotation);
    if (parsed.length > 0) {
      return parsed;
    }
  }
  return [...configured];
}
