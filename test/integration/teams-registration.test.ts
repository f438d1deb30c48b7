// Team registration by a manager, registration on behalf of colleagues, and the refusals that
// write nothing: over HTTP, against the embedded Cosmos server, with the fake Bot Connector.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seatsId } from '../../src/kernel/seats';
import { emailUserId } from '../../src/features/staff-teams/people';
import { action, allText, invokeCard, invokeMessage, sentCard, type Json } from '../support/cards';
import { createDraft, createPublished, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { channel, invoke, message, user, type User } from '../support/teams';
import { DEV_USER_HEADER } from '../../src/features/tab/api/identity';

const coordinator = user(400);
const manager = user(401);
const principal = user(402);
const [u1, u2, u3, u4, u5, u6] = [411, 412, 413, 414, 415, 416].map((n) => user(n)) as [User, User, User, User, User, User];
const outsider = user(419);
const TEAM_ID = '19:team@thread.tacv2';
// Series 2026-12-08 and 2026-12-15, 09:00–11:00 Stockholm (08:00–10:00Z); deadline 1 December.
const clock = fixedClock('2026-11-20T10:00:00Z');
const seminarForm = seminarFormAt(clock.now());

function cardsTo(h: Harness, u: User, since = 0): { card: Json | undefined; text: string }[] {
  return h.connector
    .posts(`a:personal-${u.aad}`)
    .slice(since)
    .map((call) => {
      const card = sentCard(call.body);
      return { card, text: card ? allText(card) : String(call.body.text ?? '') };
    });
}

describe('team registration and registration on behalf', () => {
  let h: Harness;
  let activityId: string;
  let teamId: string;
  const seats = async (scope = 'series') => (await h.app.activities.getSeats(activityId, seatsId(scope)))?.doc;
  const teams = async () => h.app.groups.teams.ofActivity(activityId);
  const saveTeam = (by: User, over: Record<string, unknown> = {}) =>
    h.send(
      invoke(
        h.connector.url,
        by,
        'team.save',
        {
          activityId,
          teamId: '',
          organizationId: 'ange',
          unit: 'Björkbackens skola',
          name: 'Arbetslag Björken',
          members: [u1, u2, u3].map((u) => u.aad).join(','),
          membersTyped: 'Nils Nilsson <Nils.Nilsson@ange.se>',
          principal: principal.aad,
          principalTyped: '',
          ...over,
        },
        channel(),
      ),
    );

  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad], clock });
    // Everyone but u6 has talked to the bot once, so it can reach them 1:1.
    for (const u of [manager, principal, u1, u2, u3, u4, u5, outsider]) await h.send(message(h.connector.url, u, 'hej'));
    // u6 is only known to Teams, as a member of the team the invitation is posted in.
    h.connector.members.set(TEAM_ID, [{ id: `29:${u6.aad}`, name: u6.name, aadObjectId: u6.aad, email: 'u6@ange.se' }]);
    await h.app.groups.roles.setManager(manager.aad, 'ange', coordinator.aad, clock.now());
    await h.app.directory.updatePerson(u5.aad, (p) => ({ ...p, organizationId: 'sundsvall', jobRole: 'teacher' }));
    await h.app.directory.updatePerson(u4.aad, (p) => ({ ...p, organizationId: 'ange', jobRole: 'teacher' }));

    activityId = await createDraft(
      h,
      coordinator,
      seminarForm({
        title: 'Framgångsrikt kollegialt lärande',
        kind: 'series',
        registrationMode: 'series',
        capacity: 2,
        minParticipants: 1,
        s1_date: '2026-12-15',
        s1_start: '09:00',
        s1_end: '11:00',
        s1_link: '',
        sessionCount: 2,
      }),
    );
    const saved = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'team.settings.save', { activityId, mode: 'team', minSize: '3', maxSize: '5', maxPeople: '', networkId: '' })));
    expect(allText(saved)).toContain('Inställningarna är sparade.');
    invokeCard(await h.send(invoke(h.connector.url, coordinator, 'activity.publish', { activityId }, channel())));
  });
  afterAll(async () => {
    await h.close();
  });

  it('the invitation of a team activity offers "Anmäl ett team" and no individual registration', async () => {
    const posted = sentCard(h.connector.posts('19:general@thread.tacv2').slice(-1)[0]?.body ?? {});
    expect(action(posted, 'team.form')?.title).toBe('Anmäl ett team');
    expect(action(posted, 'registration.register')).toBeUndefined();
    expect(allText(posted)).toContain('2 av 2 platser kvar');
    const refused = invokeCard(await h.send(invoke(h.connector.url, u4, 'registration.register', { activityId, sessionId: 'series' }, channel())));
    expect(allText(refused)).toContain('anmäler man ett helt team');
    expect((await seats())?.entries ?? []).toEqual([]);
  });

  it('gives the manager the form with the Teams people picker; someone without the role is refused', async () => {
    const form = invokeCard(await h.send(invoke(h.connector.url, manager, 'team.form', { activityId }, channel())));
    expect(JSON.stringify(form)).toContain('"choices.data":{"type":"Data.Query","dataset":"graph.microsoft.com/users"}');
    expect(allText(form)).toContain('Ett team är 3–5 personer');
    const refused = invokeMessage(await h.send(invoke(h.connector.url, u4, 'team.form', { activityId }, channel())));
    expect(refused).toContain('Bara chefer och samordnare');
  });

  it.each<[string, User, Record<string, unknown>, string]>([
    ['a team below its minimum size', manager, { members: `${u1.aad},${u2.aad}`, membersTyped: '' }, 'minst 3 personer, och här är det 2'],
    ['a team above its maximum size', manager, { members: [u1, u2, u3, u4].map((u) => u.aad).join(','), membersTyped: 'a@ange.se\nb@ange.se' }, 'högst 5 personer, och här är det 6'],
    ['a manager registering from another organisation', manager, { organizationId: 'sundsvall' }, 'bara anmäla personer från en organisation du är chef för'],
    ['a member who belongs to another organisation', manager, { members: `${u1.aad},${u2.aad},${u5.aad}`, membersTyped: '' }, '1 av personerna hör till en annan organisation'],
    ['an e-mail that is not an e-mail (line 2)', manager, { membersTyped: 'Nils Nilsson <nils.nilsson@ange.se>\nKarin <karin@>' }, 'Rad 2 i listan är inte ett namn med en e-postadress'],
    ['a team without a principal', manager, { principal: '' }, 'Ange teamets rektor'],
    ['a member with no manager role', u4, {}, 'Bara chefer och samordnare'],
  ])('refuses %s, with a clear message, and writes nothing', async (_name, by, over, expected) => {
    const before = { seats: JSON.stringify((await seats())?.entries ?? []), teams: (await teams()).length, jobs: (await h.app.scheduler.jobs.list({ activityId })).length };
    const res = await saveTeam(by, over);
    const body = res.body as { type?: string };
    const text = body.type === 'application/vnd.microsoft.card.adaptive' ? allText(invokeCard(res)) : invokeMessage(res);
    expect(text).toContain(expected);
    expect({ seats: JSON.stringify((await seats())?.entries ?? []), teams: (await teams()).length, jobs: (await h.app.scheduler.jobs.list({ activityId })).length }).toEqual(before);
    expect(await h.app.directory.person(emailUserId('karin@ange.se'))).toBeNull();
  });

  it('registers a team: one place for all members, duplicates merged, everyone told 1:1, the principal asked about the kick-off', async () => {
    const before = [u1, u2, principal].map((u) => cardsTo(h, u).length);
    // u1 picked twice; u6 is found through the team's member list; "U6" typed by e-mail is u6 again.
    const res = await saveTeam(manager, { members: [u1, u2, u1, u6].map((u) => u.aad).join(','), membersTyped: 'Nils Nilsson <Nils.Nilsson@ange.se>\nU6 <U6@ange.se>' });
    const card = invokeCard(res);
    // Only what is true: Nils is known by e-mail alone, so he is named as the one told later.
    expect(allText(card)).toContain('Teamet är anmält med 4 personer. 4 personer har fått besked från mig i Teams.');
    expect(allText(card)).toContain('Nils Nilsson kan jag inte nå i Teams än. Hen får beskedet från mig när hen öppnar Träffpunkt första gången');
    expect(allText(card)).not.toContain('Alla i teamet');
    expect((await h.app.scheduler.jobs.list({ activityId, toUserId: emailUserId('nils.nilsson@ange.se') })).map((j) => j.status)).toEqual(['held']);
    const list = await seats();
    const teamEntries = list?.entries.filter((e) => e.teamId) ?? [];
    expect(teamEntries.map((e) => e.userId).sort()).toEqual([u1.aad, u2.aad, u6.aad, emailUserId('nils.nilsson@ange.se')].sort());
    expect(new Set(teamEntries.map((e) => e.teamId)).size).toBe(1);
    expect(teamEntries.every((e) => e.status === 'registered' && e.byUserId === manager.aad)).toBe(true);
    teamId = teamEntries[0]?.teamId ?? '';
    const doc = (await teams()).find((t) => t.teamId === teamId);
    expect(doc).toMatchObject({ name: 'Arbetslag Björken', organizationId: 'ange', unit: 'Björkbackens skola', principalId: principal.aad, registeredBy: manager.aad, status: 'active' });
    expect((await h.app.directory.person(u6.aad))?.doc).toMatchObject({ mri: `29:${u6.aad}`, organizationId: 'ange', email: 'u6@ange.se' });

    // A double submit answers with the team it made.
    expect(allText(invokeCard(await saveTeam(manager, { members: [u1, u2, u6].map((u) => u.aad).join(','), membersTyped: 'Nils Nilsson <nils.nilsson@ange.se>' })))).toContain(
      'Teamet var redan anmält',
    );

    await h.settle();
    for (const [i, u] of [u1, u2].entries()) {
      const got = cardsTo(h, u, before[i]);
      expect(got.map((m) => m.text).join('\n')).toContain('Användare 401 har anmält dig i ett team (tisdag 8 december 2026');
      expect(action(got[0]?.card, 'behalf.cancel')).toBeDefined();
    }
    const asked = cardsTo(h, principal, before[2]);
    expect(asked[0]?.text).toContain('Kommer du till uppstarten?');
    expect(asked[0]?.text).toContain('Uppstarten är tisdag 8 december 2026 09:00–11:00');
    expect(action(asked[0]?.card, 'team.kickoff', (d) => d.confirm === 'yes')).toBeDefined();
    const invitation = sentCard(h.connector.updates().slice(-1)[0]?.body ?? {});
    expect(allText(invitation)).toContain('1 av 2 platser kvar');
  });

  it('keeps the way to register once a team holds a place', async () => {
    const card = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'team.settings.save', { activityId, mode: 'individual', networkId: '' })));
    expect(allText(card)).toContain('Någon har redan anmält sig, så sättet att anmäla sig kan inte ändras nu.');
    expect((await h.app.activities.get(activityId))?.doc.team).toEqual({ minSize: 3, maxSize: 5 });
  });

  it('refuses a second team with a member of the first, and writes nothing', async () => {
    const before = JSON.stringify((await seats())?.entries);
    const text = allText(invokeCard(await saveTeam(manager, { name: 'Arbetslag Granen', members: [u1, u3, u4].map((u) => u.aad).join(','), membersTyped: '' })));
    expect(text).toContain('1 av personerna är redan med i ett annat team');
    expect(JSON.stringify((await seats())?.entries)).toBe(before);
    expect((await teams()).map((t) => t.name)).toEqual(['Arbetslag Björken']);
  });

  it('the principal says yes to the kick-off, is reminded of it, and it shows on the team', async () => {
    expect(invokeMessage(await h.send(invoke(h.connector.url, principal, 'team.kickoff', { activityId, sessionId: 's1', confirm: 'yes' })))).toContain('Tack!');
    expect((await teams())[0]?.kickoff).toMatchObject({ answer: 'yes', sessionId: 's1' });
    expect(invokeMessage(await h.send(invoke(h.connector.url, u1, 'team.kickoff', { activityId, sessionId: 's1', confirm: 'yes' })))).toContain('inte rektor');
    const before = cardsTo(h, principal).length;
    clock.set('2026-12-07T08:00:00Z');
    await h.app.scheduler.planNow();
    await h.settle();
    const reminders = cardsTo(h, principal, before).filter((m) => m.text.includes('Påminnelse: i morgon'));
    expect(reminders).toHaveLength(1);
    clock.set('2026-11-20T10:00:00Z');
  });

  it('changes members until the deadline, keeps who changed what, and tells those added and removed', async () => {
    const before = [u2, u3].map((u) => cardsTo(h, u).length);
    const changed = allText(invokeCard(await saveTeam(manager, { teamId, members: [u1, u3, u6].map((u) => u.aad).join(','), membersTyped: 'Nils Nilsson <nils.nilsson@ange.se>' })));
    expect(changed).toContain('1 tillagd, 1 borttagen');
    expect(changed).toContain('Användare 401: lade till Användare 413');
    expect(changed).toContain('Användare 401: tog bort Användare 412');
    expect((await seats())?.entries.filter((e) => e.teamId === teamId).map((e) => e.userId)).toContain(u3.aad);
    await h.settle();
    expect(
      cardsTo(h, u2, before[0])
        .map((m) => m.text)
        .join('\n'),
    ).toContain('har tagit bort dig från teamet');
    expect(
      cardsTo(h, u3, before[1])
        .map((m) => m.text)
        .join('\n'),
    ).toContain('har anmält dig i ett team');

    // Only the one who registered it (or a coordinator) may change it: another manager of the school may not.
    const otherManager = user(403);
    await h.app.groups.roles.setManager(otherManager.aad, 'ange', coordinator.aad, clock.now());
    const entriesBefore = JSON.stringify((await seats())?.entries);
    const refused = allText(invokeCard(await saveTeam(otherManager, { teamId, members: [u1, u3].map((u) => u.aad).join(','), membersTyped: 'x@ange.se' })));
    expect(refused).toContain('Bara den som anmälde teamet eller en samordnare');
    expect(JSON.stringify((await seats())?.entries)).toBe(entriesBefore);
    const listed = await h.send(message(h.connector.url, manager, 'team framgångsrikt kollegialt'));
    expect(listed.status).toBe(200);
    const list = sentCard(h.connector.posts(`a:personal-${manager.aad}`).slice(-1)[0]?.body ?? {});
    expect(allText(list)).toContain('Arbetslag Björken');
    expect(allText(list)).toContain('Rektor: Användare 402 – kommer till uppstarten');
    const log = h.app.privacy?.accessLog;
    await log?.idle();
    const reads = ((await log?.latest(100)) ?? []).filter((e) => e.purpose === 'teams' && e.viewerId === manager.aad);
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads[0]?.scope).toBe('organization');
  });

  it('a member cancels from their notice: the place stays the team’s, the history says so, the manager is told', async () => {
    const before = cardsTo(h, manager).length;
    expect(invokeMessage(await h.send(invoke(h.connector.url, u1, 'behalf.cancel', { activityId, sessionId: 'series', confirm: '' })))).toContain('Din plats är avbokad');
    expect((await seats())?.userIds).not.toContain(u1.aad);
    expect((await teams())[0]?.history.slice(-1)[0]).toMatchObject({ action: 'removed', by: u1.aad, userIds: [u1.aad] });
    await h.settle();
    expect(
      cardsTo(h, manager, before)
        .map((m) => m.text)
        .join('\n'),
    ).toContain('Användare 411 har avbokat sin plats');
  });

  it('counts teams against the places: the third team waits as a whole', async () => {
    const second = allText(invokeCard(await saveTeam(coordinator, { name: 'Arbetslag Granen', members: [u4, u2].map((u) => u.aad).join(','), membersTyped: 'g1@ange.se' })));
    expect(second).toContain('Teamet är anmält med 3 personer');
    const third = allText(invokeCard(await saveTeam(coordinator, { name: 'Arbetslag Tallen', members: '', membersTyped: 't1@ange.se\nt2@ange.se\nt3@ange.se' })));
    expect(third).toContain('teamet står på väntelistan på plats 1');
    const list = await seats();
    expect(list?.entries.filter((e) => e.status === 'registered').length).toBe(6);
    expect(list?.entries.filter((e) => e.status === 'waitlisted').length).toBe(3);
  });

  it('a member typed by e-mail gets the team notice when he first writes, once; one removed before that gets nothing', async () => {
    const nils = user(421);
    const eken = user(422);
    // Tallen (t1–t3, all typed by e-mail) is waiting; t1 is taken out of it before ever writing.
    const tallen = (await teams()).find((t) => t.name === 'Arbetslag Tallen');
    invokeCard(await saveTeam(coordinator, { teamId: tallen?.teamId ?? '', name: 'Arbetslag Tallen', members: '', membersTyped: 't2@ange.se\nt3@ange.se\nt4@ange.se' }));
    h.connector.members.set(`a:personal-${nils.aad}`, [{ id: `29:${nils.aad}`, name: 'Nils Nilsson', aadObjectId: nils.aad, email: 'nils.nilsson@ange.se' }]);
    h.connector.members.set(`a:personal-${eken.aad}`, [{ id: `29:${eken.aad}`, name: 'T1', aadObjectId: eken.aad, email: 't1@ange.se' }]);
    await Promise.all([h.send(message(h.connector.url, nils, 'hej')), h.send(message(h.connector.url, eken, 'hej'))]);
    await h.send(message(h.connector.url, nils, 'hjälp'));
    await h.settle();
    const got = cardsTo(h, nils).filter((m) => m.text.includes('har anmält dig i ett team'));
    expect(got).toHaveLength(1);
    expect(got[0]?.text).toContain('Användare 401 har anmält dig i ett team (tisdag 8 december 2026');
    expect(cardsTo(h, eken).filter((m) => m.text.includes('har anmält dig') || m.text.includes('tagit bort dig'))).toHaveLength(0);
    expect((await h.app.scheduler.jobs.list({ toUserId: emailUserId('nils.nilsson@ange.se') })).filter((j) => j.kind === 'notice').map((j) => [j.status, j.lastError])).toEqual([
      ['skipped', 'handed on at first contact'],
    ]);
    expect(
      (await h.app.scheduler.jobs.list({ toUserId: emailUserId('t1@ange.se') }))
        .filter((j) => j.kind === 'notice')
        .map((j) => j.lastError)
        .sort(),
    ).toEqual(['no longer true at first contact', 'no longer true at first contact']);
  });

  it('two teams racing for the same person: exactly one gets them, the other is refused and leaves nothing behind', async () => {
    const race = (name: string, own: string) => saveTeam(coordinator, { name, members: '', membersTyped: `delad@ange.se\n${own}1@ange.se\n${own}2@ange.se` });
    const results = await Promise.allSettled([race('Arbetslag Eken', 'eken'), race('Arbetslag Aspen', 'aspen')]);
    const texts = results.map((r) => (r.status === 'fulfilled' ? allText(invokeCard(r.value)) : 'rejected'));
    expect(texts.filter((t) => t.includes('står på väntelistan') || t.includes('Teamet är anmält')).length).toBe(1);
    expect(texts.filter((t) => t.includes('redan med i ett annat team')).length).toBe(1);
    const shared = (await seats())?.entries.filter((e) => e.userId === emailUserId('delad@ange.se')) ?? [];
    expect(shared).toHaveLength(1);
    const active = (await teams()).filter((t) => t.status === 'active' && ['Arbetslag Eken', 'Arbetslag Aspen'].includes(t.name));
    expect(active.map((t) => t.teamId)).toEqual([shared[0]?.teamId]);
  });
});

