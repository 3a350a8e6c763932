/*
 * Refuses to start a production portal whose config still lets people in without an identity
 * provider: `auth.providers.guest` (anybody, as the guest) or `auth.providers.demo` (anybody, as
 * any catalog User, see authModuleDemoUsers.ts). Both providers already refuse to sign in
 * outside development unless `dangerouslyAllowOutsideDevelopment` is set; this check refuses
 * the config itself, that flag included, so a forgotten demo setting fails the deployment loudly
 * instead of waiting for someone to notice.
 *
 * "Production" is `NODE_ENV=production` (what Backstage's backend Docker image sets) or
 * `auth.environment: production` (what app-config.production.yaml sets, and what selects the
 * `production` entries of the OAuth providers' config).
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** The auth providers that sign people in without any credential. */
export const DEMO_ONLY_AUTH_PROVIDERS = ['guest', 'demo'] as const;

/** Whether the portal runs as a production deployment (see the file comment). */
export function isProduction(config: Config, nodeEnv = process.env.NODE_ENV) {
  return (
    nodeEnv === 'production' ||
    config.getOptionalString('auth.environment') === 'production'
  );
}

/**
 * Throws when a production config enables a credential-less auth provider; does nothing
 * outside production.
 */
export function assertNoDemoSignInInProduction(
  config: Config,
  nodeEnv = process.env.NODE_ENV,
) {
  if (!isProduction(config, nodeEnv)) return;
  const enabled = DEMO_ONLY_AUTH_PROVIDERS.filter(id =>
    config.has(`auth.providers.${id}`),
  );
  if (enabled.length === 0) return;
  const keys = enabled.map(id => `auth.providers.${id}`).join(', ');
  throw new Error(
    `Refusing to start: ${keys} must not be configured in production ` +
      `(NODE_ENV=${nodeEnv ?? '(unset)'}, auth.environment=${
        config.getOptionalString('auth.environment') ?? '(unset)'
      }), they sign people in without any credential. Remove ${
        enabled.length > 1 ? 'them' : 'it'
      } (e.g. \`${
        enabled[0]
      }: null\` in app-config.production.yaml) and sign in through the ` +
      `identity provider (auth.providers.oidc); see "Sign-in in production" in README.md.`,
  );
}

/** Runs the check when the auth plugin starts, so a bad config fails the backend's start-up. */
export const authModuleProductionSignInCheck = createBackendModule({
  pluginId: 'auth',
  moduleId: 'production-sign-in-check',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig },
      async init({ config }) {
        assertNoDemoSignInInProduction(config);
      },
    });
  },
});
