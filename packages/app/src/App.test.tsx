import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the portal with the discovered plugins', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: {
              title: 'Test',
              demoUsers: [{ name: 'bob-owner', title: 'Bob Owner' }],
            },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // The demo sign-in page (modules/signIn) replaces the default guest-only one: it is the
    // first thing a visitor sees, offering the configured demo users and the guest.
    await waitFor(() =>
      expect(
        rendered.getByRole('button', { name: 'Sign in as Bob Owner' }),
      ).toBeInTheDocument(),
    );
    expect(
      rendered.getByRole('button', { name: 'Enter as guest' }),
    ).toBeInTheDocument();
  });
});
