import { describe, expect, it } from '@jest/globals';
import {
  addMeetingEvent,
  checkInOpen,
  decidePresence,
  derive,
  hasSource,
  meetingThreadOf,
  mergeSpans,
  organizerOf,
  sameMeeting,
  sessionAt,
  spansFromEvents,
  spanSeconds,
  thresholdSeconds,
  type Attendance,
  type MeetingEvent,
  type Span,
} from '../../../src/kernel/attendance';

// Times as minutes after 09:00 on the session day, for readable tables.
const T0 = Date.parse('2026-12-08T08:00:00Z');
const m = (minutes: number) => T0 + minutes * 60_000;
const span = (a: number, b: number): Span => ({ start: m(a), end: m(b) });
const iso = (minutes: number) => new Date(m(minutes)).toISOString();

describe('mergeSpans', () => {
  it.each<[string, Span[], Span[]]>([
    ['nothing', [], []],
    ['one stay', [span(0, 60)], [span(0, 60)]],
    ['unsorted, apart', [span(70, 80), span(0, 10)], [span(0, 10), span(70, 80)]],
    ['overlapping (a second device)', [span(0, 50), span(49, 118)], [span(0, 118)]],
    ['touching (leave and rejoin at once)', [span(0, 30), span(30, 60)], [span(0, 60)]],
    ['one inside another', [span(0, 120), span(10, 20)], [span(0, 120)]],
    ['empty and reversed spans dropped', [span(10, 10), span(20, 5), span(30, 40)], [span(30, 40)]],
  ])('%s', (_name, input, expected) => {
    expect(mergeSpans(input)).toEqual(expected);
  });

  it('counts overlaps once in seconds', () => {
    expect(spanSeconds([span(0, 50), span(49, 118), span(200, 201)])).toBe(119 * 60);
  });
});

describe('spansFromEvents', () => {
  const j = (min: number): MeetingEvent => ({ kind: 'join', at: m(min) });
  const l = (min: number): MeetingEvent => ({ kind: 'leave', at: m(min) });
  it.each<[string, MeetingEvent[], number | undefined, Span[], boolean]>([
    ['join and leave', [j(0), l(60)], undefined, [span(0, 60)], false],
    ['a rejoin after a break', [j(2), l(40), j(60), l(119.5)], undefined, [span(2, 40), span(60, 119.5)], false],
    ['out of order delivery', [l(40), j(60), j(2), l(119.5)], undefined, [span(2, 40), span(60, 119.5)], false],
    ['no leave, meeting ended: closed at the end', [j(1)], m(122), [span(1, 122)], false],
    ['no leave, meeting still on: open, not counted', [j(1)], undefined, [], true],
    ['a leave without a join is ignored', [l(10), j(20), l(30)], undefined, [span(20, 30)], false],
    ['a second device inside the stay', [j(0), j(49), l(50), l(118)], undefined, [span(0, 118)], false],
    ['leave and join at the same instant is one stay', [j(0), j(30), l(30), l(60)], undefined, [span(0, 60)], false],
    ['a join after the end is not extended backwards', [j(0), l(10), j(130)], m(120), [span(0, 10)], true],
  ])('%s', (_name, events, closeAt, spans, open) => {
    expect(spansFromEvents(events, closeAt)).toEqual({ spans, open });
  });
});

