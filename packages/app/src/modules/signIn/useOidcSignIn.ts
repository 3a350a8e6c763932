import { useCallback, useState } from 'react';
import { UserIdentity } from '@backstage/core-components';
import {
  IdentityApi,
  microsoftAuthApiRef,
  useApiHolder,
} from '@backstage/frontend-plugin-api';
import { oidcAuthApiRef } from './oidcAuthApi';
import type { IdpAuthProvider } from './signInProviders';

// Microsoft Entra ID goes through Backstage's own `microsoft` provider and API (the app's
// defaults provide it); any other OpenID Connect IdP through the app's generic `oidc` API.
const AUTH_API_REFS = { oidc: oidcAuthApiRef, microsoft: microsoftAuthApiRef };

export type OidcSignInState = {
  pending: boolean;
  error?: Error;
  /**
   * Signs in through the identity provider, like Backstage's own SignInPage does: with
   * `popup`, the provider's login page opens in a popup window (call it from the click, so the
   * browser lets it open); without, only an existing session is picked up (a reload). Resolves
   * whether someone is signed in now.
   */
  signIn: (options: { popup: boolean }) => Promise<boolean>;
};

export function useOidcSignIn(
  authProvider: IdpAuthProvider,
  onSignInSuccess: (identity: IdentityApi) => void,
): OidcSignInState {
  // Optional: the page also renders where the app module (and so this API) is not installed.
  const authApi = useApiHolder().get(AUTH_API_REFS[authProvider]);
  const [state, setState] = useState<{ pending: boolean; error?: Error }>({
    pending: false,
  });

  const signIn = useCallback(
    async ({ popup }: { popup: boolean }) => {
      if (!authApi) {
        setState({
          pending: false,
          error: new Error(
            `The ${authProvider} sign-in API is not installed in the app`,
          ),
        });
        return false;
      }
      setState({ pending: true });
      try {
        const response = await authApi.getBackstageIdentity(
          popup ? { instantPopup: true } : { optional: true },
        );
        if (!response) {
          setState({ pending: false });
          return false;
        }
        const profile = await authApi.getProfile();
        onSignInSuccess(
          UserIdentity.create({
            identity: response.identity,
            authApi,
            profile,
          }),
        );
        return true;
      } catch (error) {
        setState({ pending: false, error: error as Error });
        return false;
      }
    },
    [authApi, authProvider, onSignInSuccess],
  );

  return { ...state, signIn };
}
