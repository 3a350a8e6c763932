import request from 'supertest';
import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { authModuleDemoUsers } from './authModuleDemoUsers';

// A slice of packages/backend/demo/org.yaml as the catalog serves it: with the memberOf
// relations the catalog's processors add, which is what ownership resolution reads.
const user = (name: string, displayName: string, groups: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {
    profile: { displayName, email: `${name.split('-')[0]}@example.com` },
    memberOf: groups,
  },
  relations: groups.map(group => ({
    type: 'memberOf',
    targetRef: `group:default/${group}`,
  })),
});
const group = (name: string, members: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], members },
  relations: members.map(member => ({
    type: 'hasMember',
    targetRef: `user:default/${member}`,
  })),
});
const entities = [
  user('alice-analyst', 'Alice Analyst', [
    'us-marketing-analytics',
    'fleet-insights',
  ]),
  user('bob-owner', 'Bob Owner', [
    'connected-vehicle-data',
    'vehicle-master-data',
    'sales-data-us',
  ]),
  group('us-marketing-analytics', ['alice-analyst']),
  group('fleet-insights', ['alice-analyst']),
  group('connected-vehicle-data', ['bob-owner']),
  group('vehicle-master-data', ['bob-owner']),
  group('sales-data-us', ['bob-owner']),
];

/**
 * Another backend plugin answering with what Backstage's userInfo service says of the caller:
 * that is how the data hub backend learns a user's groups from the token the demo provider
 * issued (with Backstage's default, the token itself does not carry them).
 */
const whoamiPlugin = createBackendPlugin({
  pluginId: 'whoami',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
      },
      async init({ httpRouter, httpAuth, userInfo }) {
        httpRouter.use(async (req, res, next) => {
          try {
            const credentials = await httpAuth.credentials(req, {
              allow: ['user'],
            });
            res.json(await userInfo.getUserInfo(credentials));
          } catch (error) {
            next(error);
          }
        });
      },
    });
  },
});

// auth.providers: which providers are configured, e.g. { demo: {} }
async function startBackend(providers: {
  [providerId: string]: { dangerouslyAllowOutsideDevelopment?: boolean };
}) {
  const { server } = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers },
        },
      }),
      catalogServiceMock.factory({ entities }),
      // Backstage's real token handling, so a user token is verified as in production.
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
      authPlugin,
      authModuleDemoUsers,
      whoamiPlugin,
    ],
  });
  return server;
}

const decodeJwtPayload = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

describe('authModuleDemoUsers', () => {
  // Jest runs with NODE_ENV=test, where the provider refuses to work unless explicitly allowed.
  const demo = { demo: { dangerouslyAllowOutsideDevelopment: true } };

  it('signs a catalog user in with the user and its groups as ownership refs', async () => {
    const server = await startBackend(demo);

    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-demo-user', 'bob-owner');

    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({
      displayName: 'Bob Owner',
      email: 'bob@example.com',
    });
    const ownershipEntityRefs = [
      'user:default/bob-owner',
      'group:default/connected-vehicle-data',
      'group:default/vehicle-master-data',
      'group:default/sales-data-us',
    ];
    expect(res.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/bob-owner',
      ownershipEntityRefs,
    });
    const { token } = res.body.backstageIdentity;
    expect(decodeJwtPayload(token)).toMatchObject({
      sub: 'user:default/bob-owner',
      aud: 'backstage',
    });

    // The token is a real Backstage user token: other plugins accept it and resolve its groups.
    const whoami = await request(server)
      .get('/api/whoami')
      .set('Authorization', `Bearer ${token}`);
    expect(whoami.status).toBe(200);
    expect(whoami.body).toEqual({
      userEntityRef: 'user:default/bob-owner',
      ownershipEntityRefs,
    });
  });

  it('signs in whichever user the header names (a consumer here)', async () => {
    const server = await startBackend(demo);

    const res = await request(server)
      .post('/api/auth/demo/refresh')
      .set('x-demo-user', 'alice-analyst');

    expect(res.status).toBe(200);
    expect(res.body.profile.displayName).toBe('Alice Analyst');
    expect(res.body.backstageIdentity.identity.ownershipEntityRefs).toEqual([
      'user:default/alice-analyst',
      'group:default/us-marketing-analytics',
      'group:default/fleet-insights',
    ]);
  });

  it('refuses a user the catalog does not have, or no user at all, with 401', async () => {
    const server = await startBackend(demo);

    const unknown = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-demo-user', 'mallory');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(
      "Unknown demo user 'mallory': the catalog has no User entity user:default/mallory",
    );

    // A group is not a user, even when named like one.
    const aGroup = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-demo-user', 'sales-data-us');
    expect(aGroup.status).toBe(401);

    const malformed = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-demo-user', 'group:default/sales-data-us');
    expect(malformed.status).toBe(401);
    expect(malformed.body.error.message).toContain(
      "Invalid x-demo-user header 'group:default/sales-data-us'",
    );

    const missing = await request(server).get('/api/auth/demo/refresh');
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toBe(
      'Missing x-demo-user header naming the demo user to sign in as',
    );
  });

  it('is absent when auth.providers.demo is not configured', async () => {
    const server = await startBackend({ guest: {} });

    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-demo-user', 'bob-owner');

    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      "No auth provider registered for 'demo'",
    );
  });

  it('refuses to sign anyone in outside development unless explicitly allowed', async () => {
    const server = await startBackend({ demo: {} });

    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-demo-user', 'bob-owner');

    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      "only runs in development unless 'auth.providers.demo.dangerouslyAllowOutsideDevelopment' is true",
    );
  });
});
