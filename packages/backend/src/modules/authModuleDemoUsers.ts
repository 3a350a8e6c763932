/*
 * The `demo` auth provider: sign in as any User entity of the catalog by naming it, so that a
 * consumer and a dataset owner can both be tried in one browser (issue 3). FOR THE LOCAL DEMO
 * ONLY: there is no credential at all, whoever can reach the backend can be anyone.
 *
 * It is only mounted when `auth.providers.demo` is present in the config (the auth backend skips
 * providers that are not configured), and even then it refuses to work outside
 * `NODE_ENV=development` (what `yarn dev` sets) unless explicitly allowed, like Backstage's guest
 * provider. Config it reads:
 *
 * ```yaml
 * auth:
 *   providers:
 *     demo:
 *       # optional; allow it when NODE_ENV is not `development` (tests, a deployed demo)
 *       dangerouslyAllowOutsideDevelopment: false
 * ```
 *
 * `GET|POST /api/auth/demo/refresh` with the header `x-demo-user: <user name>` answers what every
 * Backstage sign-in answers: the profile (display name, email, picture of the User entity) and a
 * Backstage token issued by the auth backend, whose identity carries the user's entity ref and
 * ownership refs (the user and its groups), resolved from the catalog the same way a real
 * provider's `signInWithCatalogUser` resolver does. A name that is not a User of the catalog is
 * refused with 401.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthResolverContext,
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  SignInResolver,
} from '@backstage/plugin-auth-node';

/** The request header that names the demo user to sign in as. */
export const DEMO_USER_HEADER = 'x-demo-user';

/** What the authenticator hands to the profile transform and sign-in resolver. */
type DemoUserResult = { userName: string };

// Backstage's entity name rule (1-63 characters, alphanumerics separated by - _ .). Checked up
// front so a malformed header (e.g. a full ref such as `group:default/x`) gets a clear answer.
const ENTITY_NAME = /^(?=.{1,63}$)[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;

// The backend's error handler maps @backstage/errors' well-known errors to HTTP statuses by
// their `name` (AuthenticationError 401, NotAllowedError 403); this package does not depend on
// @backstage/errors, so it throws errors of the same name and shape.
class HttpError extends Error {
  constructor(
    readonly name: 'AuthenticationError' | 'NotAllowedError',
    message: string,
  ) {
    super(message);
  }
}

/** Looks the named user up in the catalog; unknown users are an authentication failure. */
async function findDemoUser(name: string, ctx: AuthResolverContext) {
  try {
    return await ctx.findCatalogUser({
      entityRef: { kind: 'User', namespace: 'default', name },
    });
  } catch (error) {
    throw asUnknownUser(error, name);
  }
}

function asUnknownUser(error: unknown, name: string): unknown {
  if ((error as Error)?.name !== 'NotFoundError') return error;
  return new HttpError(
    'AuthenticationError',
    `Unknown demo user '${name}': the catalog has no User entity user:default/${name}`,
  );
}

const demoUserAuthenticator = createProxyAuthenticator<
  { enabled: boolean },
  DemoUserResult,
  undefined
>({
  initialize({ config }) {
    return {
      enabled:
        process.env.NODE_ENV === 'development' ||
        config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') ===
          true,
    };
  },

  async authenticate({ req }, { enabled }) {
    if (!enabled) {
      throw new HttpError(
        'NotAllowedError',
        "The demo auth provider signs anybody in without credentials; it only runs in development unless 'auth.providers.demo.dangerouslyAllowOutsideDevelopment' is true",
      );
    }
    const userName = req.get(DEMO_USER_HEADER)?.trim();
    if (!userName) {
      throw new HttpError(
        'AuthenticationError',
        `Missing ${DEMO_USER_HEADER} header naming the demo user to sign in as`,
      );
    }
    if (!ENTITY_NAME.test(userName)) {
      throw new HttpError(
        'AuthenticationError',
        `Invalid ${DEMO_USER_HEADER} header '${userName}': expected the name of a User entity, e.g. alice-analyst`,
      );
    }
    return { result: { userName } };
  },

  // The frontend shows this profile (sidebar avatar, Settings), so take it from the User entity.
  async defaultProfileTransform({ userName }, ctx) {
    const { entity } = await findDemoUser(userName, ctx);
    const profile = (entity.spec?.profile ?? {}) as {
      displayName?: string;
      email?: string;
      picture?: string;
    };
    return {
      profile: {
        displayName: profile.displayName ?? entity.metadata.title ?? userName,
        email: profile.email,
        picture: profile.picture,
      },
    };
  },
});

/**
 * Issues the token through the catalog, so its ownership refs are the user and the groups it is
 * a member of (or whatever an installed ownership resolver says): the access workflow decides
 * on group membership.
 */
const signInAsDemoUser: SignInResolver<DemoUserResult> = async (
  { result: { userName } },
  ctx,
) => {
  try {
    return await ctx.signInWithCatalogUser({
      entityRef: { kind: 'User', namespace: 'default', name: userName },
    });
  } catch (error) {
    throw asUnknownUser(error, userName);
  }
};

/** Registers the `demo` auth provider (see above) with the auth backend. */
export const authModuleDemoUsers = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-users-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoUserAuthenticator,
            signInResolver: signInAsDemoUser,
          }),
        });
      },
    });
  },
});
