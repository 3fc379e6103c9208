import type {
  MigrationReportInput,
  MigrationState,
} from '@backstage-devops/plugin-devops-common';

/** A validated migration report with a normalised entity ref. */
export type MigrationReportRecord = MigrationReportInput;

export interface RecordMigrationReportResult {
  changed: number;
  unchanged: number;
}

/** Current migration states of one entity, keyed by environment. */
export type MigrationStatesByEnvironment = Map<string, MigrationState[]>;

export interface MigrationStore {
  /**
   * Applies a report: a migration whose state differs from what is stored
   * gets a new revision in the history; a repeated state changes nothing but
   * its last-reported time.
   */
  recordReport(
    report: MigrationReportRecord,
  ): Promise<RecordMigrationReportResult>;
  getStates(entityRef: string): Promise<MigrationStatesByEnvironment>;
  /** Pending and failed counts per environment, for summaries. */
  countOpen(
    entityRef: string,
  ): Promise<Map<string, { pending: number; failed: number }>>;
}
