import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { action, allText, invokeCard, invokeMessage, sentCard } from '../support/cards';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { channel, invoke, message, user } from '../support/teams';

const coordinator = user('c1');
const clock = fixedClock('2026-11-20T10:00:00Z');
const seminarForm = seminarFormAt(clock.now());

describe('invitations and registrations over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad], clock });
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

    const person = await h.app.services.directory.person(member.aad);
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
    const seats = await h.app.services.activities.seatsOf(activityId);
    expect(seats.get('s1')?.entries.filter((e) => e.userId === u.aad)).toHaveLength(1);
  });

  it('refuses registration after the deadline with a clear message and changes nothing', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Sent ute', deadline: '2026-11-25' }));
    clock.set('2026-11-26T08:00:00Z');
    try {
      const u = user(401);
      const card = await registerWithProfile(h, u, activityId);
      expect(allText(card)).toContain('Sista anmälningsdag (2026-11-25) har passerat');
      const seats = await h.app.services.activities.seatsOf(activityId);
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

  it('only lets stored coordinators create or publish, whatever the card says', async () => {
    const member = user(701);
    await h.send(message(h.connector.url, member, 'ny aktivitet'));
    expect(String(h.connector.posts(`a:personal-${member.aad}`).pop()?.body.text)).toContain('bara samordnare');
    const forged = await h.send(invoke(h.connector.url, member, 'activity.save', { ...seminarForm(), role: 'coordinator', isCoordinator: true }));
    expect(invokeMessage(forged)).toContain('bara samordnare');
    const draftList = await h.app.services.activities.list({ status: 'draft' });
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Skyddad' }));
    const publish = await h.send(invoke(h.connector.url, member, 'activity.publish', { activityId }));
    expect(invokeMessage(publish)).toContain('bara samordnare');
    expect((await h.app.services.activities.list({ status: 'draft' })).length).toBe(draftList.length);
  });
});
