export interface Config {
  devops?: {
    demoData?: {
      /**
       * Set to false to keep the installed demo module from filling the
       * DevOps store with demo history. Defaults to true: installing
       * `@backstage-devops/plugin-devops-backend-module-demo` turns demo
       * data on. For local development and demos only.
       */
      enabled?: boolean;
    };
  };
}
