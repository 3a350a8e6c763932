export interface Config {
  app?: {
    /**
     * Demo users offered on the sign-in page, each signed in by the backend's `demo` auth
     * provider (`auth.providers.demo`). For the local demo only: leave it out where people sign
     * in with a real identity provider. The guest option is always offered.
     * @visibility frontend
     */
    demoUsers?: Array<{
      /** Name of a User entity in the catalog (namespace `default`), e.g. `bob-owner`. @visibility frontend */
      name: string;
      /** Display name on the sign-in page; defaults to the name. @visibility frontend */
      title?: string;
      /** What the user is in the demo, e.g. its teams. @visibility frontend */
      description?: string;
    }>;
  };
}
