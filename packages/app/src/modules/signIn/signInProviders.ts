import type { ConfigApi } from '@backstage/frontend-plugin-api';

/**
 * The ways to sign in the sign-in page can offer, each an auth provider of the backend:
 * `oidc` the company's identity provider, `demo` the demo users of `app.demoUsers`, `guest`.
 */
export type SignInProviderId = 'oidc' | 'demo' | 'guest';

/** What the sign-in page offers, from `app.signIn` (see packages/app/config.d.ts). */
export type SignInOptions = {
  providers: SignInProviderId[];
  /** The identity provider's card, and the backend auth provider behind it. */
  oidc: { title: string; description: string; authProvider: IdpAuthProvider };
};

/** The backend auth provider behind the identity provider's card (`app.signIn.oidc.authProvider`). */
export type IdpAuthProvider = 'oidc' | 'microsoft';

const KNOWN: SignInProviderId[] = ['oidc', 'demo', 'guest'];

// Without `app.signIn.providers`: the local demo, as before the identity provider existed.
const DEFAULT_PROVIDERS: SignInProviderId[] = ['demo', 'guest'];

export function readSignInOptions(config: ConfigApi): SignInOptions {
  const configured = config.getOptionalStringArray('app.signIn.providers');
  const providers = configured
    ? KNOWN.filter(id => configured.includes(id))
    : DEFAULT_PROVIDERS;
  return {
    providers,
    oidc: {
      title:
        config.getOptionalString('app.signIn.oidc.title') ?? 'Company sign-in',
      description:
        config.getOptionalString('app.signIn.oidc.description') ??
        "Sign in with your company account, through the company's identity provider. Your teams come from the company directory.",
      authProvider:
        config.getOptionalString('app.signIn.oidc.authProvider') === 'microsoft'
          ? 'microsoft'
          : 'oidc',
    },
  };
}
