import { describe, expect, it } from '@jest/globals';
import { parseRetryAfter } from '../../src/kernel/retryAfter';

// An injected "now", unrelated to the machine's clock (the suite also runs 400 days ahead).
const NOW = Date.parse('2026-03-02T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string, string, number]>([
    ['delta-seconds', '30', 30_000],
    ['zero seconds', '0', 0],
    ['seconds with spaces around', ' 5 ', 5000],
    ['fractional seconds', '1.5', 1500],
    ['an IMF-fixdate', 'Mon, 02 Mar 2026 10:00:12 GMT', 12_000],
    ['an RFC 850 date', 'Monday, 02-Mar-26 10:01:00 GMT', 60_000],
    ['an asctime date (GMT, whatever the local zone)', 'Mon Mar  2 10:00:07 2026', 7000],
    ['a date in the past', 'Mon, 02 Mar 2026 09:59:00 GMT', 0],
    ['a date exactly now', new Date(NOW).toUTCString(), 0],
  ])('reads %s', (_name, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('measures a date from the injected now, not the machine clock', () => {
    const header = 'Mon, 02 Mar 2026 10:00:20 GMT';
    expect(parseRetryAfter(header, NOW)).toBe(20_000);
    expect(parseRetryAfter(header, NOW + 15_000)).toBe(5000);
    expect(parseRetryAfter(header, NOW + 400 * 86_400_000)).toBe(0);
  });

  it.each<[string, string | null | undefined]>([
    ['absent', null],
    ['undefined', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['negative', '-3'],
    ['not a number', 'soon'],
    ['hexadecimal', '0x10'],
    ['exponent', '1e3'],
    ['a garbled date', 'Mon, 99 Foo 2026 10:00:00 GMT'],
  ])('gives null when %s', (_name, value) => {
    expect(parseRetryAfter(value, NOW)).toBeNull();
  });
});
