import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the portal with the discovered plugins', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // The guest sign-in page is the first thing a visitor sees.
    await waitFor(() =>
      expect(rendered.getByRole('button', { name: 'Enter' })).toBeInTheDocument(),
    );
  });
});
