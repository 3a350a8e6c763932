import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  IdentityApi,
  microsoftAuthApiRef,
} from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { PortalSignInPage } from './PortalSignInPage';
import { SIGN_IN_CHOICE_STORAGE_KEY } from './demoUsers';
import { oidcAuthApiRef } from './oidcAuthApi';

const config = {
  app: {
    title: 'Cloud Data Hub',
    demoUsers: [
      {
        name: 'alice-analyst',
        title: 'Alice Analyst',
        description:
          'Consumer: teams us-marketing-analytics and fleet-insights',
      },
      {
        name: 'bob-owner',
        title: 'Bob Owner',
        description:
          'Dataset owner: teams connected-vehicle-data, sales-data-us',
      },
    ],
  },
};

// What the auth backend's /refresh answers (see authModuleDemoUsers.test.ts), with a token
// the sign-in page can read the expiry of.
function refreshResponse(name: string, displayName: string) {
  const payload = Buffer.from(
    JSON.stringify({
      sub: `user:default/${name}`,
      exp: Math.floor(Date.now() / 1000) + 3600,
    }),
  ).toString('base64url');
  return new Response(
    JSON.stringify({
      profile: { displayName, email: `${name}@example.com` },
      backstageIdentity: {
        token: `header.${payload}.signature`,
        identity: {
          type: 'user',
          userEntityRef: `user:default/${name}`,
          ownershipEntityRefs: [
            `user:default/${name}`,
            'group:default/sales-data-us',
          ],
        },
      },
    }),
    { status: 200, headers: { 'content-type': 'application/json' } },
  );
}

function render() {
  const onSignInSuccess = jest.fn<void, [IdentityApi]>();
  renderInTestApp(<PortalSignInPage onSignInSuccess={onSignInSuccess} />, {
    config,
    apis: [mockApis.discovery({ baseUrl: 'http://localhost:7007' })],
  });
  return onSignInSuccess;
}

/** The URL and headers of the one sign-in request made. */
function signInRequest(fetchMock: jest.SpyInstance) {
  expect(fetchMock).toHaveBeenCalledTimes(1);
  const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
  return { url, headers: new Headers(init.headers) };
}

