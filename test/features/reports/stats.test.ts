// Statistics against figures worked out by hand from the two activities in fixtures.ts.
import { describe, expect, it } from '@jest/globals';
import { personKey } from '../../../src/features/attendance/match';
import { toRecords } from '../../../src/features/reports/records';
import {
  countByOrganization,
  dropOf,
  participationOf,
  perOrganizationOverall,
  perOrganizationPerYear,
  perSession,
  representation,
  representationPerSession,
  runOf,
  runsBySeries,
  teamsOf,
} from '../../../src/features/reports/stats';
import { A, A_PRESENCE, A_SEATS, B, B_SEATS, P, PEOPLE } from './fixtures';

const a = toRecords(A, A_PRESENCE, A_SEATS, PEOPLE);
const b = toRecords(B, [], B_SEATS, PEOPLE);
const keys = (ids: string[]) => ids.map((id) => personKey({ aadObjectId: id })).sort();
const VT22 = { from: '2022-01-01', to: '2022-06-30' };
const Y2022 = { from: '2022-01-01', to: '2022-12-31' };

describe('participation: who counts as a participant', () => {
  it.each([
    ['A, attendance recorded: present at one session or more (p5 joined for 5 minutes and does not count)', a, undefined, 'attendance', [P.p1, P.p2, P.p3, P.p6]],
    ['A in vt22: p6 was only at the September session', a, VT22, 'attendance', [P.p1, P.p2, P.p3]],
    ['B, no attendance kept: the registered of both sessions, q1 once, q3 waitlisted left out', b, undefined, 'registrations', [P.q1, P.q2, P.q4]],
    ['B in 2022: the March session only', b, Y2022, 'registrations', [P.q1, P.q4]],
  ] as const)('%s', (_name, rec, period, basis, ids) => {
    const p = participationOf(rec, period);
    expect(p.basis).toBe(basis);
    expect(p.participants.map((x) => x.personKey).sort()).toEqual(keys([...ids]));
  });

  it('adds up sessions and minutes per person (p1: 3 sessions, 120 + 110 + 118 = 348 minutes)', () => {
    const p1 = participationOf(a).participants.find((x) => x.aadObjectId === P.p1);
    expect(p1).toMatchObject({ sessions: ['s1', 's2', 's3'], minutes: 348, organizationId: 'ange', name: 'Åsa Öberg', jobRole: 'principal' });
  });
});

describe('per organisation', () => {
  it.each([
    [
      'A: Ånge 2 (p1, p2), Härnösand 2 (p3, p6); ties by id',
      participationOf(a).participants,
      [
        { key: 'ange', count: 2 },
        { key: 'harnosand', count: 2 },
      ],
    ],
    [
      'B: Berg 1, Ånge 1, other 1',
      participationOf(b).participants,
      [
        { key: 'ange', count: 1 },
        { key: 'berg', count: 1 },
        { key: 'other', count: 1 },
      ],
    ],
    [
      'unknown organisation counted last',
      [{ organizationId: null }, { organizationId: null }, { organizationId: 'are' }],
      [
        { key: null, count: 2 },
        { key: 'are', count: 1 },
      ],
    ],
    ['nobody', [], []],
  ] as const)('%s', (_name, people, expected) => {
    expect(countByOrganization(people)).toEqual(expected);
  });

  it('over both activities: participations, the same person counting once per activity', () => {
    expect(perOrganizationOverall([a, b])).toEqual([
      { key: 'ange', count: 3 },
      { key: 'harnosand', count: 2 },
      { key: 'berg', count: 1 },
      { key: 'other', count: 1 },
    ]);
  });
});

