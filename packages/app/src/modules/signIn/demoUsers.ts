import type { ConfigApi } from '@backstage/frontend-plugin-api';

/** A demo user offered on the sign-in page, from `app.demoUsers` (see packages/app/config.d.ts). */
export type DemoUser = {
  /** Name of the User entity in the catalog, e.g. `bob-owner`. */
  name: string;
  /** Display name, e.g. `Bob Owner`. */
  title: string;
  /** What the user is in the demo, e.g. which teams it belongs to. */
  description?: string;
};

/** Who to sign in as: a demo user (auth provider `demo`), or a guest (provider `guest`). */
export type SignInChoice =
  | { provider: 'demo'; user: DemoUser }
  | { provider: 'guest' };

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
    choice.provider === 'guest' ? 'guest' : `demo:${choice.user.name}`;
  window.localStorage.setItem(SIGN_IN_CHOICE_STORAGE_KEY, value);
}

export function forgetChoice() {
  window.localStorage.removeItem(SIGN_IN_CHOICE_STORAGE_KEY);
}

/**
 * The remembered choice, if it still makes sense: a user that is no longer offered (the
 * config changed) brings the picker back rather than a sign-in error.
 */
export function loadChoice(users: DemoUser[]): SignInChoice | undefined {
  const value = window.localStorage.getItem(SIGN_IN_CHOICE_STORAGE_KEY);
  if (value === 'guest') {
    return { provider: 'guest' };
  }
  const name = value?.startsWith('demo:')
    ? value.slice('demo:'.length)
    : undefined;
  const user = users.find(u => u.name === name);
  return user ? { provider: 'demo', user } : undefined;
}
