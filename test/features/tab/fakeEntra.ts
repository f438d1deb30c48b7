import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

// A stand-in for Entra ID's key endpoint: serves a key set over HTTP on loopback and signs
// tokens with it, as the tab's SSO tokens would be.

export const TENANT = '6e0b6c1e-0000-4000-8000-00000000aaaa';
export const APP_ID = '11111111-2222-4333-8444-555555555555';
export const AUDIENCE = `api://tab.example.test/${APP_ID}`;

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export interface FakeEntra {
  /** With `{tenant}` for the verifier to fill in. */
  jwksUrl: string;
  /** Key set requests seen, by path. */
  fetches: string[];
  sign(claims: JWTPayload, options?: { key?: KeyPair; kid?: string; expiresIn?: string | number; issuer?: string }): Promise<string>;
  /** Another key pair, not in the served set. */
  stranger(): Promise<KeyPair>;
  close(): Promise<void>;
}

export async function startFakeEntra(): Promise<FakeEntra> {
  const keys = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', use: 'sig', alg: 'RS256' };
  const fetches: string[] = [];
  const server = http.createServer((req, res) => {
    fetches.push(req.url ?? '');
    if (/^\/[0-9a-f-]{36}\/discovery\/v2\.0\/keys$/.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/{tenant}/discovery/v2.0/keys`,
    fetches,
    sign: async (claims, options = {}) => {
      const tid = typeof claims.tid === 'string' ? claims.tid : TENANT;
      return new SignJWT({ tid, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1', typ: 'JWT' })
        .setIssuedAt()
        .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`)
        .setAudience(typeof claims.aud === 'string' ? claims.aud : AUDIENCE)
        .setExpirationTime(options.expiresIn ?? '1h')
        .sign((options.key ?? keys).privateKey);
    },
    stranger: () => generateKeyPair('RS256'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A token with `alg: none` and no signature. */
export function unsignedToken(claims: JWTPayload): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}
