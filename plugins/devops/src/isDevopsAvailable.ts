import type { Entity } from '@backstage/catalog-model';

/**
 * Whether the DevOps tab makes sense for an entity: deployable software,
 * that is, components. Use it with `EntitySwitch` or an entity content filter.
 *
 * @public
 */
export function isDevopsAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}
