import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Attendance } from '../../src/kernel/attendance';
import { personKey } from '../../src/features/attendance/match';
import type { AttendanceRepository } from '../../src/features/attendance/store';
import { allText, invokeCard, invokeMessage, sentCard, type Json } from '../support/cards';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { invoke, message, personal, type Conv, type User } from '../support/teams';
import { joinUrl, meetingEvent, participants, PEOPLE, startValue, threadId } from '../fixtures/attendance/support';

const clock = fixedClock('2026-11-20T10:00:00Z');
const seminarForm = seminarFormAt(clock.now());
const { karin, asa, bjorn, marta, ylva, orjan, lars, sven } = PEOPLE;
const meetingChat = (thread: string): Conv => ({ id: threadId(thread), type: 'groupChat' });
const key = (u: User) => personKey({ aadObjectId: u.aad });

describe('attendance from a Teams meeting: start → joins/leaves → end, check-in, marking', () => {
  let h: Harness;
  let activityId: string;
  let repo: AttendanceRepository;

  const event = (kind: 'start' | 'end' | 'join' | 'leave', at: string, value: unknown, id?: string) =>
    h.send(meetingEvent(h.connector.url, kind, { thread: 'flow', at, value, ...(id ? { id } : {}) }));
  const docs = async () => new Map((await repo.ofSession(activityId, 's1')).map((d) => [d.personKey, d]));
  const doc = async (u: User): Promise<Attendance | undefined> => (await docs()).get(key(u));

  beforeAll(async () => {
    h = await startHarness({ coordinators: [karin.aad], clock });
    const attendance = h.app.attendance;
    if (!attendance) throw new Error('attendance not wired');
    repo = attendance.repo;
    activityId = (await createPublished(h, karin, seminarForm({ title: 'Läslyftet – kick-off för rektorer', s0_link: joinUrl('flow') }))).activityId;
    const orgs = ['ostersund', 'are', 'harnosand', 'solleftea', 'ange', 'kramfors'];
    for (const [i, u] of [asa, bjorn, marta, ylva, orjan, sven].entries()) await registerWithProfile(h, u, activityId, 's1', orgs[i]);
    await h.app.directory.updatePerson(lars.aad, (p) => ({ ...p, name: lars.name, organizationId: 'ostersund', jobRole: 'developer' }));
  });
  afterAll(async () => {
    await h.close();
  });

  it('links the meeting by its join link when it starts and posts one check-in card in the meeting chat', async () => {
    clock.set('2026-12-08T07:58:00Z');
    const before = h.connector.posts(threadId('flow')).length;
    expect((await event('start', '2026-12-08T07:58:01Z', startValue('flow', '2026-12-08T07:58:01.0000000Z'))).status).toBe(200);
    // Teams delivering the same start again posts nothing more.
    await event('start', '2026-12-08T07:58:01Z', startValue('flow', '2026-12-08T07:58:01.0000000Z'));
    const posts = h.connector.posts(threadId('flow')).slice(before);
    expect(posts).toHaveLength(1);
    const card = sentCard(posts[0]?.body ?? {});
    expect(allText(card)).toContain('Incheckning');
    expect(JSON.stringify(card)).toContain('Jag är här');
    expect(JSON.stringify(card)).toContain('attendance.checkIn');
    expect((await repo.meeting(activityId, 's1'))?.startedAt).toBe('2026-12-08T07:58:01.000Z');
  });

  it('records joins and leaves per person, ignoring duplicates', async () => {
    await event('join', '2026-12-08T07:58:05Z', participants([karin], 'Organizer'));
    await event('join', '2026-12-08T07:59:00Z', participants([lars], 'Presenter'));
    await event('join', '2026-12-08T08:00:30Z', participants([ylva]));
    await event('join', '2026-12-08T08:01:10Z', participants([asa]), 'join-asa');
    await event('join', '2026-12-08T08:01:10Z', participants([asa]), 'join-asa');
    await event('join', '2026-12-08T08:01:10Z', participants([asa]), 'join-asa-redelivered');
    await event('join', '2026-12-08T08:02:00Z', participants([bjorn]));
    await event('join', '2026-12-08T08:10:00Z', participants([sven]));
    await event('leave', '2026-12-08T08:40:00Z', participants([bjorn]));
    await event('join', '2026-12-08T08:49:40Z', participants([ylva]));
    await event('leave', '2026-12-08T08:50:00Z', participants([ylva]));
    await event('leave', '2026-12-08T08:50:00Z', participants([sven]));
    await event('join', '2026-12-08T09:00:00Z', participants([bjorn]));
    await event('join', '2026-12-08T09:25:00Z', participants([marta]));
    await event('leave', '2026-12-08T09:55:00Z', participants([marta]));
    await event('leave', '2026-12-08T09:58:00Z', participants([ylva]));
    await event('leave', '2026-12-08T09:59:30Z', participants([bjorn]));
    await event('leave', '2026-12-08T10:01:00Z', participants([lars]));

    const asaDoc = await doc(asa);
    expect(asaDoc?.meeting?.events).toEqual([{ kind: 'join', at: '2026-12-08T08:01:10.000Z', eventId: `join-asa:${asa.aad}` }]);
    expect(asaDoc?.person).toMatchObject({ aadObjectId: asa.aad, name: 'Åsa Öberg', organizationId: 'ostersund' });
    expect((await doc(bjorn))?.meeting?.events).toHaveLength(4);
    // Still in the meeting: not counted until it ends.
    expect(asaDoc?.minutes).toBe(0);
  });

  it('checks a person in once, however often they press, only from the meeting chat and only during the session', async () => {
    clock.set('2026-12-08T08:30:00Z');
    const first = invokeCard(await h.send(invoke(h.connector.url, marta, 'attendance.checkIn', { activityId, sessionId: 's1' }, meetingChat('flow'))));
    expect(allText(first)).toContain('Du är incheckad (kl. 09:30)');
    clock.set('2026-12-08T08:45:00Z');
    const again = invokeCard(await h.send(invoke(h.connector.url, marta, 'attendance.checkIn', { activityId, sessionId: 's1' }, meetingChat('flow'))));
    expect(allText(again)).toContain('Du är redan incheckad (kl. 09:30)');
    expect((await doc(marta))?.checkIn).toEqual({ at: '2026-12-08T08:30:00.000Z' });

    const english = invokeCard(await h.send(invoke(h.connector.url, ylva, 'attendance.checkIn', { activityId, sessionId: 's1' }, personal(ylva))));
    expect(allText(english)).toContain('Check in from the meeting chat.');
    expect((await doc(ylva))?.checkIn).toBeUndefined();
  });

  it('closes open stays at the meeting end, counts minutes with rejoins and overlaps once, and applies the threshold', async () => {
    clock.set('2026-12-08T10:02:30Z');
    await event('end', '2026-12-08T10:02:13Z', startValue('flow', '2026-12-08T10:02:13.0000000Z', true));
    const all = await docs();
    const summary = (u: User) => {
      const d = all.get(key(u));
      return d && { minutes: d.minutes, present: d.present, by: d.presentBy };
    };
    expect(summary(asa)).toEqual({ minutes: 121, present: true, by: 'minutes' }); // no leave: closed at the end
    expect(summary(bjorn)).toEqual({ minutes: 97, present: true, by: 'minutes' }); // 38 + 59.5
    expect(summary(ylva)).toEqual({ minutes: 117, present: true, by: 'minutes' }); // second device inside the stay
    expect(summary(marta)).toEqual({ minutes: 30, present: true, by: 'checkIn' });
    expect(summary(sven)).toEqual({ minutes: 40, present: false, by: 'none' }); // under 60 = half of 2 h
    expect(summary(lars)).toEqual({ minutes: 122, present: true, by: 'minutes' });
    expect(summary(karin)).toEqual({ minutes: 124, present: true, by: 'minutes' });
    expect(all.get(key(orjan))).toBeUndefined();
    expect(all.get(key(karin))?.meeting?.role).toBe('organizer');
    expect(all.get(key(lars))?.person.organizationId).toBe('ostersund');

    const activity = await h.app.activities.get(activityId);
    expect(activity?.doc.sessions[0]?.status).toBe('held');
  });

  it('changes nothing when Teams delivers the same events again after the end', async () => {
    const before = JSON.stringify([...(await docs()).values()].map((d) => [d.personKey, d.updatedAt, d.minutes]));
    await event('join', '2026-12-08T08:01:10Z', participants([asa]), 'join-asa');
    await event('leave', '2026-12-08T09:59:30Z', participants([bjorn]));
    await event('end', '2026-12-08T10:02:13Z', startValue('flow', '2026-12-08T10:02:13.0000000Z', true));
    expect(JSON.stringify([...(await docs()).values()].map((d) => [d.personKey, d.updatedAt, d.minutes]))).toBe(before);
  });

  it('refuses a check-in after the session', async () => {
    clock.set('2026-12-08T14:00:00Z');
    const late = invokeCard(await h.send(invoke(h.connector.url, sven, 'attendance.checkIn', { activityId, sessionId: 's1' }, meetingChat('flow'))));
    expect(allText(late)).toContain('Incheckningen för det här tillfället är stängd.');
    expect((await doc(sven))?.checkIn).toBeUndefined();
  });

  it('shows the coordinator the marking card, and saves only what they changed as manual marks, with a new threshold', async () => {
    const before = h.connector.posts(personal(karin).id).length;
    await h.send(message(h.connector.url, karin, 'närvaro Läslyftet'));
    const card = sentCard(h.connector.posts(personal(karin).id)[before]?.body ?? {}) ?? {};
    const toggles = new Map<string, string>();
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(walk);
      if (!n || typeof n !== 'object') return;
      const o = n as Json;
      if (o.type === 'Input.Toggle') toggles.set(String(o.id), String(o.value));
      Object.values(o).forEach(walk);
    };
    walk(card);
    const save = JSON.stringify(card).match(/"verb":"attendance\.mark\.save","style":"positive","data":(\{[^}]*\})/);
    const data = JSON.parse(save?.[1] ?? '{}') as Json;
    // The card says whose each toggle is and what it showed: "1aad-…;0aad-…".
    const shown = String(data.shown)
      .split(';')
      .map((x) => ({ present: x.startsWith('1'), key: x.slice(1) }));
    const toggle = (u: User) => `p${shown.findIndex((x) => x.key === key(u))}`;
    expect(toggles.get(toggle(asa))).toBe('true');
    expect(toggles.get(toggle(orjan))).toBe('false');
    expect(toggles.get(toggle(lars))).toBe('true');
    expect(toggles.size).toBe(8);
    expect(allText(card)).toContain('4 av 6 anmälda närvarande · 2 med utan anmälan');

    // Someone who is not a coordinator gets nowhere.
    const refused = await h.send(invoke(h.connector.url, asa, 'attendance.mark.save', { ...data, [toggle(orjan)]: 'true' }));
    expect(invokeMessage(refused)).toContain('bara samordnare');
    expect((await doc(orjan))?.manual).toBeUndefined();

    const inputs = Object.fromEntries([...toggles.entries()]);
    const saved = invokeCard(
      await h.send(
        invoke(h.connector.url, karin, 'attendance.mark.save', {
          ...data,
          ...inputs,
          // A person who is not in this session, slipped into what the card "showed", is ignored.
          shown: `${String(data.shown)};0aad-ffffffff-0000-4000-8000-000000000000`,
          [`p${shown.length}`]: 'true',
          [toggle(orjan)]: 'true',
          [toggle(marta)]: 'false',
          threshold: '40',
        }),
      ),
    );
    expect(allText(saved)).toContain('Sparat: 3 ändringar.');
    const all = await docs();
    expect(all.get(key(orjan))).toMatchObject({ present: true, presentBy: 'manual', manual: { present: true, by: karin.aad } });
    expect(all.get(key(marta))).toMatchObject({ present: false, presentBy: 'manual', checkIn: { at: '2026-12-08T08:30:00.000Z' } });
    expect(all.get(key(sven))).toMatchObject({ minutes: 40, present: true, presentBy: 'minutes' });
    expect(all.get(key(asa))?.manual).toBeUndefined();
    expect(all.has('aad-ffffffff-0000-4000-8000-000000000000')).toBe(false);
    expect((await h.app.activities.get(activityId))?.doc.attendanceThresholdMinutes).toBe(40);

    const bad = invokeCard(await h.send(invoke(h.connector.url, karin, 'attendance.mark.save', { ...data, threshold: 'fyrtio' })));
    expect(allText(bad)).toContain('Närvarogränsen måste vara ett heltal');
  });

  it('keeps the attendance list out of group chats', async () => {
    const before = h.connector.posts(threadId('flow')).length;
    await h.send(message(h.connector.url, karin, 'närvaro Läslyftet', meetingChat('flow')));
    const reply = h.connector.posts(threadId('flow'))[before]?.body;
    expect(String(reply?.text)).toContain('bara i en chatt direkt med mig');
  });
});