describe('the attendance rule', () => {
  it.each<[string, Parameters<typeof decidePresence>[0], ReturnType<typeof decidePresence>]>([
    ['enough minutes', { checkedIn: false, seconds: 3600, thresholdSeconds: 3600 }, { present: true, by: 'minutes' }],
    ['a second short', { checkedIn: false, seconds: 3599, thresholdSeconds: 3600 }, { present: false, by: 'none' }],
    ['checked in, no minutes', { checkedIn: true, seconds: 0, thresholdSeconds: 3600 }, { present: true, by: 'checkIn' }],
    ['manual present overrides too few minutes', { manual: true, checkedIn: false, seconds: 60, thresholdSeconds: 3600 }, { present: true, by: 'manual' }],
    ['manual absent overrides a check-in and minutes', { manual: false, checkedIn: true, seconds: 7200, thresholdSeconds: 3600 }, { present: false, by: 'manual' }],
    ['nothing at all', { checkedIn: false, seconds: 0, thresholdSeconds: 0 }, { present: false, by: 'none' }],
  ])('%s', (_name, input, expected) => {
    expect(decidePresence(input)).toEqual(expected);
  });

  it.each<[string, number | undefined, string, string, number]>([
    ['half of two hours by default', undefined, '2026-12-08T08:00:00Z', '2026-12-08T10:00:00Z', 3600],
    ['half of 45 minutes', undefined, '2026-12-08T08:00:00Z', '2026-12-08T08:45:00Z', 1350],
    ['the activity’s own threshold', 40, '2026-12-08T08:00:00Z', '2026-12-08T10:00:00Z', 2400],
  ])('threshold: %s', (_name, minutes, start, end, expected) => {
    expect(thresholdSeconds({ attendanceThresholdMinutes: minutes }, { start, end })).toBe(expected);
  });

  const base: Pick<Attendance, 'meeting' | 'checkIn' | 'report' | 'graph' | 'manual'> = {};
  it.each<[string, Pick<Attendance, 'meeting' | 'checkIn' | 'report' | 'graph' | 'manual'>, number | undefined, { minutes: number; present: boolean; presentBy: string }]>([
    ['meeting events only, closed at the end', { meeting: { events: [{ kind: 'join', at: iso(1) }] } }, m(122), { minutes: 121, present: true, presentBy: 'minutes' }],
    ['meeting still on', { meeting: { events: [{ kind: 'join', at: iso(1) }] } }, undefined, { minutes: 0, present: false, presentBy: 'none' }],
    [
      'meeting events and a report of the same stay count once',
      {
        meeting: {
          events: [
            { kind: 'join', at: iso(0) },
            { kind: 'leave', at: iso(50) },
          ],
        },
        report: { importId: 'i', spans: [{ start: iso(0), end: iso(50) }], seconds: 3000 },
      },
      undefined,
      { minutes: 50, present: false, presentBy: 'none' },
    ],
    [
      'sources that each saw part of the stay add up',
      {
        meeting: {
          events: [
            { kind: 'join', at: iso(0) },
            { kind: 'leave', at: iso(40) },
          ],
        },
        graph: { reportIds: ['r'], spans: [{ start: iso(30), end: iso(70) }], seconds: 2400 },
      },
      undefined,
      { minutes: 70, present: true, presentBy: 'minutes' },
    ],
    ['a stated total without times', { report: { importId: 'i', spans: [], seconds: 3700 } }, undefined, { minutes: 61, present: true, presentBy: 'minutes' }],
    ['a check-in alone', { checkIn: { at: iso(5) } }, undefined, { minutes: 0, present: true, presentBy: 'checkIn' }],
    [
      'a manual absence beats a long stay',
      { report: { importId: 'i', spans: [], seconds: 7200 }, manual: { present: false, by: 'c', at: iso(200) } },
      undefined,
      { minutes: 120, present: false, presentBy: 'manual' },
    ],
  ])('derive: %s', (_name, sources, endedAt, expected) => {
    const out = derive({ ...base, ...sources }, { thresholdSeconds: 3600, meetingEndedAt: endedAt });
    expect({ minutes: out.minutes, present: out.present, presentBy: out.presentBy }).toEqual(expected);
  });

  it('knows whether any source says anything', () => {
    expect(hasSource({})).toBe(false);
    expect(hasSource({ meeting: { events: [] } })).toBe(false);
    expect(hasSource({ manual: { present: false, by: 'c', at: iso(0) } })).toBe(true);
  });
});

