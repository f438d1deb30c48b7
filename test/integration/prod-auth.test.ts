import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { FakeConnector } from '../support/fakeConnector';
import { startHarness, type Harness } from '../support/harness';
import { invoke, user } from '../support/teams';

// Bot authentication with an app id configured, over HTTP, without the internet: a local
// OpenID metadata server serves the signing keys (BotOpenIdMetadata), another one never
// answers (the timeout), and a closed port refuses connections.

const APP_ID = '3f1b9a52-6c1e-4f7a-9d2b-0a1b2c3d4e5f';
const TENANT_ID = '6e0b6c1e-0000-4000-8000-00000000aaaa';
const ISSUER = 'https://api.botframework.com';
const KID = 'traffpunkt-test-key';

interface KeyPair {
  privateKey: KeyObject;
  jwk: { n: string; e: string };
}

function keyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return { privateKey, jwk };
}

function jwt(claims: Record<string, unknown>, key: KeyObject, kid = KID, alg = 'RS256'): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${b64({ alg, typ: 'JWT', kid })}.${b64(claims)}`;
  return `${data}.${sign('sha256', Buffer.from(data), key).toString('base64url')}`;
}

/** OpenID metadata + JWKS like login.botframework.com, on loopback. `hang` never answers. */
class OpenIdServer {
  requests = 0;
  private server: http.Server | undefined;
  metadataUrl = '';

  constructor(
    private readonly keys: KeyPair[],
    private readonly hang = false,
  ) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.requests++;
      if (this.hang) return; // the connection stays open, nothing is sent
      const base = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/v1/keys') {
        res.end(JSON.stringify({ keys: this.keys.map((k, i) => ({ kty: 'RSA', use: 'sig', kid: i === 0 ? KID : `${KID}-${i}`, n: k.jwk.n, e: k.jwk.e, endorsements: ['msteams'] })) }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    this.metadataUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

async function closedPortUrl(): Promise<string> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`;
}

interface Answer {
  status: number;
  text: string;
  headers: Headers;
  ms: number;
}