describe('registration on behalf of colleagues', () => {
  let h: Harness;
  let activityId: string;
  const s1 = async () => (await h.app.activities.getSeats(activityId, seatsId('s1')))?.doc;
  const behalf = (by: User, over: Record<string, unknown> = {}) =>
    h.send(invoke(h.connector.url, by, 'behalf.save', { activityId, scope: 's1', organizationId: 'ange', members: u1.aad, membersTyped: 'Karin Karlsson <karin.karlsson@ange.se>', ...over }));

  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad], clock });
    for (const u of [manager, u1, u5]) await h.send(message(h.connector.url, u, 'hej'));
    await h.app.groups.roles.setManager(manager.aad, 'ange', coordinator.aad, clock.now());
    await h.app.directory.updatePerson(u5.aad, (p) => ({ ...p, organizationId: 'sundsvall', jobRole: 'teacher' }));
    activityId = (await createPublished(h, coordinator, seminarForm({ title: 'Fritidshemsseminarium', capacity: 10 }))).activityId;
  });
  afterAll(async () => {
    await h.close();
  });

  it('offers "Anmäl kollegor" on the invitation and the form to a manager, also as a command', async () => {
    const posted = sentCard(h.connector.posts('19:general@thread.tacv2').slice(-1)[0]?.body ?? {});
    expect(action(posted, 'behalf.form')?.title).toBe('Anmäl kollegor');
    const form = invokeCard(await h.send(invoke(h.connector.url, manager, 'behalf.form', { activityId })));
    expect(JSON.stringify(form)).toContain('graph.microsoft.com/users');
    await h.send(message(h.connector.url, manager, 'anmäl kollegor fritidshem'));
    expect(action(sentCard(h.connector.posts(`a:personal-${manager.aad}`).slice(-1)[0]?.body ?? {}), 'behalf.save', (d) => d.activityId === activityId)).toBeDefined();
    await h.send(message(h.connector.url, u1, 'anmäl kollegor fritidshem'));
    expect(String(h.connector.posts(`a:personal-${u1.aad}`).slice(-1)[0]?.body.text)).toContain('Bara chefer och samordnare');
  });

  it.each<[string, User, Record<string, unknown>, string]>([
    ['a colleague of another organisation', manager, { members: `${u1.aad},${u5.aad}` }, 'hör till en annan organisation'],
    ['a bad e-mail', manager, { membersTyped: 'Karin Karlsson karin.karlsson(at)ange.se' }, 'Rad 1 i listan'],
    ['nobody named', manager, { members: '', membersTyped: '' }, 'Välj minst en kollega'],
    ['someone who is no manager', u1, {}, 'Bara chefer och samordnare'],
  ])('refuses %s and writes nothing', async (_name, by, over, expected) => {
    const before = JSON.stringify((await s1())?.entries ?? []);
    const res = await behalf(by, over);
    const body = res.body as { type?: string };
    expect(body.type === 'application/vnd.microsoft.card.adaptive' ? allText(invokeCard(res)) : invokeMessage(res)).toContain(expected);
    expect(JSON.stringify((await s1())?.entries ?? [])).toBe(before);
    expect(await h.app.directory.person(emailUserId('karin.karlsson@ange.se'))).toBeNull();
  });

  it('registers the colleagues, tells each 1:1 who did with a cancel button, and the manager hears of a cancel', async () => {
    const before = cardsTo(h, u1).length;
    const answer = invokeMessage(await behalf(manager));
    expect(answer).toContain('2 anmälda, 0 på väntelistan, 0 var redan anmälda');
    expect(answer).toContain('1 av dem kan jag inte nå i Teams än');
    expect((await s1())?.entries.map((e) => [e.userId, e.byUserId])).toEqual([
      [u1.aad, manager.aad],
      [emailUserId('karin.karlsson@ange.se'), manager.aad],
    ]);
    await h.settle();
    const notice = cardsTo(h, u1, before)[0];
    expect(notice?.text).toContain('Användare 401 har anmält dig (tisdag 8 december 2026 09:00–11:00)');
    expect(action(notice?.card, 'behalf.cancel', (d) => d.activityId === activityId && d.sessionId === 's1')).toBeDefined();

    const told = cardsTo(h, manager).length;
    expect(invokeMessage(await h.send(invoke(h.connector.url, u1, 'behalf.cancel', { activityId, sessionId: 's1', confirm: '' })))).toContain('Din plats är avbokad');
    expect((await s1())?.userIds).toEqual([emailUserId('karin.karlsson@ange.se')]);
    await h.settle();
    expect(
      cardsTo(h, manager, told)
        .map((m) => m.text)
        .join('\n'),
    ).toContain('Användare 411 har avbokat sin plats (tisdag 8 december 2026 09:00–11:00)');

    // Registered again on their behalf, then cancelled from "mina anmälningar": the manager hears of that too.
    clock.set('2026-11-20T11:00:00Z');
    await behalf(manager);
    const told2 = cardsTo(h, manager).length;
    invokeCard(await h.send(invoke(h.connector.url, u1, 'registration.cancel', { activityId, sessionId: 's1', view: 'mine' })));
    await h.settle();
    expect(
      cardsTo(h, manager, told2)
        .map((m) => m.text)
        .join('\n'),
    ).toContain('Användare 411 har avbokat sin plats');

    // …and from the tab: the same cancel, whatever the surface.
    clock.set('2026-11-20T12:00:00Z');
    await behalf(manager);
    const told3 = cardsTo(h, manager).length;
    const fromTab = await fetch(`${h.app.url}/api/tab/my/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DEV_USER_HEADER]: u1.aad },
      body: JSON.stringify({ activityId, sessionId: 's1' }),
    });
    expect(fromTab.status).toBe(200);
    await h.settle();
    expect(
      cardsTo(h, manager, told3)
        .map((m) => m.text)
        .join('\n'),
    ).toContain('Användare 411 har avbokat sin plats');
    clock.set('2026-11-20T10:00:00Z');
  });

  it('merges the colleague typed by e-mail into her Teams account when she first writes, without counting her twice', async () => {
    const karin = user(420);
    h.connector.members.set(`a:personal-${karin.aad}`, [{ id: `29:${karin.aad}`, name: karin.name, aadObjectId: karin.aad, email: 'Karin.Karlsson@ange.se' }]);
    await h.send(message(h.connector.url, karin, 'hej'));
    const list = await s1();
    expect(list?.userIds).toEqual([karin.aad]);
    expect(list?.entries[0]).toMatchObject({ userId: karin.aad, mri: `29:${karin.aad}`, byUserId: manager.aad });
    expect((await h.app.directory.person(emailUserId('karin.karlsson@ange.se')))?.doc.mergedInto).toBe(karin.aad);
    expect((await h.app.directory.person(karin.aad))?.doc.organizationId).toBe('ange');
    // Typed again later, the e-mail is her: registering her twice changes nothing.
    expect(invokeMessage(await behalf(manager, { members: '', membersTyped: 'karin.karlsson@ange.se' }))).toContain('0 anmälda, 0 på väntelistan, 1 var redan anmäld.');
    // The notice held while she was known by e-mail alone reached her on first contact, once.
    await h.send(message(h.connector.url, karin, 'hej igen'));
    await h.settle();
    const told = cardsTo(h, karin).filter((m) => m.text.includes('Användare 401 har anmält dig'));
    expect(told).toHaveLength(1);
    expect(action(told[0]?.card, 'behalf.cancel', (d) => d.activityId === activityId)).toBeDefined();
  });
});
