import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser end-to-end tests against the demo portal, driven in Debian's Chromium
 * (Playwright's own browser download is not used). The portal is started with
 * `yarn dev` unless it already runs (outside CI), with app-config.e2e.yaml on top of
 * app-config.yaml: sign-in through the test OIDC provider of oidc/server.mjs as well.
 */
const config = (file: string) => `--config ${resolve(__dirname, '..', file)}`;

export default defineConfig({
  testDir: './tests',
  globalSetup: './waitForBackend.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
  outputDir: '../test-results/e2e',
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    // First, as the backend reads the IdP's discovery document when the auth plugin starts.
    {
      command: 'node oidc/server.mjs',
      url: 'http://127.0.0.1:5556/.well-known/openid-configuration',
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `yarn dev ${config('app-config.yaml')} ${config(
        'app-config.e2e.yaml',
      )}`,
      cwd: '..',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
