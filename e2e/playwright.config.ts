import { defineConfig } from '@playwright/test';

/**
 * Browser end-to-end tests against the demo portal, driven in Debian's Chromium
 * (Playwright's own browser download is not used). The portal is started with
 * `yarn dev` unless it already runs (outside CI).
 */
export default defineConfig({
  testDir: './tests',
  globalSetup: './waitForBackend.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    ['json', { outputFile: '../test-results/e2e.json' }],
  ],
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
    {
      command: 'yarn dev',
      cwd: '..',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
