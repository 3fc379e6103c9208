export interface Config {
  /** Configuration of the Backstage DevOps backend plugin. */
  devops?: {
    /**
     * Environments in promotion order. An entity can override them with the
     * `devops/environments` annotation.
     * @visibility frontend
     */
    environments?: string[];
    demoData?: {
      /**
       * Fill the store with realistic deployments, migrations, health history
       * and alerts for the example catalog entities at startup. For local
       * development and demos only.
       */
      enabled?: boolean;
    };
    ingestion?: {
      /**
       * Reject pushed deployments and migration reports for entities that are
       * not in the catalog (404). Defaults to true.
       */
      requireCatalogEntity?: boolean;
    };
  };
}
