// The demo data set reproduces the figures the network's reports publish (shared/data/region.json).
import { describe, expect, it } from '@jest/globals';
import { AttendanceSchema } from '../../../src/kernel/attendance';
import { ActivitySchema } from '../../../src/kernel/activity';
import { PersonSchema } from '../../../src/kernel/people';
import { SeatsSchema } from '../../../src/kernel/seats';
import { buildDemo, DEMO_PREFIX, DEMO_USER_PREFIX, presenceSets } from '../../../src/features/demo/build';
import { MUNICIPALITIES } from '../../../src/features/demo/dataset';
import { toRecords, type ActivityRecords } from '../../../src/features/reports/records';
import { dropOf, participationOf, perSession, representation, runOf, teamsOf } from '../../../src/features/reports/stats';

const demo = buildDemo();
const people = new Map(demo.people.map((p) => [p.aadObjectId, p]));
const records = new Map<string, ActivityRecords>(
  demo.activities.map((a) => [
    a.id.slice(DEMO_PREFIX.length),
    toRecords(
      a,
      demo.attendance
        .filter((x) => x.activityId === a.id)
        .map((x) => ({
          sessionId: x.sessionId,
          personKey: x.personKey,
          aadObjectId: x.person.aadObjectId,
          name: x.person.name,
          organizationId: x.person.organizationId,
          minutes: x.minutes,
          present: x.present,
        })),
      demo.seats.filter((s) => s.activityId === a.id),
      people,
    ),
  ]),
);
const rec = (key: string): ActivityRecords => {
  const r = records.get(key);
  if (!r) throw new Error(key);
  return r;
};

describe('published figures', () => {
  it('Att leda en likvärdig skola vt21–ht21: 28 registered, 12 present at the last meeting', () => {
    const r = rec('leda-likvardig-vt21');
    expect(runOf(r).registered).toBe(28);
    expect(dropOf(perSession(r))?.last).toBe(12);
  });

  it('… offered again vt22 and cancelled for too few registrations', () => {
    expect(rec('leda-likvardig-vt22').activity.status).toBe('cancelled');
  });

  it('Att leda lärande och utveckling: 53 participants vt21 and 52 vt22', () => {
    expect(participationOf(rec('leda-larande-vt21')).participants).toHaveLength(53);
    expect(participationOf(rec('leda-larande-vt22')).participants).toHaveLength(52);
  });

  it('Att organisera en likvärdig skola: 9 teams', () => {
    const r = rec('organisera-likvardig');
    expect(teamsOf(r, participationOf(r))).toHaveLength(9);
  });

  it('Framgångsrikt kollegialt lärande: two teams from Ånge 20/21, cancelled 21/22, two teams from Härnösand 22/23', () => {
    for (const [key, org] of [
      ['kollegialt-2021', 'ange'],
      ['kollegialt-2223', 'harnosand'],
    ] as const) {
      const r = rec(key);
      const teams = teamsOf(r, participationOf(r));
      expect(teams.map((t) => t.organizationId)).toEqual([org, org]);
    }
    expect(rec('kollegialt-2122').activity.status).toBe('cancelled');
  });

  it('RUN-riksdag 2018: 116 at the conference, 17 of 19 municipalities represented', () => {
    const p = participationOf(rec('run-riksdag-2018')).participants;
    expect(p).toHaveLength(116);
    expect(representation(p, MUNICIPALITIES)).toMatchObject({ of: 19, represented: expect.any(Array) });
    expect(representation(p, MUNICIPALITIES).represented).toHaveLength(17);
  });

  it('RUN-konferens 2022: about 60 registered, about 40 attended', () => {
    const r = rec('run-konferens-2022');
    expect(runOf(r)).toMatchObject({ registered: 60, participants: 40 });
  });

  it('Regionalt IKT-nätverk: five meetings in 2021, three in 2022, 12 municipalities and the university', () => {
    expect(perSession(rec('ikt-2021'))).toHaveLength(5);
    expect(perSession(rec('ikt-2022'))).toHaveLength(3);
    const orgs = new Set(rec('ikt-2021').registrations.map((x) => x.organizationId));
    expect(orgs.size).toBe(13);
    expect(orgs.has('miun')).toBe(true);
  });

  it('Specialpedagogiskt seminarium: six over the period; Fritidshemsseminarium: four', () => {
    expect([...records.keys()].filter((k) => k.startsWith('specped-'))).toHaveLength(6);
    expect([...records.keys()].filter((k) => k.startsWith('fritidshem-'))).toHaveLength(4);
  });
});

describe('the documents', () => {
  it('are what the bot stores (schemas parse), demo-marked, and deterministic', () => {
    for (const a of demo.activities) expect(ActivitySchema.parse(a).id.startsWith(DEMO_PREFIX)).toBe(true);
    for (const s of demo.seats) SeatsSchema.parse(s);
    for (const x of demo.attendance) AttendanceSchema.parse(x);
    for (const p of demo.people) expect(PersonSchema.parse(p).aadObjectId.startsWith(DEMO_USER_PREFIX)).toBe(true);
    expect(JSON.stringify(buildDemo())).toBe(JSON.stringify(demo));
  });
});

describe('presenceSets', () => {
  it.each([
    [57, [50, 47, 45, 42], 53],
    [28, [26, 21, 17, 12], 27],
    [10, [3, 3, 3], 9],
  ])('%i registered, present %p: each session its count, %i people in all', (registered, present, participants) => {
    const sets = presenceSets(registered, present, participants);
    expect(sets.map((s) => s.length)).toEqual(present);
    expect(new Set(sets.flat()).size).toBe(participants);
  });
});