async function postWith(h: Harness, activity: object, authorization?: string): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(`${h.app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  return { status: res.status, text: await res.text(), headers: res.headers, ms: Date.now() - started };
}

/** A refusal says what it is and nothing else: no host names, URLs, stack traces or error texts. */
function expectBareRefusal(a: Answer, status: 401 | 503): void {
  expect(a.status).toBe(status);
  expect(JSON.parse(a.text)).toEqual({ error: status === 401 ? 'unauthorized' : 'service unavailable' });
  for (const leak of ['127.0.0.1', 'localhost', 'botframework', 'microsoftonline', 'http', 'Error', 'at ', 'stack', 'openID', 'Signing']) {
    expect(a.text).not.toContain(leak);
  }
}

const now = () => Math.floor(Date.now() / 1000);

describe('bot authentication with an app id (SingleTenant and UserAssignedMSI)', () => {
  const good = keyPair();
  const attacker = keyPair();
  const member = user(9001);
  let keys: OpenIdServer;
  let hanging: OpenIdServer;
  let connector: FakeConnector;
  const bots: Harness[] = [];

  const activity = () => invoke(connector.url, member, 'invitation.refresh', { activityId: 'no-such-activity' });
  const claims = (a: { serviceUrl: string }, extra: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    aud: APP_ID,
    serviceurl: a.serviceUrl,
    nbf: now() - 60,
    exp: now() + 3600,
    ...extra,
  });

  async function bot(env: Record<string, string>): Promise<Harness> {
    const h = await startHarness({ connector, env: { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID, ...env } });
    bots.push(h);
    return h;
  }

  beforeAll(async () => {
    // botbuilder writes its own diagnostics (with key material and stacks) to the console; keep the output readable.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    connector = new FakeConnector();
    await connector.start();
    keys = new OpenIdServer([good]);
    await keys.start();
    hanging = new OpenIdServer([good], true);
    await hanging.start();
  });

  afterAll(async () => {
    await hanging.stop();
    for (const h of bots) await h.stop();
    await keys.stop();
    await connector.stop();
    jest.restoreAllMocks();
  });

  describe('SingleTenant', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await bot({ MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'not-a-real-secret', BotOpenIdMetadata: keys.metadataUrl });
    });

    it('refuses requests without a plausible token with 401, before fetching any signing key', async () => {
      const a = activity();
      const refusals = [
        await postWith(h, a),
        await postWith(h, a, 'Bearer'),
        await postWith(h, a, 'Basic dXNlcjpwYXNz'),
        await postWith(h, a, 'Bearer not.a.jwt'),
        await postWith(h, a, `Bearer ${jwt(claims(a, { aud: randomUUID() }), good.privateKey)}`), // another bot's token
        await postWith(h, a, `Bearer ${jwt(claims(a, { iss: 'https://evil.example' }), good.privateKey)}`),
        await postWith(h, a, `Bearer ${jwt(claims(a, { exp: now() - 3600 }), good.privateKey)}`),
        await postWith(h, a, `Bearer ${jwt(claims(a), good.privateKey, KID, 'HS256')}`),
        await postWith(h, {}, 'Bearer x'), // not even an activity: still 401, not 400
      ];
      for (const r of refusals) expectBareRefusal(r, 401);
      expect(refusals[0]?.headers.get('www-authenticate')).toBe('Bearer');
      expect(keys.requests).toBe(0);
    });

    it('refuses a forged token (right claims, wrong key) with 401, not 500', async () => {
      const a = activity();
      expectBareRefusal(await postWith(h, a, `Bearer ${jwt(claims(a), attacker.privateKey)}`), 401);
      expectBareRefusal(await postWith(h, a, `Bearer ${jwt(claims(a), attacker.privateKey, 'unknown-kid')}`), 401);
      expect(keys.requests).toBeGreaterThan(0); // these needed the real keys to be refused
    });

    it('refuses a valid token presented with another serviceUrl', async () => {
      const a = activity();
      const token = jwt(claims({ serviceUrl: 'https://smba.trafficmanager.net/emea/' }), good.privateKey);
      expectBareRefusal(await postWith(h, a, `Bearer ${token}`), 401);
    });

    it('runs the turn for a token signed with the channel key', async () => {
      const a = activity();
      const r = await postWith(h, a, `Bearer ${jwt(claims(a), good.privateKey)}`);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text)).toMatchObject({ statusCode: 200 });
    });

    it('still answers /healthz and /readyz without a token', async () => {
      expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${h.app.url}/readyz`)).status).toBe(200);
    });
  });

  describe('when the signing keys cannot be fetched', () => {
    it('answers 503 after AUTH_TIMEOUT_MS when the key server never answers, with no detail', async () => {
      const h = await bot({ MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'x', BotOpenIdMetadata: hanging.metadataUrl, AUTH_TIMEOUT_MS: '300' });
      const a = activity();
      const r = await postWith(h, a, `Bearer ${jwt(claims(a), good.privateKey)}`);
      expectBareRefusal(r, 503);
      expect(r.headers.get('retry-after')).toBe('5');
      expect(r.ms).toBeGreaterThanOrEqual(250);
      expect(r.ms).toBeLessThan(3000);
      expect(hanging.requests).toBeGreaterThan(0);
      // A forged token is still refused as such without waiting for keys.
      const forged = await postWith(h, a, `Bearer ${jwt(claims(a, { aud: 'someone-else' }), attacker.privateKey)}`);
      expectBareRefusal(forged, 401);
      expect(forged.ms).toBeLessThan(250);

      // Hung key fetches are not piled up without end: once several are pending, 503 comes at once.
      const burst = await Promise.all(Array.from({ length: 7 }, () => postWith(h, a, `Bearer ${jwt(claims(a), good.privateKey)}`)));
      for (const b of burst) expectBareRefusal(b, 503);
      const fetchesBefore = hanging.requests;
      const fast = await postWith(h, a, `Bearer ${jwt(claims(a), good.privateKey)}`);
      expectBareRefusal(fast, 503);
      expect(fast.ms).toBeLessThan(250);
      expect(hanging.requests).toBe(fetchesBefore);
    });

    it('answers 503 at once when the key server refuses connections', async () => {
      const h = await bot({ MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'x', BotOpenIdMetadata: await closedPortUrl(), AUTH_TIMEOUT_MS: '5000' });
      const a = activity();
      const r = await postWith(h, a, `Bearer ${jwt(claims(a), good.privateKey)}`);
      expectBareRefusal(r, 503);
      expect(r.ms).toBeLessThan(3000);
    });
  });

  describe('UserAssignedMSI (no password)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await bot({ MicrosoftAppType: 'UserAssignedMSI', BotOpenIdMetadata: keys.metadataUrl });
    });

    it('refuses no token and a forged token with 401', async () => {
      const a = activity();
      expectBareRefusal(await postWith(h, a), 401);
      expectBareRefusal(await postWith(h, a, `Bearer ${jwt(claims(a), attacker.privateKey)}`), 401);
    });

    it('runs the turn for a valid token', async () => {
      const a = activity();
      const r = await postWith(h, a, `Bearer ${jwt(claims(a), good.privateKey)}`);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text)).toMatchObject({ statusCode: 200 });
    });
  });
});
