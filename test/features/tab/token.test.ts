import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TabTokenVerifier } from '../../../src/features/tab/api/token';
import { APP_ID, AUDIENCE, startFakeEntra, TENANT, unsignedToken, type FakeEntra } from './fakeEntra';

const USER = '7a1c9d0e-1111-4222-8333-444455556666';
const OTHER_TENANT = '99999999-0000-4000-8000-000000000bbb';

describe('the tab SSO token check against a key set served over HTTP', () => {
  let entra: FakeEntra;
  let verifier: TabTokenVerifier;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    entra = await startFakeEntra();
    verifier = new TabTokenVerifier({ audiences: [AUDIENCE, APP_ID], allowedTenants: [TENANT], jwksUrl: entra.jwksUrl, timeoutMs: 2000 });
  });
  afterAll(async () => {
    await entra.close();
  });

  it('accepts a valid token and takes the user from oid', async () => {
    const result = await verifier.verify(await entra.sign({ oid: USER, name: 'Ada' }));
    expect(result).toEqual({ ok: true, claims: { oid: USER, tid: TENANT, name: 'Ada' } });
  });

  it('accepts the app id as audience and the v1 issuer of the tenant', async () => {
    const token = await entra.sign({ oid: USER, aud: APP_ID }, { issuer: `https://sts.windows.net/${TENANT}/` });
    expect((await verifier.verify(token)).ok).toBe(true);
  });

  it('fetches the key set once and then uses its cache', async () => {
    const before = entra.fetches.length;
    for (let i = 0; i < 3; i++) expect((await verifier.verify(await entra.sign({ oid: USER }))).ok).toBe(true);
    expect(entra.fetches.length).toBe(before);
    expect(entra.fetches.every((f) => f === `/${TENANT}/discovery/v2.0/keys`)).toBe(true);
  });

  it('refuses an expired token', async () => {
    const token = await entra.sign({ oid: USER, iat: now() - 7200 }, { expiresIn: now() - 3600 });
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token for another audience', async () => {
    const token = await entra.sign({ oid: USER, aud: 'api://elsewhere.example/00000000-0000-4000-8000-000000000009' });
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'audience' });
  });

  it('refuses a tenant that is not allowed, without fetching its keys', async () => {
    const before = entra.fetches.length;
    const token = await entra.sign({ oid: USER, tid: OTHER_TENANT });
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'tenant' });
    expect(entra.fetches.length).toBe(before);
  });

  it('refuses a token whose issuer is another tenant than its tid', async () => {
    const token = await entra.sign({ oid: USER }, { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` });
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'issuer' });
  });

  it('refuses a token signed by a key not in the set (same kid)', async () => {
    const token = await entra.sign({ oid: USER }, { key: await entra.stranger() });
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a token signed by a key the set does not name', async () => {
    const token = await entra.sign({ oid: USER }, { key: await entra.stranger(), kid: 'unknown-kid' });
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses alg none', async () => {
    const token = unsignedToken({ oid: USER, tid: TENANT, aud: AUDIENCE, iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, iat: now(), exp: now() + 3600 });
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'algorithm' });
  });

  it('refuses a token without an oid', async () => {
    expect(await verifier.verify(await entra.sign({}))).toEqual({ ok: false, reason: 'claims' });
  });

  it('refuses a missing or malformed Authorization header', async () => {
    expect(await verifier.verifyHeader(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(await verifier.verifyHeader('Basic abc')).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifier.verifyHeader('Bearer not-a-jwt')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('says unavailable (not invalid) when the key set cannot be fetched', async () => {
    const offline = new TabTokenVerifier({ audiences: [AUDIENCE], allowedTenants: [], jwksUrl: 'http://127.0.0.1:9/{tenant}/keys', timeoutMs: 500 });
    expect(await offline.verify(await entra.sign({ oid: USER }))).toEqual({ ok: false, reason: 'unavailable' });
  });
});
