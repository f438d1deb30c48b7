import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { allText, invokeCard, invokeMessage } from '../support/cards';
import { createDraft, createPublished, dayAfter, seminarFormAt } from '../support/flows';
import { startHarness, type Harness } from '../support/harness';
import { invoke, message, user } from '../support/teams';

const coordinator = user('c2');
// These turns run on the real clock, so the form's dates follow it.
const now = new Date();
const seminarForm = seminarFormAt(now);

describe('untrusted input changes nothing and never gets a 500', () => {
  let h: Harness;
  let activityId: string;
  let otherActivityId: string;
  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad] });
    activityId = (await createPublished(h, coordinator, seminarForm({ title: 'Mål' }))).activityId;
    otherActivityId = (
      await createPublished(
        h,
        coordinator,
        seminarForm({ title: 'Annan', sessionCount: 2, s1_date: dayAfter(now, 19), s1_start: '13:00', s1_end: '15:00', s1_link: '' }),
      )
    ).activityId;
    await h.app.services.directory.updatePerson(user(1).aad, (p) => ({ ...p, organizationId: 'kramfors', jobRole: 'teacher' }));
  });
  afterAll(async () => {
    await h.close();
  });

  async function seatCount(): Promise<number> {
    const seats = await h.app.services.activities.seatsOf(activityId);
    return [...seats.values()].reduce((n, s) => n + s.entries.length, 0);
  }

  const badRegisterPayloads: [string, Record<string, unknown>][] = [
    ['missing session id', { activityId: 'x' }],
    ['activity id of the wrong type', { activityId: 42, sessionId: 's1' }],
    ['an injection-looking activity id', { activityId: "x' OR 1=1 --", sessionId: 's1' }],
    ['an unknown activity', { activityId: 'nope', sessionId: 's1' }],
  ];

  it.each(badRegisterPayloads)('register with %s is explained in Swedish', async (_name, data) => {
    const res = await h.send(invoke(h.connector.url, user(1), 'registration.register', data));
    expect(res.status).toBe(200);
    expect(invokeMessage(res)).toMatch(/inte tolka|hittar inte/);
    expect(await seatCount()).toBe(0);
  });

  it('a session id of another activity is refused', async () => {
    const res = await h.send(invoke(h.connector.url, user(1), 'registration.register', { activityId, sessionId: 's2' }));
    expect(invokeMessage(res)).toContain('hör inte till den här aktiviteten');
    expect(await seatCount()).toBe(0);
    // and s2 exists in the other activity, which is untouched
    expect((await h.app.services.activities.seatsOf(otherActivityId)).size).toBe(0);
  });

  it('an unknown verb, an Action.Submit without a verb, and a non-object payload are explained', async () => {
    expect(invokeMessage(await h.send(invoke(h.connector.url, user(1), 'registration.delete-all', { activityId })))).toContain('inte tolka');
    const weird = { ...invoke(h.connector.url, user(1), 'registration.register', {}), value: { action: { type: 'Action.Execute', verb: 'registration.register', data: 'text' } } };
    const res = await h.send(weird);
    expect(res.status).toBeLessThan(500);
    await h.send({ ...message(h.connector.url, user(1), ''), value: { verb: 42 } });
    expect(h.connector.posts().pop()?.body.text).toBeDefined();
    expect(await seatCount()).toBe(0);
  });

  it('malformed activities get 400, not 500', async () => {
    for (const body of [{}, { type: 'message' }, { type: 42, from: 'x' }]) {
      const res = await h.send(body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('an activity without aadObjectId is refused politely', async () => {
    const m = message(h.connector.url, user(1), 'mina anmälningar');
    const anonymous = { ...m, from: { id: '29:anon', name: 'Anon' } };
    const res = await h.send(anonymous);
    expect(res.status).toBe(200);
    expect(String(h.connector.posts().pop()?.body.text)).toContain('inte tolka');
  });

  const badForms: [string, Record<string, unknown>, string][] = [
    ['end before start', { s0_start: '11:00', s0_end: '09:00' }, 'Sluttiden måste vara efter starttiden.'],
    ['capacity -3', { capacity: -3 }, 'För litet värde.'],
    ['capacity as text', { capacity: 'många' }, 'Ange ett tal.'],
    ['a 100 KB title', { title: 'Å'.repeat(100_000) }, 'För lång text.'],
    ['no purpose', { purpose: '   ' }, 'Måste fyllas i.'],
    ['a deadline after the first session', { deadline: dayAfter(now, 30) }, 'Sista anmälningsdag måste vara senast'],
    ['a link that is not https', { s0_link: 'javascript:alert(1)' }, 'https://'],
    ['an unknown kind', { kind: 'party' }, 'Välj ett av alternativen.'],
  ];

  it.each(badForms)('a form with %s comes back with the field explained and saves nothing', async (_name, override, expected) => {
    const before = (await h.app.services.activities.list()).length;
    const res = await h.send(invoke(h.connector.url, coordinator, 'activity.save', seminarForm(override as Record<string, string | number>)));
    const card = invokeCard(res);
    expect(allText(card)).toContain('Rätta de markerade fälten');
    expect(allText(card)).toContain(expected);
    expect(JSON.stringify(card).length).toBeLessThan(40_000);
    expect((await h.app.services.activities.list()).length).toBe(before);
  });

  it('a form with a bad session count is refused without saving', async () => {
    const before = (await h.app.services.activities.list()).length;
    const res = await h.send(invoke(h.connector.url, coordinator, 'activity.save', seminarForm({ sessionCount: 5000 })));
    expect(invokeMessage(res)).toContain('inte tolka');
    expect((await h.app.services.activities.list()).length).toBe(before);
  });

  it('"add a session" keeps what was typed and adds an empty row', async () => {
    const card = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'activity.form.addSession', seminarForm({ title: 'Pågående' }))));
    const json = JSON.stringify(card);
    expect(json).toContain('"value":"Pågående"');
    expect(json).toContain('"id":"s1_date"');
    expect(allText(card)).toContain('Tillfälle 2');
  });

  it('edit loads the saved draft into the form and saving updates it', async () => {
    const id = await createDraft(h, coordinator, seminarForm({ title: 'Utkast att ändra' }));
    const form = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'activity.edit', { activityId: id })));
    expect(JSON.stringify(form)).toContain('Utkast att ändra');
    const saved = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'activity.save', { ...seminarForm({ title: 'Ändrat utkast' }), activityId: id })));
    expect(allText(saved)).toContain('Ändrat utkast');
    expect((await h.app.services.activities.get(id))?.doc.title).toBe('Ändrat utkast');
  });
});
