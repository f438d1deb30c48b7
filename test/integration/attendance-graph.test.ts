import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { personKey } from '../../src/features/attendance/match';
import type { AttendanceRepository } from '../../src/features/attendance/store';
import { allText, invokeCard, sentCard } from '../support/cards';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { invoke, message, personal, type User } from '../support/teams';
import { eventually, FakeGraph, FileHost, fixture, joinUrl, meetingEvent, PEOPLE, startValue, withFile, type GraphRecord } from '../fixtures/attendance/support';

const { karin, asa, bjorn, marta, orjan } = PEOPLE;
// Ylva's Teams name differs from the name in Teams' report file; her e-mail, learned from Graph, matches her.
const ylva: User = { ...PEOPLE.ylva, name: 'Ylva Åkesson Berg' };
const key = (u: User) => personKey({ aadObjectId: u.aad });
const clock = fixedClock('2026-11-20T10:00:00Z');
const seminarForm = seminarFormAt(clock.now());

function record(u: { aad: string | null; name: string; email: string | null }, role: string, stays: [string, string][]): GraphRecord {
  const intervals = stays.map(([a, b]) => ({ joinDateTime: a, leaveDateTime: b, durationInSeconds: (Date.parse(b) - Date.parse(a)) / 1000 }));
  return {
    emailAddress: u.email,
    role,
    totalAttendanceInSeconds: intervals.reduce((n, i) => n + i.durationInSeconds, 0),
    identity: { id: u.aad, displayName: u.name, tenantId: u.aad ? '6e0b6c1e-0000-4000-8000-00000000aaaa' : null },
    attendanceIntervals: intervals,
  };
}

