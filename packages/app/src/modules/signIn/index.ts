import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { oidcAuthApi } from './oidcAuthApi';

/**
 * Replaces the app's default sign-in page (`sign-in-page:app`, the guest "Enter" card) with
 * the portal's: the company's identity provider and, in the local demo, the demo users picker
 * (see PortalSignInPage).
 */
export const portalSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => (await import('./PortalSignInPage')).PortalSignInPage,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [portalSignInPage, oidcAuthApi],
});
