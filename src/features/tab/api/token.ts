import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

// The tab's SSO token (authentication.getAuthToken() in Teams): an Entra ID access token for
// this app. Checked here: RS256 signature against the tenant's published keys (fetched once
// and cached by jose), issuer (v2 or v1 form for that tenant), audience, expiry, and that the
// tenant is allowed. Nothing is fetched for a token whose tenant is not allowed.

const DEFAULT_JWKS_URL = 'https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys';
const CLOCK_TOLERANCE_S = 5 * 60;
const MAX_TOKEN_LENGTH = 16 * 1024;
const MAX_CACHED_TENANTS = 200;
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

const ClaimsSchema = z.object({
  oid: z.string().regex(GUID),
  tid: z.string().regex(GUID),
  name: z.string().max(300).optional(),
});
type TabClaims = z.infer<typeof ClaimsSchema>;

export type TokenFailure = 'missing' | 'malformed' | 'algorithm' | 'tenant' | 'signature' | 'issuer' | 'audience' | 'expired' | 'claims' | 'unavailable';
export type TokenCheck = { ok: true; claims: TabClaims } | { ok: false; reason: TokenFailure };

export interface TabTokenOptions {
  /** Audiences accepted: `api://<domain>/<app id>` and/or the app id. */
  audiences: readonly string[];
  /** Empty: any tenant. */
  allowedTenants: readonly string[];
  /** Key set URL; `{tenant}` is replaced by the token's tenant id. */
  jwksUrl?: string;
  /** How long a key fetch may take. */
  timeoutMs?: number;
  now?: () => Date;
}

export class TabTokenVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();
  private readonly jwksUrl: string;

  constructor(private readonly options: TabTokenOptions) {
    this.jwksUrl = options.jwksUrl ?? DEFAULT_JWKS_URL;
    if (options.audiences.length === 0) throw new Error('the tab token check needs at least one audience');
  }

  /** One remote key set per tenant, kept (jose caches the keys and refetches on an unknown kid). */
  private keys(tenant: string): JWTVerifyGetKey {
    const found = this.keySets.get(tenant);
    if (found) return found;
    if (this.keySets.size >= MAX_CACHED_TENANTS) {
      const oldest = this.keySets.keys().next().value;
      if (oldest !== undefined) this.keySets.delete(oldest);
    }
    const url = new URL(this.jwksUrl.replace('{tenant}', encodeURIComponent(tenant)));
    const set = createRemoteJWKSet(url, { timeoutDuration: this.options.timeoutMs ?? 5000, cooldownDuration: 30_000, cacheMaxAge: 6 * 3600_000 });
    this.keySets.set(tenant, set);
    return set;
  }

  /** The Authorization header's bearer token, checked. */
  async verifyHeader(header: string | undefined): Promise<TokenCheck> {
    const m = /^Bearer\s+(\S+)$/i.exec((header ?? '').trim());
    if (!header || !header.trim()) return { ok: false, reason: 'missing' };
    if (!m || !m[1]) return { ok: false, reason: 'malformed' };
    return this.verify(m[1]);
  }

  async verify(token: string): Promise<TokenCheck> {
    if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) return { ok: false, reason: 'malformed' };
    let tenant: string;
    try {
      // Unverified peeks, only to refuse early and to pick the tenant's key set.
      if (decodeProtectedHeader(token).alg !== 'RS256') return { ok: false, reason: 'algorithm' };
      const tid = decodeJwt(token).tid;
      if (typeof tid !== 'string' || !GUID.test(tid)) return { ok: false, reason: 'claims' };
      tenant = tid.toLowerCase();
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const allowed = this.options.allowedTenants.map((t) => t.toLowerCase());
    if (allowed.length > 0 && !allowed.includes(tenant)) return { ok: false, reason: 'tenant' };
    try {
      const { payload } = await jwtVerify(token, this.keys(tenant), {
        algorithms: ['RS256'],
        issuer: [`https://login.microsoftonline.com/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`],
        audience: [...this.options.audiences],
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'iat'],
        ...(this.options.now ? { currentDate: this.options.now() } : {}),
      });
      const claims = ClaimsSchema.safeParse(payload);
      if (!claims.success || claims.data.tid.toLowerCase() !== tenant) return { ok: false, reason: 'claims' };
      return { ok: true, claims: { ...claims.data, oid: claims.data.oid.toLowerCase(), tid: tenant } };
    } catch (err) {
      return { ok: false, reason: failureOf(err) };
    }
  }
}

function failureOf(err: unknown): TokenFailure {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return 'issuer';
    if (err.claim === 'aud') return 'audience';
    if (err.claim === 'nbf' || err.claim === 'exp' || err.claim === 'iat') return 'expired';
    return 'claims';
  }
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return 'signature';
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return 'algorithm';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'malformed';
  // Key set unreachable, timed out or not a key set: nobody's fault the caller can fix.
  return 'unavailable';
}
