import { ActivityIdSchema } from '../../kernel/activity';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// An export link's token: who asked, what, in which language, until when; signed with the
// bot's link secret. The browser that opens the link has no Teams identity, so the token is
// the binding: the server answers only the question it names, computed for the user it names
// with that user's roles at download time, and only until it expires. Whoever holds the link
// can open it, so each token also carries a nonce and is consumed on its first download
// (linkUses.ts): one file, once, within 15 minutes.

export const EXPORT_TTL_MS = 15 * 60_000;
// v2: single use (the nonce). A v1 token is refused as malformed.
const DOMAIN = 'traffpunkt.report-export.v2.';

const EXPORT_FORMATS = ['xlsx', 'csv', 'json'] as const;

const ExportClaimsSchema = z.object({
  v: z.literal(2),
  /** Random, so two links for the same question are two links, each used once. */
  n: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  /** The one file the link opens; absent: whichever format the path names. */
  f: z.enum(EXPORT_FORMATS).optional(),
  /** The requesting user's aadObjectId. */
  u: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  /** The question as typed, and any pick from a choice card. */
  q: z.string().min(1).max(300),
  a: ActivityIdSchema.optional(),
  s: z.string().max(100).optional(),
  l: z.enum(['sv', 'en']),
  /** Expiry, epoch milliseconds. */
  e: z.number().int().positive(),
});
export type ExportClaims = z.infer<typeof ExportClaimsSchema>;

const mac = (secret: string, payload: string) =>
  createHmac('sha256', secret)
    .update(DOMAIN + payload)
    .digest('base64url');

export function mintExportToken(secret: string, claims: Omit<ExportClaims, 'v' | 'e' | 'n'>, now: Date): string {
  const full: ExportClaims = { v: 2, n: randomBytes(16).toString('base64url'), ...claims, e: now.getTime() + EXPORT_TTL_MS };
  const payload = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export type TokenCheck = { ok: true; claims: ExportClaims } | { ok: false; reason: 'malformed' | 'badSignature' | 'expired'; lang?: 'sv' | 'en' };

export function verifyExportToken(secret: string, token: string, now: Date): TokenCheck {
  const m = /^([A-Za-z0-9_-]{10,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m || !m[1] || !m[2]) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(secret, m[1]));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'badSignature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const claims = ExportClaimsSchema.safeParse(json);
  if (!claims.success) return { ok: false, reason: 'malformed' };
  if (now.getTime() > claims.data.e) return { ok: false, reason: 'expired', lang: claims.data.l };
  return { ok: true, claims: claims.data };
}

/** The id a token's use is recorded under: the same for every instance, nothing to read back from it. */
export function tokenUseId(claims: Pick<ExportClaims, 'n'>): string {
  return `linkuse-${createHash('sha256')
    .update(DOMAIN + claims.n)
    .digest('hex')
    .slice(0, 40)}`;
}
