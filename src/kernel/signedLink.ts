import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over a path, so a link can be checked without storing it. */
export function sign(secret: string, path: string): string {
  return createHmac('sha256', secret).update(path).digest('base64url');
}

export function verify(secret: string, path: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, path));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
