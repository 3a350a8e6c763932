/*
 * The Cloud Data Hub demo portal's backend. It runs the embedded default (better-sqlite3,
 * DuckDB over the generated demo lake) unless app-config points it elsewhere.
 */
import { createBackend } from '@backstage/backend-defaults';
import { catalogModuleLocalFileLocations } from './modules/catalogModuleLocalFileLocations';
import { permissionModuleDataHubDemoPolicy } from './modules/permissionPolicyDataHubDemo';
import { authModuleDemoUsers } from './modules/authModuleDemoUsers';
import { authModuleProductionSignInCheck } from './modules/authModuleProductionSignInCheck';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: each provider is only active when configured under auth.providers. The company's
// identity provider (`oidc`: Entra ID, Okta, ...) signs people in as the catalog User with their
// e-mail; guest and the demo users (provider `demo`) are for the local demo only, and refused
// at start-up in production (see README.md, "Sign-in in production").
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));
// Microsoft Entra ID (its userinfo has no email_verified, which the generic oidc provider requires)
backend.add(import('@backstage/plugin-auth-backend-module-microsoft-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(authModuleDemoUsers);
backend.add(authModuleProductionSignInCheck);

// catalog, with the Dataset kind and the data hub's dataset provider
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
backend.add(import('@cloud-data-hub/catalog-backend-module-data-hub'));
backend.add(catalogModuleLocalFileLocations);

// scaffolder, with the data hub's template actions
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@cloud-data-hub/scaffolder-backend-module-data-hub'));
// publishing targets of the templates besides the local default (need integrations config)
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-bitbucket-server'),
);

// the data hub: embedded DuckDB default, AWS runtime when configured
backend.add(import('@cloud-data-hub/data-hub-backend'));
backend.add(import('@cloud-data-hub/data-hub-backend-module-duckdb'));
backend.add(import('@cloud-data-hub/data-hub-backend-module-aws'));

// permissions
backend.add(import('@backstage/plugin-permission-backend'));
// the demo policy: allows everything but narrows the data hub's access actions
backend.add(permissionModuleDataHubDemoPolicy);

// search
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@cloud-data-hub/search-backend-module-data-hub'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
