import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { parse } from 'yaml';
import {
  assertNoDemoSignInInProduction,
  authModuleProductionSignInCheck,
} from './authModuleProductionSignInCheck';

const config = (data: object) => new ConfigReader(data);

// The repository's own config files, layered the way the production deployment loads them.
const appConfig = (...files: string[]) =>
  ConfigReader.fromConfigs(
    files.map(file => ({
      context: file,
      data: parse(
        readFileSync(resolve(__dirname, '../../../..', file), 'utf8'),
      ),
    })),
  );

describe('assertNoDemoSignInInProduction', () => {
  it('refuses guest and demo sign-in when NODE_ENV is production', () => {
    expect(() =>
      assertNoDemoSignInInProduction(
        config({ auth: { providers: { guest: {}, demo: {} } } }),
        'production',
      ),
    ).toThrow(
      /^Refusing to start: auth.providers.guest, auth.providers.demo must not be configured in production/,
    );
  });

  it('refuses them when the config says auth.environment is production', () => {
    expect(() =>
      assertNoDemoSignInInProduction(
        config({
          auth: { environment: 'production', providers: { guest: {} } },
        }),
        'development',
      ),
    ).toThrow(/auth.providers.guest must not be configured in production/);
  });

  it('refuses the demo provider even when explicitly allowed outside development', () => {
    expect(() =>
      assertNoDemoSignInInProduction(
        config({
          auth: {
            providers: { demo: { dangerouslyAllowOutsideDevelopment: true } },
          },
        }),
        'production',
      ),
    ).toThrow(/auth.providers.demo must not be configured in production/);
  });

  it('accepts a production config that signs in through the identity provider only', () => {
    expect(() =>
      assertNoDemoSignInInProduction(
        config({
          auth: {
            environment: 'production',
            providers: { oidc: { production: { clientId: 'portal' } } },
          },
        }),
        'production',
      ),
    ).not.toThrow();
  });

  it('leaves the local demo alone', () => {
    expect(() =>
      assertNoDemoSignInInProduction(
        config({ auth: { providers: { guest: {}, demo: {} } } }),
        'development',
      ),
    ).not.toThrow();
  });

  it('accepts app-config.production.yaml on top of app-config.yaml, which alone is refused', () => {
    // The production file removes the demo providers the base file configures (`null`).
    expect(() =>
      assertNoDemoSignInInProduction(
        appConfig('app-config.yaml', 'app-config.production.yaml'),
        'production',
      ),
    ).not.toThrow();
    expect(() =>
      assertNoDemoSignInInProduction(
        appConfig('app-config.yaml'),
        'production',
      ),
    ).toThrow(/auth.providers.guest, auth.providers.demo/);
  });
});

describe('authModuleProductionSignInCheck', () => {
  it('fails the backend start-up on a production config with demo sign-in', async () => {
    await expect(
      startTestBackend({
        features: [
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              auth: { environment: 'production', providers: { guest: {} } },
            },
          }),
          authPlugin,
          authModuleProductionSignInCheck,
        ],
      }),
    ).rejects.toThrow(/auth.providers.guest must not be configured/);
  });

  it('lets the auth plugin start otherwise', async () => {
    await expect(
      startTestBackend({
        features: [
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              auth: { providers: { guest: {} } },
            },
          }),
          authPlugin,
          authModuleProductionSignInCheck,
        ],
      }),
    ).resolves.toBeDefined();
  });
});
