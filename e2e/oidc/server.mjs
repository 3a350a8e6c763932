/*
 * A real OpenID Connect provider for the browser e2e tests (e2e/tests/oidcSignIn.spec.ts):
 * `oidc-provider` with its development login and consent pages, so the portal's `oidc` auth
 * provider (app-config.e2e.yaml) goes through the same redirects, code exchange, ID token and
 * userinfo as against Entra ID or Okta. Started by e2e/playwright.config.ts before the portal,
 * since the backend reads the discovery document when the auth plugin starts.
 *
 * FOR TESTS ONLY: the development pages accept any password.
 */
import Provider from 'oidc-provider';

const port = Number(process.env.E2E_OIDC_PORT ?? 5556);
const issuer = `http://127.0.0.1:${port}`;

// The people of the test IdP; `email` is what the portal's sign-in resolver matches against
// spec.profile.email of the catalog's Users (packages/backend/demo/org.yaml).
const accounts = {
  alice: { name: 'Alice Analyst', email: 'alice@example.com' },
  bob: { name: 'Bob Owner', email: 'bob@example.com' },
};

const provider = new Provider(issuer, {
  clients: [
    {
      // Must match auth.providers.oidc.development in app-config.e2e.yaml.
      client_id: 'cloud-data-hub-e2e',
      client_secret: 'cloud-data-hub-e2e-secret',
      redirect_uris: ['http://localhost:7007/api/auth/oidc/handler/frame'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      // Backstage's oidc provider only takes the email of a verified address.
      claims: async () => ({ sub: id, ...account, email_verified: true }),
    };
  },
  // Lets the portal refresh its session (e.g. after a reload) like a real IdP with
  // offline access would.
  issueRefreshToken: async (_ctx, client) =>
    client.grantTypeAllowed('refresh_token'),
  features: { devInteractions: { enabled: true } },
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`e2e OIDC provider listening on ${issuer}`);
});
