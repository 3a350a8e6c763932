import { OAuth2 } from '@backstage/core-app-api';
import {
  ApiBlueprint,
  BackstageIdentityApi,
  configApiRef,
  createApiRef,
  discoveryApiRef,
  oauthRequestApiRef,
  OpenIdConnectApi,
  ProfileInfoApi,
  SessionApi,
} from '@backstage/frontend-plugin-api';

/**
 * The company's identity provider, signed in through the backend's `oidc` auth provider
 * (`auth.providers.oidc`, @backstage/plugin-auth-backend-module-oidc-provider). Backstage ships
 * no API ref for the generic OIDC provider, so the app defines its own.
 */
export const oidcAuthApiRef = createApiRef<
  OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'cloud-data-hub.auth.oidc' });

/** Extension id: `api:app/oidc-auth`. */
export const oidcAuthApi = ApiBlueprint.make({
  name: 'oidc-auth',
  params: defineParams =>
    defineParams({
      api: oidcAuthApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
        configApi: configApiRef,
      },
      factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: {
            id: 'oidc',
            title: 'Company sign-in',
            icon: () => null,
          },
          // The scopes the backend's oidc provider requires anyway; the e-mail is what the
          // sign-in resolver matches the catalog User by.
          defaultScopes: ['openid', 'profile', 'email'],
          // `production` in app-config.production.yaml: the backend picks the provider config
          // of that environment.
          environment: configApi.getOptionalString('auth.environment'),
        }),
    }),
});
