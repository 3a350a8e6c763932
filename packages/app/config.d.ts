export interface Config {
  app?: {
    /** The sign-in page (packages/app/src/modules/signIn). */
    signIn?: {
      /**
       * What the sign-in page offers, each an auth provider the backend must have configured:
       * `oidc` the company's identity provider (`auth.providers.oidc`), `demo` the demo users
       * of `app.demoUsers` (`auth.providers.demo`), `guest` (`auth.providers.guest`). Shown in
       * that order. Defaults to `[demo, guest]`, the local demo; production: `[oidc]`.
       * @visibility frontend
       */
      providers?: Array<'oidc' | 'demo' | 'guest'>;
      /**
       * The identity provider's card on the sign-in page.
       * @visibility frontend
       */
      oidc?: {
        /** e.g. `Contoso (Microsoft Entra ID)`; defaults to `Company sign-in`. @visibility frontend */
        title?: string;
        /** A sentence under the title. @visibility frontend */
        description?: string;
        /**
         * The backend auth provider behind the card: `oidc` (default; generic OpenID Connect,
         * e.g. Okta, `auth.providers.oidc`) or `microsoft` (Microsoft Entra ID,
         * `auth.providers.microsoft`; Entra's userinfo carries no `email_verified`, which the
         * generic provider requires before it passes the e-mail on).
         * @visibility frontend
         */
        authProvider?: 'oidc' | 'microsoft';
      };
    };
    /**
     * Demo users offered on the sign-in page, each signed in by the backend's `demo` auth
     * provider (`auth.providers.demo`). For the local demo only: leave it out where people sign
     * in with a real identity provider. Offered when `app.signIn.providers` has `demo`.
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
