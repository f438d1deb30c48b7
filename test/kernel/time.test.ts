import { describe, expect, it } from '@jest/globals';
import { endOfStockholmDay, formatDate, formatSpan, stockholmDate, stockholmTime, stockholmToUtc } from '../../src/kernel/time';

describe('stockholmToUtc', () => {
  it.each([
    // [case, date, time, expected UTC instant]
    ['winter (CET, UTC+1)', '2026-12-08', '09:00', '2026-12-08T08:00:00.000Z'],
    ['winter, local midnight is the previous UTC day', '2026-01-15', '00:30', '2026-01-14T23:30:00.000Z'],
    ['summer (CEST, UTC+2)', '2026-06-16', '09:00', '2026-06-16T07:00:00.000Z'],
    ['summer, late evening', '2026-08-20', '23:45', '2026-08-20T21:45:00.000Z'],
    ['New Year’s Eve 23:59', '2026-12-31', '23:59', '2026-12-31T22:59:00.000Z'],
    ['a leap day', '2028-02-29', '12:00', '2028-02-29T11:00:00.000Z'],
    // Spring change 29 March 2026: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    ['spring change day, 01:59 (still CET)', '2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'],
    ['spring change day, 03:00 (first CEST minute)', '2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    ['spring change day, 12:00 (CEST)', '2026-03-29', '12:00', '2026-03-29T10:00:00.000Z'],
    // Autumn change 25 October 2026: 03:00 CEST goes back to 02:00 CET (01:00 UTC).
    ['autumn change day, 01:30 (CEST, unambiguous)', '2026-10-25', '01:30', '2026-10-24T23:30:00.000Z'],
    ['autumn change day, 03:00 (CET, unambiguous)', '2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
    ['autumn change day, 12:00 (CET)', '2026-10-25', '12:00', '2026-10-25T11:00:00.000Z'],
    ['seconds in the time are accepted and dropped', '2026-12-08', '09:00:59', '2026-12-08T08:00:00.000Z'],
  ])('%s: %s %s → %s', (_case, date, time, expected) => {
    expect(stockholmToUtc(date, time).toISOString()).toBe(expected);
  });

  // 29 March 2026 02:00–02:59 does not exist in Stockholm: the time moves forward by the gap (one hour).
  it.each([
    ['02:00', '2026-03-29T01:00:00.000Z', '03:00'],
    ['02:30', '2026-03-29T01:30:00.000Z', '03:30'],
    ['02:59', '2026-03-29T01:59:00.000Z', '03:59'],
  ])('spring change day, non-existent %s moves forward by the gap to %s (%s CEST)', (time, expectedUtc, wall) => {
    const instant = stockholmToUtc('2026-03-29', time);
    expect(instant.toISOString()).toBe(expectedUtc);
    expect(stockholmTime(instant)).toBe(wall);
  });

  // 25 October 2026 02:00–02:59 happens twice (CEST, then CET). Documented choice of the code:
  // the LATER occurrence, in standard time (CET, UTC+1). (RFC 5545 and Temporal's "compatible"
  // disambiguation pick the earlier one; a session at 02:30 that night is unlikely in this product.)
  it.each([
    ['02:00', '2026-10-25T01:00:00.000Z'],
    ['02:30', '2026-10-25T01:30:00.000Z'],
    ['02:59', '2026-10-25T01:59:00.000Z'],
  ])('autumn change day, ambiguous %s resolves to the later occurrence (CET): %s', (time, expectedUtc) => {
    const instant = stockholmToUtc('2026-10-25', time);
    expect(instant.toISOString()).toBe(expectedUtc);
    expect(stockholmTime(instant)).toBe(time);
    expect(stockholmDate(instant)).toBe('2026-10-25');
  });

  it('round-trips every quarter hour of both change days except the skipped spring hour', () => {
    const mismatches: string[] = [];
    for (const date of ['2026-03-29', '2026-10-25']) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        if (date === '2026-03-29' && time.startsWith('02:')) continue;
        const instant = stockholmToUtc(date, time);
        if (stockholmDate(instant) !== date || stockholmTime(instant) !== time) mismatches.push(`${date} ${time}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['2026-12-8', '09:00'],
    ['08/12/2026', '09:00'],
    ['2026-12-08', '9:00'],
    ['2026-12-08', '09.00'],
    ['', ''],
  ])('rejects a malformed date or time (%p, %p) with a RangeError', (date, time) => {
    expect(() => stockholmToUtc(date, time)).toThrow(RangeError);
  });
});

describe('endOfStockholmDay', () => {
  it.each([
    ['a winter day', '2026-12-01', '2026-12-01T22:59:59.999Z'],
    ['a summer day', '2026-06-15', '2026-06-15T21:59:59.999Z'],
    ['the day before the spring change (ends in CET)', '2026-03-28', '2026-03-28T22:59:59.999Z'],
    ['the spring change day (ends in CEST)', '2026-03-29', '2026-03-29T21:59:59.999Z'],
    ['the day before the autumn change (ends in CEST)', '2026-10-24', '2026-10-24T21:59:59.999Z'],
    ['the autumn change day (ends in CET)', '2026-10-25', '2026-10-25T22:59:59.999Z'],
    ['the last day of a month', '2026-11-30', '2026-11-30T22:59:59.999Z'],
    ['the last day of the year', '2026-12-31', '2026-12-31T22:59:59.999Z'],
    ['a leap day', '2028-02-29', '2028-02-29T22:59:59.999Z'],
  ])('%s: %s ends at %s', (_case, date, expected) => {
    const end = endOfStockholmDay(date);
    expect(end.toISOString()).toBe(expected);
    // Still that day in Stockholm, and one millisecond later it is the next day.
    expect(stockholmDate(end)).toBe(date);
    expect(stockholmDate(new Date(end.getTime() + 1))).not.toBe(date);
    expect(stockholmTime(new Date(end.getTime() + 1))).toBe('00:00');
  });
});

describe('formatSpan / formatDate', () => {
  const at = (iso: string) => new Date(iso);

  it.each<[string, string, string, 'sv' | 'en', string]>([
    ['winter morning, sv', '2026-12-08T08:00:00Z', '2026-12-08T10:00:00Z', 'sv', 'tisdag 8 december 2026 09:00–11:00'],
    // en-GB with current ICU puts a comma after the weekday (the doc comment in time.ts shows none).
    ['winter morning, en', '2026-12-08T08:00:00Z', '2026-12-08T10:00:00Z', 'en', 'Tuesday, 8 December 2026 09:00–11:00'],
    ['summer, sv (CEST)', '2026-06-16T07:00:00Z', '2026-06-16T09:00:00Z', 'sv', 'tisdag 16 juni 2026 09:00–11:00'],
    ['summer, en (CEST)', '2026-06-16T07:00:00Z', '2026-06-16T09:00:00Z', 'en', 'Tuesday, 16 June 2026 09:00–11:00'],
    ['local day differs from the UTC day, sv', '2026-12-07T23:30:00Z', '2026-12-08T01:00:00Z', 'sv', 'tisdag 8 december 2026 00:30–02:00'],
    ['over midnight, sv: the end names its day in words', '2026-12-08T21:00:00Z', '2026-12-09T00:00:00Z', 'sv', 'tisdag 8 december 2026 22:00 – onsdag 9 december 2026 01:00'],
    ['over midnight, en: the end names its day in words', '2026-12-08T21:00:00Z', '2026-12-09T00:00:00Z', 'en', 'Tuesday, 8 December 2026 22:00 – Wednesday, 9 December 2026 01:00'],
    // A series' first start to last end (what "mina anmälningar" once showed): no ISO date anywhere.
    ['weeks apart, sv', '2027-02-04T14:00:00Z', '2027-03-04T15:30:00Z', 'sv', 'torsdag 4 februari 2027 15:00 – torsdag 4 mars 2027 16:30'],
    ['across the autumn change (3 h wall, 4 h real)', '2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z', 'sv', 'söndag 25 oktober 2026 01:00–04:00'],
  ])('%s', (_case, start, end, lang, expected) => {
    expect(formatSpan(at(start), at(end), lang)).toBe(expected);
  });

  it.each<['sv' | 'en', string]>([
    ['sv', '1 december 2026'],
    ['en', '1 December 2026'],
  ])('formatDate of the end of 1 December 2026 in %s is %p (not the next UTC day)', (lang, expected) => {
    expect(formatDate(endOfStockholmDay('2026-12-01'), lang)).toBe(expected);
  });
});
