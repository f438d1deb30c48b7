import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { action, actions, allText, invokeCard, invokeMessage, sentCard } from '../support/cards';
import { createPublished, dayAfter, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { channel, invoke, message, user, type User } from '../support/teams';
import type { Json } from '../support/cards';

const coordinator = user('c1');
const clock = fixedClock('2026-11-20T10:00:00Z');
const seminarForm = seminarFormAt(clock.now());

describe('invitations and registrations over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad], clock, env: { PUBLIC_URL: 'https://traffpunkt.example.se' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('posts a published invitation with all fields and Swedish dates to the channel', async () => {
    const { posted } = await createPublished(h, coordinator, seminarForm({ capacity: 2, minParticipants: 1 }));
    const card = sentCard(posted);
    const text = allText(card);
    expect(text).toContain('Läslyftet – kick-off för rektorer');
    expect(text).toContain('Att förbereda skolans arbete');
    expect(text).toContain('Rektorer och förstelärare');
    expect(text).toContain('Digitalt seminarium');
    expect(text).toContain('Före: Läs modul 1');
    expect(text).toContain('tisdag 8 december 2026 09:00–11:00');
    expect(text).toContain('2 av 2 platser kvar');
    expect(text).toContain('Sista anmälningsdag: 1 december 2026');
    expect(action(card, 'registration.register', (d) => d.sessionId === 's1')).toBeDefined();
  });

  it("writes a returning member's stored person only when something about them changed", async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Tysta klick' }));
    const member = user(131);
    await registerWithProfile(h, member, activityId);
    // What Teams tells about the member is learned after the first turn's answer; wait for it.
    const etagOf = async () => (await h.app.directory.person(member.aad))?.etag;
    let settled = await etagOf();
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const now = await etagOf();
      if (now === settled && i >= 3) break;
      settled = now;
    }
    for (const verb of ['registration.register', 'invitation.refresh', 'registration.register']) {
      await h.send(invoke(h.connector.url, member, verb, { activityId, sessionId: 's1' }));
    }
    expect(await etagOf()).toBe(settled);
    // A new name from Teams is a change: stored once.
    await h.send(invoke(h.connector.url, { ...member, name: 'Nytt Namn' }, 'invitation.refresh', { activityId, sessionId: 's1' }));
    const renamed = await h.app.directory.person(member.aad);
    expect(renamed?.doc.name).toBe('Nytt Namn');
    expect(renamed?.etag).not.toBe(settled);
  });

  it('asks for organisation and role once, registers, and shows the personal view', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ capacity: 2, minParticipants: 1, title: 'Profilfrågan' }));
    const member = user(101);
    const first = invokeCard(await h.send(invoke(h.connector.url, member, 'registration.register', { activityId, sessionId: 's1' }, channel())));
    expect(allText(first)).toContain('Först: vem är du?');
    const organisations = JSON.stringify(first);
    expect(organisations).toContain('Sundsvalls kommun');
    expect(organisations).toContain('Mittuniversitetet');

    const done = invokeCard(
      await h.send(invoke(h.connector.url, member, 'profile.save', { activityId, sessionId: 's1', organizationId: 'ostersund', organizationOther: '', jobRole: 'principal' }, channel())),
    );
    expect(allText(done)).toContain('Du är anmäld');
    expect(action(done, 'registration.cancel')).toBeDefined();
    expect(action(done, 'registration.register')).toBeUndefined();

    const person = await h.app.directory.person(member.aad);
    expect(person?.doc.organizationId).toBe('ostersund');
    expect(person?.doc.jobRole).toBe('principal');

    // Second activity: no profile question any more.
    const other = await createPublished(h, coordinator, seminarForm({ title: 'Andra seminariet' }));
    const direct = invokeCard(await h.send(invoke(h.connector.url, member, 'registration.register', { activityId: other.activityId, sessionId: 's1' })));
    expect(allText(direct)).toContain('Du är anmäld');
  });

  it('updates the shared card with places left, waitlists when full, and promotes on cancel with a 1:1 notice', async () => {
    const { activityId, posted } = await createPublished(h, coordinator, seminarForm({ capacity: 1, minParticipants: 1, title: 'En enda plats' }));
    const a = user(201);
    const b = user(202);
    await registerWithProfile(h, a, activityId);
    await h.settle();
    const update = h.connector.updates().find((u) => u.body.id === undefined || JSON.stringify(u.body).includes(activityId));
    expect(update).toBeDefined();
    const updatedCard = sentCard(h.connector.updates()[h.connector.updates().length - 1]?.body ?? {});
    expect(allText(updatedCard)).toContain('Fullt');
    expect(JSON.stringify(updatedCard)).toContain(`29:${a.aad}`); // refresh.userIds holds the registrant
    expect(posted).toBeDefined();

    const waiting = await registerWithProfile(h, b, activityId);
    expect(allText(waiting)).toContain('väntelistan på plats 1');

    // b talks to the bot 1:1 once, so the promotion notice can reach them there.
    await h.send(message(h.connector.url, b, 'hjälp'));
    const cancelled = invokeCard(await h.send(invoke(h.connector.url, a, 'registration.cancel', { activityId, sessionId: 's1' })));
    expect(allText(cancelled)).toContain('Din anmälan är avbokad');
    await h.settle();
    const notice = h.connector.posts(`a:personal-${b.aad}`).find((c) => allText(sentCard(c.body)).includes('En plats blev ledig'));
    expect(notice).toBeDefined();
    const bView = invokeCard(await h.send(invoke(h.connector.url, b, 'invitation.refresh', { activityId })));
    expect(allText(bView)).toContain('Du är anmäld');
  });

  it('is idempotent: a retried register invoke keeps one place', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ capacity: 5, minParticipants: 2, title: 'Dubbelklick' }));
    const u = user(301);
    await registerWithProfile(h, u, activityId);
    const again = await Promise.all([1, 2, 3].map(() => h.send(invoke(h.connector.url, u, 'registration.register', { activityId, sessionId: 's1' }))));
    for (const r of again) expect(allText(invokeCard(r))).toContain('Du är anmäld');
    const seats = await h.app.activities.seatsOf(activityId);
    expect(seats.get('s1')?.entries.filter((e) => e.userId === u.aad)).toHaveLength(1);
  });

  it('refuses registration after the deadline with a clear message and changes nothing', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Sent ute', deadline: '2026-11-25' }));
    clock.set('2026-11-26T08:00:00Z');
    try {
      const u = user(401);
      const card = await registerWithProfile(h, u, activityId);
      expect(allText(card)).toContain('Sista anmälningsdag (2026-11-25) har passerat');
      const seats = await h.app.activities.seatsOf(activityId);
      expect(seats.get('s1')?.entries ?? []).toHaveLength(0);
    } finally {
      clock.set('2026-11-20T10:00:00Z');
    }
  });

  it('lists my registrations with cancel buttons, in English for an English client', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Mina-listan' }));
    const u = user(501, 'en-US');
    await registerWithProfile(h, u, activityId);
    await h.send(message(h.connector.url, u, 'my registrations'));
    const reply = h.connector.posts(`a:personal-${u.aad}`).pop();
    const card = sentCard(reply?.body ?? {});
    expect(allText(card)).toContain('My registrations');
    expect(allText(card)).toContain('Mina-listan');
    expect(allText(card)).toContain('Tuesday, 8 December 2026 09:00–11:00');
    const cancelAction = action(card, 'registration.cancel', (d) => d.activityId === activityId);
    expect(cancelAction).toBeDefined();
    const after = invokeCard(await h.send(invoke(h.connector.url, u, 'registration.cancel', cancelAction?.data ?? {})));
    expect(allText(after)).toContain('Your registration is cancelled.');
    expect(allText(after)).not.toContain('Mina-listan');
  });

  it('shows coordinators more in help, and answers unknown text with a hint', async () => {
    const member = user(601);
    await h.send(message(h.connector.url, member, 'hjälp'));
    const memberHelp = allText(sentCard(h.connector.posts(`a:personal-${member.aad}`).pop()?.body ?? {}));
    expect(memberHelp).toContain('mina anmälningar');
    expect(memberHelp).not.toContain('ny aktivitet');

    await h.send(message(h.connector.url, coordinator, 'help'));
    const coordHelp = allText(sentCard(h.connector.posts(`a:personal-${coordinator.aad}`).pop()?.body ?? {}));
    expect(coordHelp).toContain('ny aktivitet');

    await h.send(message(h.connector.url, member, 'vad är klockan?'));
    expect(String(h.connector.posts(`a:personal-${member.aad}`).pop()?.body.text)).toContain('Skriv **hjälp**');
  });

  it('"Lägg till tillfälle" on a half-filled form adds a row and keeps what was typed', async () => {
    const res = await h.send(
      invoke(h.connector.url, coordinator, 'activity.form.addSession', { title: 'Halvfärdig', purpose: 'Ett syfte', s0_date: dayAfter(clock.now(), 10), s0_start: '09:00', sessionCount: 1 }),
    );
    const card = invokeCard(res);
    const ids = (n: Json, out: Json[] = []): Json[] => {
      if (Array.isArray(n)) n.forEach((x) => ids(x as Json, out));
      else if (n && typeof n === 'object') {
        if (typeof n.type === 'string' && n.type.startsWith('Input.')) out.push(n);
        Object.values(n).forEach((x) => ids(x as Json, out));
      }
      return out;
    };
    const inputs = ids(card);
    expect(inputs.filter((i) => i.type === 'Input.Date' && String(i.id).endsWith('_date')).length).toBe(2);
    expect(inputs.find((i) => i.id === 'title')?.value).toBe('Halvfärdig');
    expect(inputs.find((i) => i.id === 's0_start')?.value).toBe('09:00');
    expect(inputs.some((i) => i.isRequired === true)).toBe(false);
  });

  it('the 1:1 preview says where the invitation is published and asks before a second posting', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'En gång räcker', capacity: 5, minParticipants: 1 }));
    // The preview the coordinator still has in the 1:1 chat refreshes to this.
    const preview = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'activity.preview', { activityId })));
    expect(allText(preview)).toContain('Publicerad i 1 kanal');
    expect(allText(preview)).not.toContain('inte publicerad');
    const before = h.connector.posts().length;
    const again = action(preview, 'activity.publish');
    const ask = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'activity.publish', again?.data ?? {})));
    expect(h.connector.posts().length).toBe(before);
    expect(allText(ask)).toContain('Inbjudan är redan publicerad i 1 kanal. Vill du lägga upp den här också?');
    // (the card's refresh also asks for the preview; the button is the one with a title)
    const back = actions(ask).find((a) => a.verb === 'activity.preview' && a.title);
    expect(back?.title).toBe('Tillbaka');
    expect(allText(invokeCard(await h.send(invoke(h.connector.url, coordinator, 'activity.preview', back?.data ?? {}))))).toContain('Publicerad i 1 kanal');
    expect(h.connector.posts().length).toBe(before);
    const yes = action(ask, 'activity.publish', (d) => d.confirm === 'yes');
    invokeCard(await h.send(invoke(h.connector.url, coordinator, 'activity.publish', yes?.data ?? {})));
    expect(h.connector.posts().length).toBe(before + 1);
    expect(allText(invokeCard(await h.send(invoke(h.connector.url, coordinator, 'activity.preview', { activityId }))))).toContain('i 1 kanal och i 1 personlig chatt');
  });

  it('only lets stored coordinators create or publish, whatever the card says', async () => {
    const member = user(701);
    await h.send(message(h.connector.url, member, 'ny aktivitet'));
    expect(String(h.connector.posts(`a:personal-${member.aad}`).pop()?.body.text)).toContain('bara samordnare');
    const forged = await h.send(invoke(h.connector.url, member, 'activity.save', { ...seminarForm(), role: 'coordinator', isCoordinator: true }));
    expect(invokeMessage(forged)).toContain('bara samordnare');
    const draftList = await h.app.activities.list({ status: 'draft' });
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Skyddad' }));
    const publish = await h.send(invoke(h.connector.url, member, 'activity.publish', { activityId }));
    expect(invokeMessage(publish)).toContain('bara samordnare');
    expect((await h.app.activities.list({ status: 'draft' })).length).toBe(draftList.length);
  });

  /** The 1:1 confirmations sent for an activity: cards headed "Din anmälan" naming its title. */
  async function confirmations(title: string): Promise<Json[]> {
    await h.settle();
    return h.connector
      .posts()
      .map((c) => sentCard(c.body))
      .filter((c): c is Json => !!c && allText(c).includes('Din anmälan') && allText(c).includes(title));
  }

  /** Registers from a channel, as "Anmäl mig" on the shared card does (the profile once, if asked). */
  async function registerInChannel(u: User, activityId: string, sessionId = 's1'): Promise<Json> {
    const first = invokeCard(await h.send(invoke(h.connector.url, u, 'registration.register', { activityId, sessionId }, channel())));
    if (!action(first, 'profile.save')) return first;
    return invokeCard(await h.send(invoke(h.connector.url, u, 'profile.save', { activityId, sessionId, organizationId: 'sundsvall', organizationOther: '', jobRole: 'teacher' }, channel())));
  }

  it('after "Anmäl mig" in a channel sends one 1:1 confirmation with the time, join link, calendar file and "Avboka", however often it is clicked', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Bekräftelsen' }));
    const u = user(1001);
    expect(allText(await registerInChannel(u, activityId))).toContain('Du är anmäld');
    // A double click and a retry of the same registration.
    await Promise.all([1, 2].map(() => h.send(invoke(h.connector.url, u, 'registration.register', { activityId, sessionId: 's1' }, channel()))));
    const sent = await confirmations('Bekräftelsen');
    expect(sent).toHaveLength(1);
    const card = sent[0];
    const text = allText(card);
    expect(text).toContain('Du är anmäld. Lägg in tiden i din kalender');
    expect(text).toContain('tisdag 8 december 2026 09:00–11:00');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const links = actions(card).filter((a) => a.type === 'Action.OpenUrl') as unknown as { title: string; url: string }[];
    expect(links.find((l) => l.title === 'Anslut till mötet')?.url).toContain('https://teams.microsoft.com/l/meetup-join/');
    const calendar = links.find((l) => l.title === 'Lägg till i kalendern')?.url ?? '';
    expect(calendar).toMatch(/^https:\/\/traffpunkt\.example\.se\/ics\//);
    const ics = await fetch(calendar.replace('https://traffpunkt.example.se', h.app.url.replace(/\/$/, '')));
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('SUMMARY:Bekräftelsen');
    const cancel = action(card, 'registration.cancel', (d) => d.activityId === activityId && d.sessionId === 's1');
    expect(cancel?.title).toBe('Avboka');

    // Cancelling from the confirmation answers with "mina anmälningar", a notice and "Ångra".
    const after = invokeCard(await h.send(invoke(h.connector.url, u, 'registration.cancel', cancel?.data ?? {})));
    expect(allText(after)).toContain('Din anmälan är avbokad');
    const undo = action(after, 'registration.register', (d) => d.activityId === activityId);
    expect(undo?.title).toBe('Ångra');
    const again = invokeCard(await h.send(invoke(h.connector.url, u, 'registration.register', undo?.data ?? {})));
    expect(allText(again)).toContain('Du är anmäld igen');
    expect(allText(again)).toContain('Bekräftelsen');
    expect((await h.app.activities.seatsOf(activityId)).get('s1')?.entries.map((e) => [e.userId, e.status])).toEqual([[u.aad, 'registered']]);
  });

  it('confirms a waitlist place honestly from a channel, without a join link, and sends nothing extra for a 1:1 registration', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Väntebekräftelsen', capacity: 1, minParticipants: 1 }));
    const first = user(1101);
    await registerWithProfile(h, first, activityId);
    expect(await confirmations('Väntebekräftelsen')).toHaveLength(0);
    const waiting = user(1102);
    expect(allText(await registerInChannel(waiting, activityId))).toContain('väntelistan på plats 1');
    const sent = await confirmations('Väntebekräftelsen');
    expect(sent).toHaveLength(1);
    expect(allText(sent[0])).toContain('Det är fullt, så du står på väntelistan på plats 1');
    expect(actions(sent[0]).filter((a) => a.type === 'Action.OpenUrl')).toEqual([]);
    expect(action(sent[0], 'registration.cancel')?.title).toBe('Avboka');
  });

  it('"Ångra" after a cancel on the invitation takes the place again, or says honestly that it went to someone else', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Ångraknappen', capacity: 1, minParticipants: 1 }));
    const a = user(1201);
    const b = user(1202);
    await registerWithProfile(h, a, activityId);
    const cancelled = invokeCard(await h.send(invoke(h.connector.url, a, 'registration.cancel', { activityId, sessionId: 's1' })));
    expect(allText(cancelled)).toContain('Din anmälan är avbokad. Blev det fel? Välj Ångra.');
    const undo = action(cancelled, 'registration.register', (d) => d.undo === true);
    expect(undo?.title).toBe('Ångra');
    expect(undo?.data).toMatchObject({ activityId, sessionId: 's1' });

    // Someone else takes the freed place before the click.
    await registerWithProfile(h, b, activityId);
    const back = invokeCard(await h.send(invoke(h.connector.url, a, 'registration.register', undo?.data ?? {})));
    expect(allText(back)).toContain('Platsen hann gå till någon annan, så du står nu på väntelistan på plats 1');
    const seats = (await h.app.activities.seatsOf(activityId)).get('s1');
    expect(seats?.entries.map((e) => [e.userId, e.status])).toEqual([
      [b.aad, 'registered'],
      [a.aad, 'waitlisted'],
    ]);

    // With the place still free, "Ångra" simply registers again.
    const c = user(1203);
    const { activityId: other } = await createPublished(h, coordinator, seminarForm({ title: 'Ångra igen', capacity: 5, minParticipants: 1 }));
    await registerWithProfile(h, c, other);
    const off = invokeCard(await h.send(invoke(h.connector.url, c, 'registration.cancel', { activityId: other, sessionId: 's1' })));
    const on = invokeCard(await h.send(invoke(h.connector.url, c, 'registration.register', action(off, 'registration.register', (d) => d.undo === true)?.data ?? {})));
    expect(allText(on)).toContain('Du är anmäld igen');
  });

  it('"mina anmälningar" lists each session of a series with its own date and time, and never an ISO date', async () => {
    const now = clock.now();
    const { activityId } = await createPublished(
      h,
      coordinator,
      seminarForm({
        title: 'Serien i listan',
        registrationMode: 'series',
        sessionCount: 2,
        s0_start: '15:00',
        s0_end: '16:30',
        s1_date: dayAfter(now, 25),
        s1_start: '15:00',
        s1_end: '16:30',
        s1_link: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_def%40thread.v2/0',
      }),
    );
    const u = user(1301);
    await registerWithProfile(h, u, activityId, 'series');
    await h.send(message(h.connector.url, u, 'mina anmälningar'));
    const card = sentCard(h.connector.posts(`a:personal-${u.aad}`).pop()?.body ?? {});
    const text = allText(card);
    expect(text).toContain('Hela serien, 2 tillfällen');
    expect(text).toContain('tisdag 8 december 2026 15:00–16:30');
    expect(text).toContain('tisdag 15 december 2026 15:00–16:30');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(action(card, 'registration.cancel', (d) => d.activityId === activityId && d.sessionId === 'series')?.title).toBe('Avboka');
    expect(actions(card).filter((a) => a.type === 'Action.OpenUrl')).toHaveLength(2);
  });
});