describe('PortalSignInPage', () => {
  let fetchMock: jest.SpyInstance;
  beforeEach(() => {
    window.localStorage.clear();
    fetchMock = jest.spyOn(global, 'fetch');
  });
  afterEach(() => fetchMock.mockRestore());

  it('offers every configured demo user, described, and the guest', async () => {
    render();

    const bob = await screen.findByRole('button', {
      name: 'Sign in as Bob Owner',
    });
    expect(bob).toHaveAccessibleDescription(
      'Dataset owner: teams connected-vehicle-data, sales-data-us',
    );
    expect(
      screen.getByRole('button', { name: 'Sign in as Alice Analyst' }),
    ).toHaveAccessibleDescription(
      'Consumer: teams us-marketing-analytics and fleet-insights',
    );
    expect(
      screen.getByRole('button', { name: 'Enter as guest' }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('listitem').map(item => item.textContent),
    ).toEqual([
      expect.stringContaining('alice-analyst'),
      expect.stringContaining('bob-owner'),
      expect.stringContaining('Guest'),
    ]);
    // Nobody is signed in until someone is chosen.
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs the chosen user in through the demo provider and remembers the choice', async () => {
    fetchMock.mockResolvedValue(refreshResponse('bob-owner', 'Bob Owner'));
    const onSignInSuccess = render();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in as Bob Owner' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const { url, headers } = signInRequest(fetchMock);
    expect(url).toBe('http://localhost:7007/api/auth/demo/refresh');
    expect(headers.get('x-demo-user')).toBe('bob-owner');

    const identity = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toEqual({
      type: 'user',
      userEntityRef: 'user:default/bob-owner',
      ownershipEntityRefs: [
        'user:default/bob-owner',
        'group:default/sales-data-us',
      ],
    });
    await expect(identity.getProfileInfo()).resolves.toMatchObject({
      displayName: 'Bob Owner',
    });
    expect(window.localStorage.getItem(SIGN_IN_CHOICE_STORAGE_KEY)).toBe(
      'demo:bob-owner',
    );

    // Signing out forgets the choice, so the picker comes back after the reload.
    await identity.signOut();
    expect(window.localStorage.getItem(SIGN_IN_CHOICE_STORAGE_KEY)).toBeNull();
  });

  it('can be used with the keyboard alone', async () => {
    fetchMock.mockResolvedValue(refreshResponse('alice-analyst', 'Alice'));
    const onSignInSuccess = render();
    await screen.findByRole('button', { name: 'Sign in as Alice Analyst' });

    // The first user's button is the first thing Tab reaches.
    await userEvent.tab();
    expect(
      screen.getByRole('button', { name: 'Sign in as Alice Analyst' }),
    ).toHaveFocus();
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(signInRequest(fetchMock).headers.get('x-demo-user')).toBe(
      'alice-analyst',
    );
  });

  it('signs the remembered user in again without asking', async () => {
    window.localStorage.setItem(SIGN_IN_CHOICE_STORAGE_KEY, 'demo:bob-owner');
    fetchMock.mockResolvedValue(refreshResponse('bob-owner', 'Bob Owner'));
    const onSignInSuccess = render();

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(signInRequest(fetchMock).headers.get('x-demo-user')).toBe(
      'bob-owner',
    );
    expect(
      screen.queryByRole('button', { name: /^Sign in as/ }),
    ).not.toBeInTheDocument();
  });

  it('asks again when the remembered user is no longer offered', async () => {
    window.localStorage.setItem(SIGN_IN_CHOICE_STORAGE_KEY, 'demo:mallory');
    render();

    expect(
      await screen.findByRole('button', { name: 'Sign in as Bob Owner' }),
    ).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('enters as a guest through the guest provider, without naming a user', async () => {
    fetchMock.mockResolvedValue(refreshResponse('guest', 'Guest'));
    const onSignInSuccess = render();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Enter as guest' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const { url, headers } = signInRequest(fetchMock);
    expect(url).toBe('http://localhost:7007/api/auth/guest/refresh');
    expect(headers.has('x-demo-user')).toBe(false);
    expect(window.localStorage.getItem(SIGN_IN_CHOICE_STORAGE_KEY)).toBe(
      'guest',
    );
  });

  it('shows why a sign-in was refused and lets the person retry or choose again', async () => {
    const refused = () =>
      new Response(
        JSON.stringify({
          error: {
            name: 'AuthenticationError',
            message:
              "Unknown demo user 'bob-owner': the catalog has no User entity user:default/bob-owner",
          },
          request: { method: 'GET', url: '/api/auth/demo/refresh' },
          response: { statusCode: 401 },
        }),
        { status: 401, headers: { 'content-type': 'application/json' } },
      );
    fetchMock.mockImplementation(async () => refused());
    const onSignInSuccess = render();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in as Bob Owner' }),
    );

    expect(
      await screen.findByRole('heading', {
        name: 'Could not sign in as Bob Owner',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      "Unknown demo user 'bob-owner': the catalog has no User entity user:default/bob-owner",
    );
    expect(onSignInSuccess).not.toHaveBeenCalled();
    // A refused choice is not remembered.
    expect(window.localStorage.getItem(SIGN_IN_CHOICE_STORAGE_KEY)).toBeNull();

    // Retrying asks the backend again (e.g. once the catalog has read the demo users).
    fetchMock.mockResolvedValue(refreshResponse('bob-owner', 'Bob Owner'));
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('goes back to the picker from a refused sign-in', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { message: 'nope' } }), {
        status: 401,
        headers: { 'content-type': 'application/json' },
      }),
    );
    render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in as Bob Owner' }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Choose another user' }),
    );

    expect(
      await screen.findByRole('button', { name: 'Sign in as Alice Analyst' }),
    ).toBeInTheDocument();
  });
});

