import type {
  EntityMigrations,
  MigrationReportInput,
} from '@backstage-devops/plugin-devops-common';
import type { EntityEnvironments } from '../entities/EntityEnvironments';
import type { IngestionTargets } from '../entities/IngestionTargets';
import { buildEntityMigrations } from './migrationDrift';
import type {
  MigrationStore,
  RecordMigrationReportResult,
} from './MigrationStore';

/** Records migration reports and answers where an entity's migrations stand. */
export class MigrationService {
  constructor(
    private readonly options: {
      store: MigrationStore;
      entities: EntityEnvironments;
      targets: IngestionTargets;
      /** Told about every entity a report was recorded for. */
      onRecorded?: (entityRef: string) => void;
    },
  ) {}

  /** Applies a validated report for a catalog entity's own environment. */
  async record(report: MigrationReportInput): Promise<
    RecordMigrationReportResult & {
      entityRef: string;
      environment: string;
    }
  > {
    await this.options.targets.check(report.entityRef, report.environment);
    const result = await this.options.store.recordReport(report);
    this.options.onRecorded?.(report.entityRef);
    return {
      entityRef: report.entityRef,
      environment: report.environment,
      ...result,
    };
  }

  /**
   * The entity's migrations per environment and where environments
   * disagree; with `environment`, only what concerns that one.
   */
  async entityMigrations(
    entityRef: string,
    environment?: string,
  ): Promise<EntityMigrations> {
    const states = await this.options.store.getStates(entityRef);
    const order = await this.options.entities.orderFor(entityRef);
    const result = buildEntityMigrations(states, order);
    if (environment) {
      result.environments = result.environments.filter(
        e => e.environment === environment,
      );
      result.drift = result.drift.filter(
        d =>
          d.appliedIn.includes(environment) ||
          d.notAppliedIn.includes(environment),
      );
    }
    return result;
  }
}
