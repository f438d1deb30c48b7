/**
 * A cheap look at the Authorization header before botbuilder validates it: the token must be
 * a well-formed, unexpired JWT meant for this bot from an issuer botbuilder would accept.
 * Anything else is refused without a network call, so junk traffic never makes the bot fetch
 * signing keys. This only narrows what reaches botbuilder; the signature, the key's
 * endorsements and the serviceUrl claim are still checked there.
 */

/** The issuer of tokens the Bot Framework channel service (Teams via Azure Bot Service) sends. */
const CHANNEL_TOKEN_ISSUER = 'https://api.botframework.com';

// Entra ID issuers botbuilder routes to its emulator/skill validation (it checks the exact
// tenant list itself); accepted here only so this pre-check never refuses what it accepts.
const ENTRA_ISSUER_PREFIXES = ['https://sts.windows.net/', 'https://login.microsoftonline.com/', 'https://login.microsoftonline.us/'];

const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
const CLOCK_SKEW_S = 5 * 60; // botbuilder's clockTolerance
const MAX_HEADER_LENGTH = 16 * 1024;
const JWT = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

export type BearerCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'algorithm' | 'issuer' | 'audience' | 'expired' };

function json(segment: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function inspectBearer(header: string | undefined, appId: string, nowMs: number): BearerCheck {
  if (!header || !header.trim()) return { ok: false, reason: 'missing' };
  if (header.length > MAX_HEADER_LENGTH) return { ok: false, reason: 'malformed' };
  const m = JWT.exec(header.trim());
  if (!m) return { ok: false, reason: 'malformed' };
  const head = json(m[1] ?? '');
  const claims = json(m[2] ?? '');
  if (!head || !claims) return { ok: false, reason: 'malformed' };
  if (typeof head.alg !== 'string' || !ALGORITHMS.has(head.alg) || typeof head.kid !== 'string' || !head.kid) {
    return { ok: false, reason: 'algorithm' };
  }

  const iss = claims.iss;
  if (typeof iss !== 'string') return { ok: false, reason: 'issuer' };
  if (iss === CHANNEL_TOKEN_ISSUER) {
    if (claims.aud !== appId) return { ok: false, reason: 'audience' };
  } else if (ENTRA_ISSUER_PREFIXES.some((p) => iss.startsWith(p))) {
    if (claims.appid !== appId && claims.azp !== appId && claims.aud !== appId) return { ok: false, reason: 'audience' };
  } else {
    return { ok: false, reason: 'issuer' };
  }

  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_S < now) return { ok: false, reason: 'expired' };
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf - CLOCK_SKEW_S > now)) return { ok: false, reason: 'expired' };
  return { ok: true };
}