describe('PortalSignInPage with the identity provider', () => {
  const identity = {
    type: 'user' as const,
    userEntityRef: 'user:default/alice-analyst',
    ownershipEntityRefs: [
      'user:default/alice-analyst',
      'group:default/us-marketing-analytics',
    ],
  };
  const oidcApi = () => ({
    getBackstageIdentity: jest.fn().mockResolvedValue({
      id: 'alice-analyst',
      token: 'token',
      identity,
    }),
    getProfile: jest.fn().mockResolvedValue({
      displayName: 'Alice Analyst',
      email: 'alice@example.com',
    }),
    getIdToken: jest.fn(),
    signIn: jest.fn(),
    signOut: jest.fn().mockResolvedValue(undefined),
    sessionState$: jest.fn(),
  });

  function renderWith(
    providers: string[],
    authApi: ReturnType<typeof oidcApi>,
  ) {
    const onSignInSuccess = jest.fn<void, [IdentityApi]>();
    renderInTestApp(<PortalSignInPage onSignInSuccess={onSignInSuccess} />, {
      config: {
        app: {
          ...config.app,
          signIn: { providers, oidc: { title: 'Contoso Entra ID' } },
        },
      },
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        [oidcAuthApiRef, authApi],
      ],
    });
    return onSignInSuccess;
  }

  beforeEach(() => window.localStorage.clear());

  it('offers only the identity provider in production', async () => {
    renderWith(['oidc'], oidcApi());

    expect(
      await screen.findByRole('button', {
        name: 'Sign in with company account',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Contoso Entra ID')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Sign in as / }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enter as guest' }),
    ).not.toBeInTheDocument();
  });

  it('offers it alongside the demo users when both are configured', async () => {
    renderWith(['oidc', 'demo', 'guest'], oidcApi());

    expect(
      await screen.findByRole('button', {
        name: 'Sign in with company account',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as Bob Owner' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Enter as guest' }),
    ).toBeInTheDocument();
  });

  it('signs in through the popup on click and remembers the choice', async () => {
    const authApi = oidcApi();
    const onSignInSuccess = renderWith(['oidc'], authApi);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Sign in with company account',
      }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(authApi.getBackstageIdentity).toHaveBeenCalledWith({
      instantPopup: true,
    });
    await expect(
      onSignInSuccess.mock.calls[0][0].getBackstageIdentity(),
    ).resolves.toEqual(identity);
    expect(window.localStorage.getItem(SIGN_IN_CHOICE_STORAGE_KEY)).toBe(
      'oidc',
    );
  });

  it('signs in through Microsoft Entra ID when the card is backed by the microsoft provider', async () => {
    const oidcAuthApi = oidcApi();
    const microsoftAuthApi = oidcApi();
    const onSignInSuccess = jest.fn<void, [IdentityApi]>();
    renderInTestApp(<PortalSignInPage onSignInSuccess={onSignInSuccess} />, {
      config: {
        app: {
          ...config.app,
          signIn: {
            providers: ['oidc'],
            oidc: { title: 'Contoso', authProvider: 'microsoft' },
          },
        },
      },
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        [oidcAuthApiRef, oidcAuthApi],
        [microsoftAuthApiRef, microsoftAuthApi],
      ],
    });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Sign in with company account',
      }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(microsoftAuthApi.getBackstageIdentity).toHaveBeenCalledWith({
      instantPopup: true,
    });
    expect(oidcAuthApi.getBackstageIdentity).not.toHaveBeenCalled();
  });

  it('shows why the identity provider refused', async () => {
    const authApi = oidcApi();
    authApi.getBackstageIdentity.mockRejectedValue(
      new Error('Login failed, user not found in the catalog'),
    );
    const onSignInSuccess = renderWith(['oidc'], authApi);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Sign in with company account',
      }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not sign in with your company account: Login failed, user not found in the catalog',
    );
    expect(onSignInSuccess).not.toHaveBeenCalled();
  });

  it('picks up the remembered session without a popup', async () => {
    window.localStorage.setItem(SIGN_IN_CHOICE_STORAGE_KEY, 'oidc');
    const authApi = oidcApi();
    const onSignInSuccess = renderWith(['oidc'], authApi);
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(authApi.getBackstageIdentity).toHaveBeenCalledWith({
      optional: true,
    });
  });

  it('asks again when the remembered session is gone', async () => {
    window.localStorage.setItem(SIGN_IN_CHOICE_STORAGE_KEY, 'oidc');
    const authApi = oidcApi();
    authApi.getBackstageIdentity.mockResolvedValue(undefined);
    const onSignInSuccess = renderWith(['oidc'], authApi);

    expect(
      await screen.findByRole('button', {
        name: 'Sign in with company account',
      }),
    ).toBeInTheDocument();
    expect(onSignInSuccess).not.toHaveBeenCalled();
    expect(window.localStorage.getItem(SIGN_IN_CHOICE_STORAGE_KEY)).toBeNull();
  });
});
