import { describe, expect, it } from '@jest/globals';
import { ConfigError, isLocalAnonymous, loadConfig } from '../../src/config';

/** The error message of loadConfig(env), or '' when it succeeds. */
function failure(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

describe('loadConfig', () => {
  it('uses the documented defaults (README) for an empty environment (local anonymous mode)', () => {
    const c = loadConfig({});
    // toMatchObject: new variables with their own defaults keep arriving; these are the documented ones.
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3978,
      HOST: '127.0.0.1',
      MicrosoftAppType: 'MultiTenant',
      COSMOS_DATABASE: 'traffpunkt',
      DATA_DIR: '.data',
      SNAPSHOT_INTERVAL_MS: 5000,
      COORDINATORS: [],
      ALLOWED_TENANTS: [],
      DEFAULT_LOCALE: 'sv',
      LOG_LEVEL: 'info',
    });
    expect(c.MicrosoftAppId).toBeUndefined();
    expect(c.COSMOS_ENDPOINT).toBeUndefined();
    expect(isLocalAnonymous(c)).toBe(true);
  });

  it('reads a full production environment', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      MicrosoftAppId: ' 00000000-0000-0000-0000-000000000001 ',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant-1',
      COSMOS_ENDPOINT: 'https://traffpunkt.documents.azure.com:443/',
      COSMOS_DATABASE: 'traffpunkt-prod',
      DEFAULT_LOCALE: 'en',
      LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      NODE_ENV: 'production',
      PORT: 8080,
      HOST: '0.0.0.0',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant-1',
      COSMOS_ENDPOINT: 'https://traffpunkt.documents.azure.com:443/',
      DEFAULT_LOCALE: 'en',
    });
    expect(isLocalAnonymous(c)).toBe(false);
  });

  it.each<[string, string | undefined, string[]]>([
    ['comma and space separated', 'a, b c', ['a', 'b', 'c']],
    ['commas only, with empties', 'a,,b,', ['a', 'b']],
    ['newlines and tabs', 'a\n\tb', ['a', 'b']],
    ['one id', '5f1c2b3a-0000-4000-8000-000000000001', ['5f1c2b3a-0000-4000-8000-000000000001']],
    ['empty', '', []],
    ['unset', undefined, []],
  ])('COORDINATORS %s (%p) → %p', (_case, value, expected) => {
    expect(loadConfig(value === undefined ? {} : { COORDINATORS: value }).COORDINATORS).toEqual(expected);
    expect(loadConfig(value === undefined ? {} : { ALLOWED_TENANTS: value }).ALLOWED_TENANTS).toEqual(expected);
  });

  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['PORT=abc', { PORT: 'abc' }, 'PORT'],
    ['PORT=70000', { PORT: '70000' }, 'PORT'],
    ['PORT=-1', { PORT: '-1' }, 'PORT'],
    ['PORT=80.5', { PORT: '80.5' }, 'PORT'],
    ['NODE_ENV=production without MicrosoftAppId', { NODE_ENV: 'production' }, 'MicrosoftAppId'],
    ['NODE_ENV=production with a blank MicrosoftAppId', { NODE_ENV: 'production', MicrosoftAppId: '   ' }, 'MicrosoftAppId'],
    ['NODE_ENV=prod', { NODE_ENV: 'prod' }, 'NODE_ENV'],
    ['COSMOS_ENDPOINT=not a url', { COSMOS_ENDPOINT: 'not a url' }, 'COSMOS_ENDPOINT'],
    ['COSMOS_ENDPOINT with ftp:', { COSMOS_ENDPOINT: 'ftp://traffpunkt.documents.azure.com' }, 'COSMOS_ENDPOINT'],
    ['COSMOS_ENDPOINT without a scheme', { COSMOS_ENDPOINT: 'traffpunkt.documents.azure.com' }, 'COSMOS_ENDPOINT'],
    ['COSMOS_DATABASE with a space', { COSMOS_DATABASE: 'träff punkt' }, 'COSMOS_DATABASE'],
    ['SingleTenant without MicrosoftAppTenantId', { MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'app' }, 'MicrosoftAppTenantId'],
    ['DEFAULT_LOCALE=de', { DEFAULT_LOCALE: 'de' }, 'DEFAULT_LOCALE'],
    ['NODE_ENV=production without COSMOS_ENDPOINT (the embedded store)', { NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'x' }, 'COSMOS_ENDPOINT'],
    ['SNAPSHOT_INTERVAL_MS=10', { SNAPSHOT_INTERVAL_MS: '10' }, 'SNAPSHOT_INTERVAL_MS'],
  ])('%s fails with a ConfigError naming %s', (_case, env, variable) => {
    const message = failure(env);
    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toMatch(new RegExp(`^  ${variable}: `, 'm'));
  });

  it('names every bad variable in one message (PORT and COSMOS_ENDPOINT)', () => {
    const message = failure({ PORT: 'abc', COSMOS_ENDPOINT: 'x' });
    expect(message).toMatch(/^ {2}PORT: /m);
    expect(message).toMatch(/^ {2}COSMOS_ENDPOINT: /m);
  });

  // BUG: the cross-field checks (superRefine) are skipped when any field already failed, so
  // loadConfig's promise "the message names every bad variable" does not hold: a production
  // start with a typo in PORT reports PORT only, and MicrosoftAppId only on the next attempt.
  it('names MicrosoftAppId in production even when another variable is also bad', () => {
    const message = failure({ NODE_ENV: 'production', PORT: 'abc' });
    expect(message).toMatch(/^ {2}PORT: /m);
    expect(message).toMatch(/^ {2}MicrosoftAppId: /m);
  });

  // BUG: z.coerce.number() turns an empty string into 0, so `PORT=` (set but empty, common in
  // .env files and compose files) makes the bot listen on a random free port instead of 3978.
  it('an empty PORT does not silently become 0 (a random port): it is the default 3978 or an error naming PORT', () => {
    const message = failure({ PORT: '' });
    if (message) expect(message).toMatch(/^ {2}PORT: /m);
    else expect(loadConfig({ PORT: '' }).PORT).toBe(3978);
  });

  it('treats empty MicrosoftAppId/Password/TenantId as unset (local anonymous mode)', () => {
    const c = loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '' });
    expect(c.MicrosoftAppId).toBeUndefined();
    expect(c.MicrosoftAppPassword).toBeUndefined();
    expect(c.MicrosoftAppTenantId).toBeUndefined();
    expect(isLocalAnonymous(c)).toBe(true);
  });

  it('does not echo secret values in the error message', () => {
    const message = failure({ NODE_ENV: 'production', MicrosoftAppPassword: 'hemligt-lösenord-123', PORT: 'abc' });
    expect(message).not.toContain('hemligt-lösenord-123');
  });
});