describe('addMeetingEvent', () => {
  const events = [{ kind: 'join' as const, at: iso(0), eventId: 'e1' }];
  it.each<[string, { kind: 'join' | 'leave'; at: string; eventId?: string }, boolean]>([
    ['the same Teams activity again', { kind: 'join', at: iso(5), eventId: 'e1' }, false],
    ['the same kind at the same instant', { kind: 'join', at: new Date(m(0)).toISOString().replace('.000Z', 'Z'), eventId: 'e2' }, false],
    ['a leave at the same instant', { kind: 'leave', at: iso(0), eventId: 'e3' }, true],
    ['a later join', { kind: 'join', at: iso(30) }, true],
  ])('%s → added: %s', (_name, e, added) => {
    expect(addMeetingEvent(events, e) !== null).toBe(added);
  });

  it('keeps the latest events when a connection flaps without end', () => {
    let list: { kind: 'join' | 'leave'; at: string }[] = [];
    for (let i = 0; i < 500; i++) list = addMeetingEvent(list, { kind: i % 2 ? 'leave' : 'join', at: iso(i / 10) }) ?? list;
    expect(list).toHaveLength(400);
    expect(list[list.length - 1]?.at).toBe(iso(49.9));
  });
});

describe('the session a meeting event belongs to', () => {
  const sessions = [
    { id: 's1', start: '2026-12-01T08:00:00Z', end: '2026-12-01T10:00:00Z', status: 'held' },
    { id: 's2', start: '2026-12-08T08:00:00Z', end: '2026-12-08T10:00:00Z', status: 'scheduled' },
    { id: 's3', start: '2026-12-15T08:00:00Z', end: '2026-12-15T10:00:00Z', status: 'cancelled' },
  ];
  it.each<[string, string[], string, string | undefined]>([
    ['a recurring meeting on the second Tuesday', ['s1', 's2', 's3'], '2026-12-08T07:58:00Z', 's2'],
    ['started early, within two hours', ['s1', 's2'], '2026-12-08T06:30:00Z', 's2'],
    ['on a day with no session', ['s1', 's2'], '2026-12-10T08:00:00Z', undefined],
    ['a cancelled session is never chosen', ['s3'], '2026-12-15T08:00:00Z', undefined],
    ['not linked to that session', ['s1'], '2026-12-08T08:00:00Z', undefined],
  ])('%s', (_name, ids, at, expected) => {
    expect(sessionAt(sessions, ids, Date.parse(at))?.id).toBe(expected);
  });

  it.each<[string, string, { startedAt?: string; endedAt?: string } | null, boolean]>([
    ['half an hour before the start', '2026-12-08T07:30:00Z', null, true],
    ['31 minutes before', '2026-12-08T07:29:00Z', null, false],
    ['after the scheduled end, meeting ran over', '2026-12-08T10:40:00Z', { endedAt: '2026-12-08T10:20:00Z' }, true],
    ['long after', '2026-12-08T12:00:00Z', { endedAt: '2026-12-08T10:02:00Z' }, false],
  ])('check-in open %s', (_name, now, meeting, open) => {
    expect(checkInOpen(sessions[1] as (typeof sessions)[number], meeting, Date.parse(now))).toBe(open);
  });
});

describe('Teams join links', () => {
  const link =
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzQ2ZjY4YjQtZDc1Ni00YjM4LWE3ZjUtOTQ0ZTFkNjM0ZWQ3%40thread.v2/0?context=%7b%22Tid%22%3a%22c2c1a0b4-1f2e-4d3c-9b8a-7a6b5c4d3e2f%22%2c%22Oid%22%3a%2214b3c2d1-0a9f-4e8d-b7c6-a5b4c3d2e1f0%22%7d';
  it('finds the thread and the organiser', () => {
    expect(meetingThreadOf(link)).toBe('19:meeting_NzQ2ZjY4YjQtZDc1Ni00YjM4LWE3ZjUtOTQ0ZTFkNjM0ZWQ3@thread.v2');
    expect(organizerOf(link)).toBe('14b3c2d1-0a9f-4e8d-b7c6-a5b4c3d2e1f0');
    expect(organizerOf('https://teams.microsoft.com/meet/123?p=abc')).toBeNull();
  });
  it.each<[string, string, string, boolean]>([
    ['the same meeting with another context', link, link.replace(/\?.*$/, '?context=%7b%7d'), true],
    ['decoded and encoded', link, decodeURIComponent(link), true],
    ['another thread', link, link.replace('NzQ2', 'ABCD'), false],
    ['short links compared without the query', 'https://teams.microsoft.com/meet/4711?p=x', 'https://teams.microsoft.com/meet/4711?p=y', true],
  ])('%s', (_name, a, b, same) => {
    expect(sameMeeting(a, b)).toBe(same);
  });
});
