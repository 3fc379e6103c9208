export interface Config {
  app?: {
    signIn?: {
      /**
       * Sign-in providers the app offers: `guest` (local development, the
       * default) and `github` (app-config.production.yaml). The backend must
       * have the same providers configured under `auth.providers`.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'github'>;
    };
  };
}
