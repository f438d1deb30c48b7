// Two small activities whose figures are worked out by hand in stats.test.ts.
import type { Activity, Session } from '../../../src/kernel/activity';
import type { Person } from '../../../src/kernel/people';
import { emptySeats, type SeatEntry, type Seats } from '../../../src/kernel/seats';
import { personKey } from '../../../src/features/attendance/match';
import type { PresenceDoc } from '../../../src/features/reports/records';
import { activityFixture } from '../../unit/fixtures';

const aad = (name: string) => `00000000-0000-4000-8000-${name.padStart(12, '0')}`;
export const P = { p1: aad('1'), p2: aad('2'), p3: aad('3'), p4: aad('4'), p5: aad('5'), p6: aad('6'), q1: aad('11'), q2: aad('12'), q3: aad('13'), q4: aad('14') };

const person = (id: string, name: string, organizationId: string, jobRole: Person['jobRole'] = 'teacher'): Person => ({
  id: `person-${id}`,
  pk: `person-${id}`,
  type: 'person',
  aadObjectId: id,
  name,
  organizationId,
  jobRole,
  roles: [],
  updatedAt: '2022-01-01T00:00:00.000Z',
});

export const PEOPLE = new Map<string, Person>(
  [
    person(P.p1, 'Åsa Öberg', 'ange', 'principal'),
    person(P.p2, 'Björn Ängström', 'ange'),
    person(P.p3, 'Märta Sjöström', 'harnosand'),
    person(P.p4, 'Örjan Hällström', 'sundsvall'),
    person(P.p5, 'Ylva Åkesson', 'other'),
    person(P.p6, 'Lars Nyström', 'harnosand'),
    person(P.q1, 'Karin Ek', 'ange'),
    person(P.q2, 'Sven Lövgren', 'berg'),
    person(P.q3, 'Ingrid Näslund', 'berg'),
    person(P.q4, 'Göran Persson', 'other'),
  ].map((p) => [p.aadObjectId, p]),
);

const session = (id: string, day: string, status: Session['status'] = 'held'): Session => ({ id, start: `${day}T08:00:00.000Z`, end: `${day}T10:00:00.000Z`, status });

/** A: a series in 2022, three sessions, attendance recorded; p1 registered p5 and p6 as a team. */
export const A: Activity = activityFixture({
  id: 'act-a',
  activityId: 'act-a',
  title: 'Att leda lärande och utveckling',
  kind: 'series',
  series: 'leda-larande',
  registrationMode: 'series',
  sessions: [session('s1', '2022-02-01'), session('s2', '2022-03-01'), session('s3', '2022-09-01')],
});

/** B: a seminar with two sessions (2021-11-10, 2022-03-09) and no attendance kept. */
export const B: Activity = activityFixture({
  id: 'act-b',
  activityId: 'act-b',
  title: 'Specialpedagogiskt seminarium',
  kind: 'seminar',
  registrationMode: 'session',
  sessions: [session('s1', '2021-11-10'), session('s2', '2022-03-09')],
});

const entry = (userId: string, status: SeatEntry['status'] = 'registered', byUserId?: string): SeatEntry => ({ userId, status, at: '2021-10-01T10:00:00.000Z', ...(byUserId ? { byUserId } : {}) });

function seats(activityId: string, scope: string, entries: SeatEntry[]): Seats {
  const s = emptySeats(activityId, scope, 30);
  s.entries = entries;
  s.userIds = entries.map((e) => e.userId);
  return s;
}

export const A_SEATS = [seats('act-a', 'series', [entry(P.p1), entry(P.p2), entry(P.p3), entry(P.p5, 'registered', P.p1), entry(P.p6, 'registered', P.p1), entry(P.p4, 'waitlisted')])];
export const B_SEATS = [seats('act-b', 's1', [entry(P.q1), entry(P.q2), entry(P.q3, 'waitlisted')]), seats('act-b', 's2', [entry(P.q1), entry(P.q4)])];

const doc = (sessionId: string, id: string, minutes: number, present: boolean): PresenceDoc => {
  const p = PEOPLE.get(id);
  return {
    sessionId,
    personKey: personKey({ aadObjectId: id }),
    aadObjectId: id,
    ...(p?.name ? { name: p.name } : {}),
    ...(p?.organizationId ? { organizationId: p.organizationId } : {}),
    minutes,
    present,
  };
};

export const A_PRESENCE: PresenceDoc[] = [
  doc('s1', P.p1, 120, true),
  doc('s1', P.p2, 100, true),
  doc('s1', P.p3, 90, true),
  doc('s1', P.p5, 5, false),
  doc('s2', P.p1, 110, true),
  doc('s2', P.p3, 95, true),
  doc('s3', P.p1, 118, true),
  doc('s3', P.p6, 117, true),
];
