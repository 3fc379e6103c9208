import { InputError, NotFoundError } from '@backstage/errors';
import type { EntityEnvironments } from './EntityEnvironments';

/**
 * Decides whether pushed data may be recorded for an entity environment:
 * the entity must be in the catalog (unless configured otherwise) and the
 * environment one of its own.
 */
export class IngestionTargets {
  constructor(
    private readonly options: {
      entities: EntityEnvironments;
      /** `devops.ingestion.requireCatalogEntity` */
      requireCatalogEntity: boolean;
    },
  ) {}

  /** Throws NotFoundError or InputError for a target the catalog refuses. */
  async check(entityRef: string, environment: string): Promise<void> {
    const environments = await this.options.entities.lookup(entityRef);
    if (!environments) {
      if (this.options.requireCatalogEntity) {
        throw new NotFoundError(
          `entityRef: ${entityRef} is not in the catalog (set devops.ingestion.requireCatalogEntity to false to accept it anyway)`,
        );
      }
      return;
    }
    if (!environments.includes(environment)) {
      throw new InputError(
        `environment: '${environment}' is not an environment of ${entityRef}; expected one of ${environments.join(
          ', ',
        )}`,
      );
    }
  }
}
