import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { allText, invokeCard, invokeMessage } from '../support/cards';
import { createDraft, createPublished, dayAfter, seminarFormAt } from '../support/flows';
import { startHarness, type Harness } from '../support/harness';
import { userRefId } from '../../src/platform/teams/conversations';
import { NAME_MAX } from '../../src/kernel/wellFormed';
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
    otherActivityId = (await createPublished(h, coordinator, seminarForm({ title: 'Annan', sessionCount: 2, s1_date: dayAfter(now, 19), s1_start: '13:00', s1_end: '15:00', s1_link: '' }))).activityId;
    await h.app.directory.updatePerson(user(1).aad, (p) => ({ ...p, organizationId: 'kramfors', jobRole: 'teacher' }));
  });
  afterAll(async () => {
    await h.close();
  });

  async function seatCount(): Promise<number> {
    const seats = await h.app.activities.seatsOf(activityId);
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
    expect((await h.app.activities.seatsOf(otherActivityId)).size).toBe(0);
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

  describe('envelopes with fields of the wrong type', () => {
    let n = 0;
    // A fresh sender per case, so "nothing written" can be checked by their id.
    const fresh = () => user(`e${++n}`);
    const stored = async (aad: string) => (await h.app.directory.person(aad))?.doc ?? null;
    const refOf = async (aad: string) => h.app.conversations.get(userRefId(aad));

    const refused: [string, string, unknown][] = [
      ['conversation.isGroup a string', 'conversation.isGroup', 'yes'],
      ['from.aadObjectId a number', 'from.aadObjectId', 9007199254740992],
      ['from.aadObjectId a numeric string', 'from.aadObjectId', '9007199254740992'],
      ['conversationType a number', 'conversation.conversationType', 1],
      ['conversation.tenantId an object', 'conversation.tenantId', {}],
      ['channelData.tenant.id an array', 'channelData.tenant.id', []],
      ['a conversation id with a lone surrogate', 'conversation.id', 'a:\uD800x'],
      ['text a number', 'text', 42],
      ['attachments an object', 'attachments', { contentType: 'text/html' }],
      ['membersAdded a string', 'membersAdded', '28:traffpunkt-bot'],
    ];
    it.each(refused)('%s gets 400 without detail, and nothing is stored', async (_name, path, value) => {
      const u = fresh();
      const m: Record<string, unknown> = structuredClone(message(h.connector.url, u, 'mina anmälningar'));
      const keys = path.split('.');
      const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((node, k) => node[k] as Record<string, unknown>, m);
      parent[keys[keys.length - 1] as string] = value;
      const res = await h.send(m);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'bad request' });
      expect(await stored(u.aad)).toBeNull();
      expect(await refOf(u.aad)).toBeNull();
      expect(await h.app.directory.person('9007199254740992')).toBeNull();
    });

    it.each([0, {}, [], 1e308])('a locale of %p is dropped: the answer is in Swedish and the locale is not stored', async (locale) => {
      const u = fresh();
      const res = await h.send({ ...message(h.connector.url, u, 'mina anmälningar'), locale });
      expect(res.status).toBe(200);
      expect(JSON.stringify(h.connector.posts().pop()?.body)).toMatch(/anmäl/i);
      expect((await stored(u.aad))?.locale).toBeUndefined();
    });

    it('a from.name that is not a string is dropped, a 900,000-character one is cut before it is stored', async () => {
      const a = fresh();
      expect((await h.send({ ...message(h.connector.url, a, 'mina anmälningar'), from: { id: `29:${a.aad}`, aadObjectId: a.aad, name: { first: 'x' } } })).status).toBe(200);
      expect((await stored(a.aad))?.name).toBe('');
      const b = fresh();
      const huge = `Åsa\u0000\u202E ${'x'.repeat(900_000)}`;
      expect((await h.send({ ...message(h.connector.url, b, 'mina anmälningar'), from: { id: `29:${b.aad}`, aadObjectId: b.aad, name: huge } })).status).toBe(200);
      const name = (await stored(b.aad))?.name ?? '';
      expect(name.length).toBeLessThanOrEqual(NAME_MAX);
      expect(name.startsWith('Åsa xxx')).toBe(true);
      expect(JSON.stringify(await refOf(b.aad)).length).toBeLessThan(2_000);
    });

    it.each<[string, unknown]>([
      ['a blank string', ' '],
      ['an array', []],
      ['an object without action', { verb: 'registration.register' }],
      ['an action whose data is text', { action: { type: 'Action.Execute', verb: 'registration.register', data: 'text' } }],
    ])("an invoke whose value is %s is told the button is stale, in the user's language", async (_name, value) => {
      const sv = fresh();
      const res = await h.send({ ...invoke(h.connector.url, sv, 'registration.register', {}), value });
      expect(invokeMessage(res)).toContain('Den här knappen är inaktuell eller kunde inte läsas');
      const en = user(`e${++n}`, 'en-US');
      expect(invokeMessage(await h.send({ ...invoke(h.connector.url, en, 'registration.register', {}), value }))).toContain('This button is out of date or could not be read');
      expect(await seatCount()).toBe(0);
    });

    it('profile.save without organizationId comes back with the organisation explained', async () => {
      const u = fresh();
      const res = await h.send(invoke(h.connector.url, u, 'profile.save', { activityId, sessionId: 's1', jobRole: 'teacher' }));
      expect(allText(invokeCard(res))).toContain('Välj en organisation i listan');
      expect((await stored(u.aad))?.organizationId).toBeUndefined();
      expect(await seatCount()).toBe(0);
    });
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
    const before = (await h.app.activities.list()).length;
    const res = await h.send(invoke(h.connector.url, coordinator, 'activity.save', seminarForm(override as Record<string, string | number>)));
    const card = invokeCard(res);
    expect(allText(card)).toContain('Rätta de markerade fälten');
    expect(allText(card)).toContain(expected);
    expect(JSON.stringify(card).length).toBeLessThan(40_000);
    expect((await h.app.activities.list()).length).toBe(before);
  });

  it('a form with a bad session count is refused without saving', async () => {
    const before = (await h.app.activities.list()).length;
    const res = await h.send(invoke(h.connector.url, coordinator, 'activity.save', seminarForm({ sessionCount: 5000 })));
    expect(invokeMessage(res)).toContain('inte tolka');
    expect((await h.app.activities.list()).length).toBe(before);
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
    expect((await h.app.activities.get(id))?.doc.title).toBe('Ändrat utkast');
  });
});