describe('per session and the drop from first to last', () => {
  it('A: 5 registered for the series at every session; present 3, 2, 2', () => {
    expect(perSession(a).map((s) => [s.sessionId, s.number, s.registered, s.present])).toEqual([
      ['s1', 1, 5, 3],
      ['s2', 2, 5, 2],
      ['s3', 3, 5, 2],
    ]);
    expect(dropOf(perSession(a))).toEqual({ first: 3, last: 2 });
  });

  it('B: registered per session (2 and 2), presence unknown, so no drop', () => {
    expect(perSession(b).map((s) => [s.sessionId, s.registered, s.present])).toEqual([
      ['s1', 2, null],
      ['s2', 2, null],
    ]);
    expect(dropOf(perSession(b))).toBeNull();
  });

  it('a cancelled session is left out', () => {
    const c = toRecords({ ...A, sessions: A.sessions.map((s) => (s.id === 's2' ? { ...s, status: 'cancelled' as const } : s)) }, A_PRESENCE, A_SEATS, PEOPLE);
    expect(perSession(c).map((s) => s.sessionId)).toEqual(['s1', 's3']);
  });
});

describe('teams and runs', () => {
  it('A: one team, registered by p1 (Ånge): p1, p5, p6 registered, p1 and p6 took part', () => {
    expect(teamsOf(a, participationOf(a))).toEqual([{ leaderId: P.p1, organizationId: 'ange', registered: 3, participants: 2 }]);
  });

  it('B: no teams', () => {
    expect(teamsOf(b, participationOf(b))).toEqual([]);
  });

  it('a run: sessions, registered (distinct, waitlist left out), participants, teams', () => {
    expect(runOf(a)).toMatchObject({ activityId: 'act-a', seriesKey: 'series:leda-larande', sessions: 3, registered: 5, participants: 4, teams: 1, basis: 'attendance' });
    expect(runOf(b)).toMatchObject({ seriesKey: 'title:specialpedagogiskt seminarium', sessions: 2, registered: 3, participants: 3, teams: 0, basis: 'registrations' });
  });

  it('runs of one series are grouped, in time order', () => {
    const a2 = toRecords(
      { ...A, id: 'act-a2', activityId: 'act-a2', sessions: A.sessions.map((s) => ({ ...s, start: s.start.replace('2022', '2021'), end: s.end.replace('2022', '2021') })) },
      [],
      [],
      PEOPLE,
    );
    const groups = runsBySeries([runOf(a), runOf(b), runOf(a2)]);
    expect(groups.map((g) => g.map((r) => r.activityId))).toEqual([['act-a2', 'act-a'], ['act-b']]);
  });
});

describe('representation ("17 av 19 kommuner")', () => {
  it('A among three municipalities: Ånge and Härnösand there, Sundsvall (waitlisted only) missing', () => {
    expect(representation(participationOf(a).participants, ['ange', 'harnosand', 'sundsvall'])).toEqual({ represented: ['ange', 'harnosand'], missing: ['sundsvall'], of: 3 });
  });

  it('per session counts the present only', () => {
    expect(representationPerSession(a, ['ange', 'harnosand', 'sundsvall']).map((r) => r.rep.represented.length)).toEqual([2, 2, 2]);
    expect(representationPerSession(a, ['ange', 'harnosand', 'sundsvall'])[1]?.rep.represented).toEqual(['ange', 'harnosand']);
  });
});

describe('per organisation and year', () => {
  it('the year of each person’s first session: B’s q1 and q2 in 2021 (November), q4 in 2022', () => {
    expect(perOrganizationPerYear([a, b])).toEqual([
      { organizationId: 'ange', year: 2021, count: 1 },
      { organizationId: 'ange', year: 2022, count: 2 },
      { organizationId: 'berg', year: 2021, count: 1 },
      { organizationId: 'harnosand', year: 2022, count: 2 },
      { organizationId: 'other', year: 2022, count: 1 },
    ]);
  });

  it('within 2022 only', () => {
    expect(perOrganizationPerYear([a, b], Y2022)).toEqual([
      { organizationId: 'ange', year: 2022, count: 3 },
      { organizationId: 'harnosand', year: 2022, count: 2 },
      { organizationId: 'other', year: 2022, count: 1 },
    ]);
  });
});