describe('attendance from Microsoft Graph after the meeting ends (a fake Graph over HTTP)', () => {
  let h: Harness;
  const graph = new FakeGraph();
  const host = new FileHost();
  let activityId: string;
  let emptyActivityId: string;
  let repo: AttendanceRepository;

  beforeAll(async () => {
    await graph.start();
    await host.start();
    h = await startHarness({ coordinators: [karin.aad], clock, env: graph.env(), appOptions: graph.appOptions() });
    const attendance = h.app.attendance;
    if (!attendance) throw new Error('attendance not wired');
    repo = attendance.repo;
    activityId = (await createPublished(h, karin, seminarForm({ title: 'Läslyftet – kick-off för rektorer', s0_link: joinUrl('graph') }))).activityId;
    emptyActivityId = (await createPublished(h, karin, seminarForm({ title: 'Läslyftet – uppföljning', s0_link: joinUrl('graph-empty'), s0_date: '2026-12-10' }))).activityId;
    for (const u of [asa, bjorn, marta, ylva, orjan]) await registerWithProfile(h, u, activityId);
    graph.meetings.set('MSpncmFwaA', {
      organizer: karin.aad,
      joinUrl: joinUrl('graph'),
      reports: [
        {
          id: 'report-2026-12-08',
          start: '2026-12-08T07:58:01Z',
          end: '2026-12-08T10:02:13Z',
          records: [
            record({ aad: karin.aad, name: karin.name, email: 'karin.lindqvist@natverket.se' }, 'Organizer', [['2026-12-08T07:58:01Z', '2026-12-08T10:02:13Z']]),
            record({ aad: asa.aad, name: asa.name, email: 'asa.oberg@ostersund.se' }, 'Attendee', [['2026-12-08T08:01:10Z', '2026-12-08T10:00:02Z']]),
            record({ aad: bjorn.aad, name: bjorn.name, email: 'bjorn.angstrom@are.se' }, 'Attendee', [
              ['2026-12-08T08:02:00Z', '2026-12-08T08:40:00Z'],
              ['2026-12-08T09:00:00Z', '2026-12-08T09:59:30Z'],
            ]),
            record({ aad: marta.aad, name: marta.name, email: 'marta.sjostrom@harnosand.se' }, 'Attendee', [['2026-12-08T09:25:00Z', '2026-12-08T09:55:00Z']]),
            record({ aad: ylva.aad, name: ylva.name, email: 'ylva.akesson@solleftea.se' }, 'Attendee', [['2026-12-08T08:00:30Z', '2026-12-08T09:58:00Z']]),
            record({ aad: null, name: 'Pekka Virtanen', email: 'pekka.virtanen@gmail.com' }, 'Attendee', [['2026-12-08T08:05:00Z', '2026-12-08T09:40:00Z']]),
          ],
        },
        {
          // The same recurring meeting a fortnight earlier: not this session.
          id: 'report-2026-11-24',
          start: '2026-11-24T07:58:00Z',
          end: '2026-11-24T10:00:00Z',
          records: [record({ aad: orjan.aad, name: orjan.name, email: null }, 'Attendee', [['2026-11-24T08:00:00Z', '2026-11-24T10:00:00Z']])],
        },
      ],
    });
    graph.meetings.set('MSplbXB0eQ', { organizer: karin.aad, joinUrl: joinUrl('graph-empty'), reports: [] });
  });
  afterAll(async () => {
    await h.close();
    await graph.stop();
    await host.stop();
  });

  it('fetches the reports of the session when its meeting ends and records everyone as the Graph source', async () => {
    clock.set('2026-12-08T07:58:00Z');
    await h.send(meetingEvent(h.connector.url, 'start', { thread: 'graph', at: '2026-12-08T07:58:01Z', value: startValue('graph', '2026-12-08T07:58:01Z') }));
    clock.set('2026-12-08T10:03:00Z');
    await h.send(meetingEvent(h.connector.url, 'end', { thread: 'graph', at: '2026-12-08T10:02:13Z', value: startValue('graph', '2026-12-08T10:02:13Z', true) }));
    await eventually(async () => (await repo.meeting(activityId, 's1'))?.graph?.status === 'done');

    const docs = new Map((await repo.ofSession(activityId, 's1')).map((d) => [d.personKey, d]));
    expect(docs.get(key(asa))).toMatchObject({ minutes: 118, present: true, graph: { reportIds: ['report-2026-12-08'], seconds: 7132 } });
    expect(docs.get(key(asa))?.person.email).toBe('asa.oberg@ostersund.se');
    expect(docs.get(key(bjorn))).toMatchObject({ minutes: 97, present: true });
    expect(docs.get(key(marta))).toMatchObject({ minutes: 30, present: false });
    expect(docs.get(key(karin))).toMatchObject({ present: true, graph: { role: 'organizer' } });
    expect([...docs.values()].find((d) => d.person.email === 'pekka.virtanen@gmail.com')).toMatchObject({ minutes: 95, present: true });
    expect(docs.has(key(orjan))).toBe(false);
    expect(docs.size).toBe(6);

    // Client credentials once, then the bearer token on every call; records came in two-record pages.
    expect(graph.tokensIssued).toBe(1);
    const paths = graph.calls.map((c) => c.path);
    expect(paths).toContain(`/v1.0/users/${karin.aad}/onlineMeetings?$filter=JoinWebUrl eq '${joinUrl('graph')}'`);
    expect(paths.filter((p) => p.includes('/attendanceReports/report-2026-12-08/attendanceRecords'))).toHaveLength(3);
    expect(paths.some((p) => p.includes('report-2026-11-24/attendanceRecords'))).toBe(false);
    expect(graph.calls.filter((c) => c.method === 'GET').every((c) => c.auth === 'Bearer fake-graph-token')).toBe(true);
  });

  it('changes nothing when the coordinator fetches again', async () => {
    const before = (await repo.ofSession(activityId, 's1')).map((d) => `${d.personKey}@${d.updatedAt}`).sort();
    const card = invokeCard(await h.send(invoke(h.connector.url, karin, 'attendance.graph.fetch', { activityId, sessionId: 's1' })));
    expect(allText(card)).toContain('Närvaron är hämtad från Teams: 6 personer.');
    expect((await repo.ofSession(activityId, 's1')).map((d) => `${d.personKey}@${d.updatedAt}`).sort()).toEqual(before);
    expect(graph.tokensIssued).toBe(1);
  });

  it('says so when Teams has no report yet', async () => {
    const card = invokeCard(await h.send(invoke(h.connector.url, karin, 'attendance.graph.fetch', { activityId: emptyActivityId, sessionId: 's1' })));
    expect(allText(card)).toContain('Teams har ingen närvarorapport för mötet än.');
    expect(await repo.ofActivity(emptyActivityId)).toEqual([]);
  });

  it('matches a report file row by the e-mail learned from Graph when the names differ, keeping both sources', async () => {
    const url = host.put('rapport.csv', fixture('teams-sv.csv'));
    const before = h.connector.posts(personal(karin).id).length;
    await h.send(withFile(message(h.connector.url, karin, 'Läslyftet – kick-off'), url));
    const card = sentCard(h.connector.posts(personal(karin).id)[before]?.body ?? {});
    expect(allText(card)).toContain('Anmälda i rapporten (4)');
    const ylvaDoc = (await repo.ofSession(activityId, 's1')).find((d) => d.personKey === key(ylva));
    expect(ylvaDoc).toMatchObject({ present: true, graph: { seconds: 7050 }, report: { seconds: 7050 } });
    expect((await repo.ofSession(activityId, 's1')).filter((d) => d.person.name === 'Ylva Åkesson')).toEqual([]);
  });
});
