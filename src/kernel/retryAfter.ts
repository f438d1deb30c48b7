// The one Retry-After reader (RFC 9110 §10.2.3), for every client that honours it: the
// scheduler's Bot Connector client, the Graph fetcher, the Teams member import.

/** delta-seconds; a fraction is accepted too (some services send one). */
const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
/** asctime-date ("Sun Nov  6 08:49:37 1994"): always GMT, but Date.parse would read it as local time. */
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * A Retry-After header value as a wait in milliseconds from `now` (epoch ms): either
 * delta-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT", also the obsolete
 * RFC 850 and asctime forms), a date in the past being 0. Null when the header is absent,
 * empty or unreadable (a negative number, say), so the caller falls back to its own back-off.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (!v) return null;
  if (DELTA_SECONDS.test(v)) return Number(v) * 1000;
  // A date has a day or month name; V8 would otherwise read a bare "-3" as a year.
  if (!/[A-Za-z]{3}/.test(v)) return null;
  const at = Date.parse(ASCTIME.test(v) ? `${v} GMT` : v);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
