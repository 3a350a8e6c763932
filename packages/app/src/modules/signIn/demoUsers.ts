import type { ConfigApi } from '@backstage/frontend-plugin-api';
import type { SignInProviderId } from './signInProviders';

/** A demo user offered on the sign-in page, from `app.demoUsers` (see packages/app/config.d.ts). */
export type DemoUser = {
  /** Name of the User entity in the catalog, e.g. `bob-owner`. */
  name: string;
  /** Display name, e.g. `Bob Owner`. */
  title: string;
  /** What the user is in the demo, e.g. which teams it belongs to. */
  description?: string;
};

/**
 * Who to sign in as: a demo user (auth provider `demo`), a guest (provider `guest`), or whoever
 * the company's identity provider says (provider `oidc`).
 */
export type SignInChoice =
  | { provider: 'demo'; user: DemoUser }
  | { provider: 'guest' }
  | { provider: 'oidc' };

/** The header the backend's `demo` provider reads (packages/backend/src/modules/authModuleDemoUsers.ts). */
export const DEMO_USER_HEADER = 'x-demo-user';

/**
 * Where the choice is remembered, so that reloading the page signs the same user in again
 * without asking. Cleared on sign-out, which brings the picker back.
 */
export const SIGN_IN_CHOICE_STORAGE_KEY = 'cloud-data-hub:demo-sign-in';

export function readDemoUsers(config: ConfigApi): DemoUser[] {
  return (config.getOptionalConfigArray('app.demoUsers') ?? []).map(user => {
    const name = user.getString('name');
    return {
      name,
      title: user.getOptionalString('title') ?? name,
      description: user.getOptionalString('description'),
    };
  });
}

export function rememberChoice(choice: SignInChoice) {
  const value =
    choice.provider === 'demo' ? `demo:${choice.user.name}` : choice.provider;
  window.localStorage.setItem(SIGN_IN_CHOICE_STORAGE_KEY, value);
}

export function forgetChoice() {
  window.localStorage.removeItem(SIGN_IN_CHOICE_STORAGE_KEY);
}

/**
 * The remembered choice, if it still makes sense: a user or provider that is no longer offered
 * (the config changed) brings the picker back rather than a sign-in error.
 */
export function loadChoice(
  users: DemoUser[],
  providers: SignInProviderId[],
): SignInChoice | undefined {
  const value = window.localStorage.getItem(SIGN_IN_CHOICE_STORAGE_KEY);
  if (value === 'guest' || value === 'oidc') {
    return providers.includes(value) ? { provider: value } : undefined;
  }
  if (!providers.includes('demo')) {
    return undefined;
  }
  const name = value?.startsWith('demo:')
    ? value.slice('demo:'.length)
    : undefined;
  const user = users.find(u => u.name === name);
  return user ? { provider: 'demo', user } : undefined;
}
