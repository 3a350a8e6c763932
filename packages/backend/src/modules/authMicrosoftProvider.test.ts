import request from 'supertest';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import microsoftProvider from '@backstage/plugin-auth-backend-module-microsoft-provider';

/*
 * Microsoft Entra ID signs people in through Backstage's `microsoft` provider, configured the way
 * README.md ("Sign-in in production") shows. No tenant is reachable here, so this checks what the
 * portal controls: the provider starts with that configuration and sends the browser to the
 * tenant's authorize endpoint with the portal's client and callback.
 */
describe('Microsoft Entra ID sign-in, as README.md configures it', () => {
  it('redirects to the tenant with the portal client and callback', async () => {
    const tenantId = '11111111-2222-3333-4444-555555555555';
    const { server } = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
            auth: {
              environment: 'production',
              session: { secret: 'test-only' },
              providers: {
                microsoft: {
                  production: {
                    clientId: 'portal-client',
                    clientSecret: 'portal-secret',
                    tenantId,
                    signIn: {
                      resolvers: [
                        { resolver: 'userIdMatchingUserEntityAnnotation' },
                      ],
                    },
                  },
                },
              },
            },
          },
        }),
        authPlugin,
        microsoftProvider,
      ],
    });

    const response = await request(server).get(
      '/api/auth/microsoft/start?env=production&scope=openid%20profile%20email',
    );

    expect(response.status).toBe(302);
    const location = new URL(response.headers.location);
    expect(location.origin).toBe('https://login.microsoftonline.com');
    expect(location.pathname).toBe(`/${tenantId}/oauth2/v2.0/authorize`);
    expect(location.searchParams.get('client_id')).toBe('portal-client');
    // The test backend listens on a port of its own; the callback is its auth handler.
    expect(new URL(location.searchParams.get('redirect_uri')!).pathname).toBe(
      '/api/auth/microsoft/handler/frame',
    );
  });
});