describe('meetings linked by hand, and events that are not ours', () => {
  let h: Harness;
  let activityId: string;
  let repo: AttendanceRepository;

  beforeAll(async () => {
    h = await startHarness({ coordinators: [karin.aad], clock: fixedClock('2026-11-20T10:00:00Z') });
    const attendance = h.app.attendance;
    if (!attendance) throw new Error('attendance not wired');
    repo = attendance.repo;
    activityId = (await createPublished(h, karin, seminarForm({ title: 'Nätverksträff IKT', s0_link: '', s0_start: '13:00', s0_end: '15:00' }))).activityId;
  });
  afterAll(async () => {
    await h.close();
  });

  it('ignores events from a meeting linked to no session, and events it cannot read', async () => {
    const send = (kind: 'start' | 'join', value: unknown) => h.send(meetingEvent(h.connector.url, kind, { thread: 'manual', at: '2026-12-08T11:55:00Z', value }));
    expect((await send('start', startValue('manual', '2026-12-08T11:55:00Z'))).status).toBe(200);
    expect((await send('join', participants([asa]))).status).toBe(200);
    expect((await send('start', 'garbage')).status).toBe(200);
    expect((await send('join', { members: 'nobody' })).status).toBe(200);
    expect(await repo.ofActivity(activityId)).toEqual([]);
    expect(h.connector.posts(threadId('manual'))).toHaveLength(0);
  });

  it('links the meeting chat when a coordinator writes "koppla <aktivitet>", and counts from then on', async () => {
    const refused = h.connector.posts(threadId('manual')).length;
    await h.send(message(h.connector.url, asa, 'koppla Nätverksträff IKT', { id: threadId('manual'), type: 'groupChat' }));
    expect(String(h.connector.posts(threadId('manual'))[refused]?.body.text)).toContain('bara samordnare');
    expect(await repo.link(threadId('manual'))).toBeNull();

    await h.send(message(h.connector.url, karin, 'koppla Nätverksträff IKT', { id: threadId('manual'), type: 'groupChat' }));
    const linked = h.connector.posts(threadId('manual'));
    expect(String(linked[linked.length - 1]?.body.text)).toContain('Mötet är kopplat till **Nätverksträff IKT**, tillfälle 1');
    expect(await repo.link(threadId('manual'))).toMatchObject({ activityId, sessionIds: ['s1'], linkedBy: 'manual', linkedByUser: karin.aad });

    await h.send(message(h.connector.url, karin, 'incheckning', { id: threadId('manual'), type: 'groupChat' }));
    const posted = h.connector.posts(threadId('manual'));
    expect(allText(sentCard(posted[posted.length - 1]?.body ?? {}))).toContain('Incheckning');

    await h.send(meetingEvent(h.connector.url, 'join', { thread: 'manual', at: '2026-12-08T12:00:00Z', value: participants([asa]) }));
    await h.send(meetingEvent(h.connector.url, 'leave', { thread: 'manual', at: '2026-12-08T13:30:00Z', value: participants([asa]) }));
    const recorded = await repo.ofSession(activityId, 's1');
    expect(recorded.map((d) => [d.personKey, d.minutes, d.present])).toEqual([[key(asa), 90, true]]);
  });

  it('loses no event when many arrive for one person at once, and stores a duplicate delivered concurrently once', async () => {
    const at = (i: number) => new Date(Date.parse('2026-12-08T12:00:00Z') + (i + 1) * 60_000).toISOString();
    const events = Array.from({ length: 30 }, (_, i) => meetingEvent(h.connector.url, i % 2 ? 'leave' : 'join', { thread: 'manual', at: at(i), value: participants([bjorn]) }));
    const duplicate = meetingEvent(h.connector.url, 'join', { thread: 'manual', at: at(100), value: participants([bjorn]), id: 'same-event' });
    const results = await Promise.allSettled([...events, duplicate, duplicate, duplicate, duplicate].map((e) => h.send(e)));
    expect(results.every((r) => r.status === 'fulfilled' && r.value.status === 200)).toBe(true);
    const d = (await repo.ofSession(activityId, 's1')).find((x) => x.personKey === key(bjorn));
    expect(d?.meeting?.events).toHaveLength(31);
    // 15 one-minute stays, and the last join is still open.
    expect(d?.minutes).toBe(15);
  });

  it('answers "koppla" in a 1:1 chat with where to write it', async () => {
    await h.send(message(h.connector.url, karin, 'koppla Nätverksträff IKT'));
    const posts = h.connector.posts(personal(karin).id);
    expect(String(posts[posts.length - 1]?.body.text)).toContain('Skriv det här i mötets chatt');
  });
});
