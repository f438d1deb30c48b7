import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { action, allText, invokeCard, invokeMessage, sentCard, type Json } from '../support/cards';
import type { ConnectorCall } from '../support/fakeConnector';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { channel, invoke, message, user, type User } from '../support/teams';
import { sign } from '../../src/kernel/signedLink';

const coordinator = user('c5');
// Session 2026-12-08 09:00–11:00 Stockholm = 08:00–10:00Z.
const clock = fixedClock('2026-11-20T10:00:00Z');
const seminarForm = seminarFormAt(clock.now());

function cardsTo(h: Harness, u: User, since = 0): { call: ConnectorCall; card: Json | undefined; text: string }[] {
  return h.connector
    .posts(`a:personal-${u.aad}`)
    .slice(since)
    .map((call) => {
      const card = sentCard(call.body);
      return { call, card, text: card ? allText(card) : String(call.body.text ?? '') };
    });
}

async function talk(h: Harness, u: User): Promise<void> {
  // A 1:1 message stores the conversation reference reminders go to.
  await h.send(message(h.connector.url, u, 'hej'));
}

describe('reminders, notices and surveys through the durable scheduler', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad], clock });
  });
  afterAll(async () => {
    await h.close();
  });

  async function plan(at: string): Promise<void> {
    clock.set(at);
    await h.app.scheduler.planNow();
    await h.settle();
  }

  it('sends the 24-hour and 1-hour reminders once each, with join link and calendar file, only to those still registered', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Påminnelseseminariet', capacity: 10, minParticipants: 1 }));
    const [a, b, c] = [user(801), user(802), user(803)];
    for (const u of [a, b, c]) {
      await talk(h, u);
      await registerWithProfile(h, u, activityId);
    }
    const before = [a, b, c].map((u) => cardsTo(h, u).length);

    await plan('2026-12-07T08:00:00Z');
    await plan('2026-12-07T08:01:00Z'); // planning again changes nothing
    for (const [i, u] of [a, b, c].entries()) {
      const got = cardsTo(h, u, before[i]).filter((m) => m.text.includes('Påminnelseseminariet'));
      expect(got).toHaveLength(1);
      expect(got[0]?.text).toContain('Påminnelse: i morgon');
      expect(got[0]?.text).toContain('tisdag 8 december 2026 09:00–11:00');
    }
    const reminder = cardsTo(h, a, before[0]).find((m) => m.text.includes('Påminnelseseminariet'));
    const links = JSON.stringify(reminder?.card);
    expect(links).toContain('https://teams.microsoft.com/l/meetup-join/');
    expect(links).toContain('registration.cancel');

    // b cancels from the reminder; the 1-hour reminder then goes to a and c only.
    const afterFirst = [a, b, c].map((u) => cardsTo(h, u).length);
    invokeCard(await h.send(invoke(h.connector.url, b, 'registration.cancel', { activityId, sessionId: 's1', view: 'mine' })));
    await plan('2026-12-08T07:00:00Z');
    const second = [a, b, c].map((u, i) => cardsTo(h, u, afterFirst[i]).filter((m) => m.text.includes('Påminnelse: snart dags')));
    expect(second.map((x) => x.length)).toEqual([1, 0, 1]);
    const jobs = await h.app.scheduler.jobs.list({ activityId });
    expect(jobs.filter((j) => j.kind === 'reminder' && j.status === 'sent')).toHaveLength(5);
  });

  it('opens a 1:1 chat with someone who only ever registered from a channel, then reminds them there', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Ny chatt', capacity: 10, minParticipants: 1 }));
    const u = user(851);
    // The chat is opened once: by the confirmation of the registration (src/features/registration/confirmation.ts), then reused.
    const created = h.connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations').length;
    invokeCard(await h.send(invoke(h.connector.url, u, 'registration.register', { activityId, sessionId: 's1' }, channel())));
    invokeCard(await h.send(invoke(h.connector.url, u, 'profile.save', { activityId, sessionId: 's1', organizationId: 'are', organizationOther: '', jobRole: 'teacher' }, channel())));
    await plan('2026-12-07T08:00:00Z');
    const creates = h.connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations').slice(created);
    expect(creates).toHaveLength(1);
    expect(JSON.stringify(creates[0]?.body.members)).toContain(`29:${u.aad}`);
    const reminder = h.connector.posts().filter((c) => allText(sentCard(c.body)).includes('Påminnelse: i morgon') && allText(sentCard(c.body)).includes('Ny chatt'));
    expect(reminder).toHaveLength(1);
  });

  it('serves the calendar file only with a valid signature', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Kalenderfilen' }));
    const ok = await fetch(`${h.app.url}/ics/${activityId}/s1.ics?sig=${signed(h, activityId)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/calendar');
    const body = await ok.text();
    expect(body).toContain('DTSTART:20261208T080000Z');
    expect(body).toContain('SUMMARY:Kalenderfilen');
    expect((await fetch(`${h.app.url}/ics/${activityId}/s1.ics?sig=${'x'.repeat(43)}`)).status).toBe(403);
    expect((await fetch(`${h.app.url}/ics/${activityId}/s1.ics`)).status).toBe(400);
  });

  it('marks a user who blocked the bot (403) as unreachable, does not retry, and lists them for coordinators', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Blockerad', capacity: 10, minParticipants: 1 }));
    const blocked = user(901);
    await talk(h, blocked);
    await registerWithProfile(h, blocked, activityId);
    h.connector.failures.push({ match: (c) => c.path.includes(encodeURIComponent(`a:personal-${blocked.aad}`)), status: 403 });
    try {
      await plan('2026-12-07T08:00:00Z');
      await plan('2026-12-07T09:00:00Z');
      const jobs = (await h.app.scheduler.jobs.list({ toUserId: blocked.aad })).filter((j) => j.activityId === activityId);
      expect(jobs.map((j) => [j.status, j.attempts])).toEqual([['failed', 1]]);
      expect((await h.app.directory.person(blocked.aad))?.doc.unreachable).toBe(true);
    } finally {
      h.connector.failures = [];
    }
    await h.send(message(h.connector.url, coordinator, 'ej nådda'));
    const list = allText(sentCard(h.connector.posts(`a:personal-${coordinator.aad}`).pop()?.body ?? {}));
    expect(list).toContain('Användare 901');
  });

  it('lets other recipients through while one is throttled with a 30-second Retry-After', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Strypt', capacity: 10, minParticipants: 1 }));
    const slow = user(951);
    const others = [user(952), user(953), user(954)];
    for (const u of [slow, ...others]) {
      await talk(h, u);
      await registerWithProfile(h, u, activityId);
    }
    h.connector.throttle = { match: (c) => c.path.includes(encodeURIComponent(`a:personal-${slow.aad}`)), retryAfterSeconds: 30 };
    try {
      const started = Date.now();
      await plan('2026-12-07T08:00:00Z');
      expect(Date.now() - started).toBeLessThan(20_000); // nobody waited for the 30 s
      for (const u of others) expect(cardsTo(h, u).some((m) => m.text.includes('Strypt'))).toBe(true);
      const slowJob = (await h.app.scheduler.jobs.list({ toUserId: slow.aad })).find((j) => j.activityId === activityId);
      expect(slowJob?.status).toBe('pending');
      expect(slowJob?.throttles).toBe(1);
      expect(Date.parse(slowJob?.dueAt ?? '')).toBeGreaterThanOrEqual(Date.parse('2026-12-07T08:00:29Z'));
    } finally {
      h.connector.throttle = undefined;
    }
    await plan('2026-12-07T08:01:00Z');
    expect(cardsTo(h, slow).filter((m) => m.text.includes('Strypt'))).toHaveLength(1);
  });

  it('tells everyone registered when a session is moved, and reminds them at the new time only', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Flyttas', capacity: 10, minParticipants: 1 }));
    const u = user(1001);
    await talk(h, u);
    await registerWithProfile(h, u, activityId);
    const n = cardsTo(h, u).length;
    invokeCard(await h.send(invoke(h.connector.url, coordinator, 'activity.save', { ...seminarForm({ title: 'Flyttas', capacity: 10, minParticipants: 1, s0_date: '2026-12-10' }), activityId })));
    await h.settle();
    const moved = cardsTo(h, u, n).find((m) => m.text.includes('Ändrad tid'));
    expect(moved?.text).toContain('från tisdag 8 december 2026 09:00–11:00 till torsdag 10 december 2026 09:00–11:00');
    // Still registered: the session kept its id.
    expect(allText(invokeCard(await h.send(invoke(h.connector.url, u, 'invitation.refresh', { activityId }))))).toContain('Du är anmäld');

    const m = cardsTo(h, u).length;
    await plan('2026-12-07T08:00:00Z'); // the old 24-hour point: nothing
    expect(cardsTo(h, u, m).filter((x) => x.text.includes('Påminnelse'))).toHaveLength(0);
    await plan('2026-12-09T08:00:00Z'); // the new one
    expect(cardsTo(h, u, m).filter((x) => x.text.includes('Påminnelse: i morgon'))).toHaveLength(1);
  });

  it('computes reminders across the end of daylight saving time in October', async () => {
    clock.set('2026-10-01T10:00:00Z');
    const { activityId } = await createPublished(
      h,
      coordinator,
      seminarForm({ title: 'Efter sommartiden', deadline: '2026-10-20', s0_date: '2026-10-26', s0_start: '09:00', s0_end: '10:00', capacity: 10, minParticipants: 1 }),
    );
    const u = user(1101);
    await talk(h, u);
    await registerWithProfile(h, u, activityId);
    const activity = (await h.app.activities.get(activityId))?.doc;
    expect(activity?.sessions[0]?.start).toBe('2026-10-26T08:00:00.000Z'); // 09:00 CET
    await plan('2026-10-25T07:55:00Z'); // within the planning horizon of the 24-hour point
    const job = (await h.app.scheduler.jobs.list({ activityId })).find((j) => j.kind === 'reminder' && j.payload.offset === 1440);
    expect(job?.dueAt).toBe('2026-10-25T08:00:00.000Z'); // 09:00 Stockholm on the day the clocks went back
  });

  it('cancels a session after confirmation and tells the registered', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Ställs in', capacity: 10, minParticipants: 1 }));
    const u = user(1201);
    await talk(h, u);
    await registerWithProfile(h, u, activityId);
    const view = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'invitation.refresh', { activityId })));
    const cancelButton = action(view, 'session.cancel');
    expect(cancelButton).toBeDefined();
    const member = invokeCard(await h.send(invoke(h.connector.url, u, 'invitation.refresh', { activityId })));
    expect(action(member, 'session.cancel')).toBeUndefined();

    const confirm = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'session.cancel', cancelButton?.data ?? {})));
    expect(allText(confirm)).toContain('Ställa in tillfället?');
    expect((await h.app.activities.get(activityId))?.doc.sessions[0]?.status).toBe('scheduled');
    // "Tillbaka" brings back the invitation, with nothing cancelled.
    const back = action(confirm, 'invitation.refresh');
    expect(back?.title).toBe('Tillbaka');
    const again = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'invitation.refresh', back?.data ?? {})));
    expect(action(again, 'session.cancel')).toBeDefined();
    expect((await h.app.activities.get(activityId))?.doc.sessions[0]?.status).toBe('scheduled');
    const yes = action(confirm, 'session.cancel');
    const n = cardsTo(h, u).length;
    expect(invokeMessage(await h.send(invoke(h.connector.url, coordinator, 'session.cancel', yes?.data ?? {})))).toContain('1 anmäld har fått besked');
    await h.settle();
    expect(cardsTo(h, u, n).some((m) => m.text.includes('Tillfälle inställt'))).toBe(true);
    // a forged confirm from a member changes nothing
    expect(invokeMessage(await h.send(invoke(h.connector.url, u, 'session.cancel', yes?.data ?? {})))).toContain('bara samordnare');
  });

  it('sends the evaluation 48 hours after the last session when no attendance came, nudges only non-responders, and shows response rates', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Utvärderas', capacity: 10, minParticipants: 1 }));
    const [a, b] = [user(1301), user(1302)];
    for (const u of [a, b]) {
      await talk(h, u);
      await registerWithProfile(h, u, activityId);
    }
    const n = [a, b].map((u) => cardsTo(h, u).length);
    // Over, but who took part is not known yet (no meeting events, no report): nothing yet.
    await plan('2026-12-08T10:30:00Z');
    expect(cardsTo(h, a, n[0]).some((m) => m.text.includes('Hur var det?'))).toBe(false);
    await plan('2026-12-10T10:00:00Z');
    const surveyA = cardsTo(h, a, n[0]).find((m) => m.text.includes('Hur var det?'));
    expect(surveyA).toBeDefined();
    expect(cardsTo(h, b, n[1]).some((m) => m.text.includes('Hur var det?'))).toBe(true);
    const submit = action(surveyA?.card, 'survey.answer');
    // a missing rating is explained and nothing is stored
    const bad = invokeCard(await h.send(invoke(h.connector.url, a, 'survey.answer', { ...submit?.data, overall: '5' })));
    expect(allText(bad)).toContain('Svara på alla frågor');
    const thanks = invokeCard(await h.send(invoke(h.connector.url, a, 'survey.answer', { ...submit?.data, overall: '5', useful: '4', format: '3', takeaway: 'Bra samtal i grupperna' })));
    expect(allText(thanks)).toContain('Tack för ditt svar!');
    // someone the survey was not sent to cannot answer it
    expect(invokeMessage(await h.send(invoke(h.connector.url, user(1399), 'survey.answer', { ...submit?.data, overall: '1', useful: '1', format: '1' })))).toContain('bara samordnare');

    const m = [a, b].map((u) => cardsTo(h, u).length);
    await plan('2026-12-13T11:00:00Z');
    expect(cardsTo(h, a, m[0]).filter((x) => x.text.includes('Vi saknar ditt svar'))).toHaveLength(0);
    expect(cardsTo(h, b, m[1]).filter((x) => x.text.includes('Vi saknar ditt svar'))).toHaveLength(1);

    await h.send(message(h.connector.url, coordinator, 'svar utvärderas'));
    const responses = allText(sentCard(h.connector.posts(`a:personal-${coordinator.aad}`).pop()?.body ?? {}));
    expect(responses).toContain('1 av 2 har svarat (50 %)');
    expect(responses).toContain('5,0');
    expect(responses).toContain('Bra samtal i grupperna');
  });

  it('warns coordinators a week before the deadline when too few have registered, with a re-invite button', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Få anmälda', capacity: 30, minParticipants: 10, deadline: '2026-12-05' }));
    const u = user(1401);
    await registerWithProfile(h, u, activityId);
    await talk(h, coordinator);
    const n = cardsTo(h, coordinator).length;
    await plan('2026-11-29T08:00:00Z'); // the deadline (5 Dec, end of day) is under 7 days away
    const warning = cardsTo(h, coordinator, n).find((m) => m.text.includes('Få anmälda') && m.text.includes('1 av minst 10'));
    expect(warning).toBeDefined();
    const reinvite = action(warning?.card, 'activity.reinvite');
    const posts = h.connector.posts('19:general@thread.tacv2').length;
    expect(invokeMessage(await h.send(invoke(h.connector.url, coordinator, 'activity.reinvite', reinvite?.data ?? {})))).toContain('skickad igen');
    expect(h.connector.posts('19:general@thread.tacv2').length).toBe(posts + 1);
  });
});

function signed(h: Harness, activityId: string): string {
  // The same signing the reminder card uses.
  return sign(h.app.linkSecret, `/ics/${activityId}/s1.ics`);
}
