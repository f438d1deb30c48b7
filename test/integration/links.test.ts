// Download links, erasure tombstones and calendar files over real HTTP: two bot instances on one
// embedded Cosmos server. An export or my-data link opens once, on whichever instance; the
// second request gets 410 and a page in Swedish then English. An erased person's stand-in keeps
// no typed text, and the tombstone is keyed with the secret salt. A moved session's calendar
// file keeps its UID with a higher SEQUENCE.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { buildDemo } from '../../src/features/demo/build';
import { writeDemo } from '../../src/features/demo/write';
import { erasureId, PrivacySalt } from '../../src/features/privacy/salt';
import { startEmbeddedCosmos, type EmbeddedServer } from '../../src/platform/cosmos/embedded';
import { sign } from '../../src/kernel/signedLink';
import { actions, ask as askBot, invokeCard, invokeMessage } from '../support/cards';
import { createPublished, dayAfter, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { invoke, message, TENANT, user, type User } from '../support/teams';

const demo = buildDemo();
const coordinator = user('c7');
const clock = fixedClock('2023-01-15T10:00:00Z');
const SECRET = 'links-test-secret-links-test-secret-123';
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A demo person who typed an organisation not in the list, and attended something. */
const typedOrg = demo.people.find((p) => p.name && p.organizationOther && demo.attendance.some((x) => x.person.aadObjectId === p.aadObjectId));
/** Another demo person, for "my data". */
const other = demo.people.find((p) => p.name && p.aadObjectId !== typedOrg?.aadObjectId && demo.seats.some((s) => s.userIds.includes(p.aadObjectId)));

describe('links, tombstones and calendar files on two instances', () => {
  let cosmos: EmbeddedServer;
  let a: Harness;
  let b: Harness;

  const ask = (u: User, text: string) => askBot(a, (url) => message(url, u, text));
  const urlsOf = (card: unknown) =>
    actions(card)
      .filter((x) => x.type === 'Action.OpenUrl')
      .map((x) => String((x as unknown as { url: string }).url));
  /** The same link on the other instance. */
  const onB = (url: string) => url.replace(a.app.url, b.app.url);

  async function exportLinks(question: string): Promise<{ xlsx: string; csv: string }> {
    const urls = urlsOf((await ask(coordinator, `exportera ${question}`)).card);
    const xlsx = urls.find((u) => u.includes('export.xlsx'));
    const csv = urls.find((u) => u.includes('export.csv'));
    if (!xlsx || !csv) throw new Error('no export links');
    return { xlsx, csv };
  }

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos();
    // No scheduler: nothing here sends messages, and stopping it on an external store with the
    // demo's jobs in flight takes minutes.
    const env = { ALLOWED_TENANTS: TENANT, LINK_SECRET: SECRET, COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: 'local', SCHEDULER_ENABLED: 'false' };
    a = await startHarness({ coordinators: [coordinator.aad], clock, env });
    b = await startHarness({ coordinators: [coordinator.aad], clock, env });
    await writeDemo({ activities: a.app.store.container('activities'), directory: a.app.store.container('directory') }, demo);
  }, 60_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cosmos?.close();
  });

  describe('export links open once', () => {
    it('the card says what the link does, in Swedish and in English', async () => {
      expect((await ask(coordinator, 'exportera årsrapport 2022')).text).toContain('Varje länk fungerar en gång och i 15 minuter');
      expect((await askBot(a, (url) => message(url, { ...coordinator, locale: 'en-GB' }, 'exportera årsrapport 2022'))).text).toContain('Each link works once and for 15 minutes');
    });

    it('first GET gives the file; the second, on the other instance, gets 410 and a page in Swedish then English', async () => {
      const links = await exportLinks('vilka deltog i RUN-konferens');
      const first = await fetch(links.csv);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toContain('text/csv');
      expect((await first.text()).split('\r\n').length).toBeGreaterThan(10);
      const again = await fetch(onB(links.csv));
      expect(again.status).toBe(410);
      expect(again.headers.get('content-type')).toContain('text/html');
      expect(again.headers.get('cache-control')).toBe('no-store');
      const page = await again.text();
      const sv = page.indexOf('Länken har redan använts');
      const en = page.indexOf('The link has already been used');
      expect(sv).toBeGreaterThan(-1);
      expect(en).toBeGreaterThan(sv);
      expect(page).not.toMatch(ISO_TIME);
      expect(page).not.toContain(coordinator.aad);
      // The other format's link is its own, and still opens.
      expect((await fetch(onB(links.xlsx))).status).toBe(200);
      expect((await fetch(links.xlsx)).status).toBe(410);
    });

    it('of concurrent GETs on both instances exactly one gets the file', async () => {
      const links = await exportLinks('vilka deltog i RUN-konferens');
      const results = await Promise.allSettled([fetch(links.csv), fetch(onB(links.csv)), fetch(links.csv), fetch(onB(links.csv))]);
      const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : 0)).sort();
      expect(statuses).toEqual([200, 410, 410, 410]);
    });

    it('an expired link gets 410 and a tampered one 403, both as pages without ids or times', async () => {
      const links = await exportLinks('vilka deltog i RUN-konferens');
      const tampered = await fetch(links.csv.replace(/t=([^&]{8})/, 't=AAAAAAAA'));
      expect(tampered.status).toBe(403);
      const bad = await tampered.text();
      expect(bad.indexOf('Länken är ogiltig')).toBeLessThan(bad.indexOf('The link is not valid'));
      expect(bad).not.toMatch(ISO_TIME);
      // A link to the CSV does not open the Excel file.
      expect((await fetch(links.csv.replace('export.csv', 'export.xlsx'))).status).toBe(403);
      clock.set('2023-01-15T10:15:01Z');
      try {
        const late = await fetch(onB(links.xlsx));
        expect(late.status).toBe(410);
        const page = await late.text();
        expect(page.indexOf('Länken har gått ut')).toBeLessThan(page.indexOf('The link has expired'));
        expect(page).not.toMatch(ISO_TIME);
      } finally {
        clock.set('2023-01-15T10:00:00Z');
      }
      // Not spent by the refusals: still one use left while it is valid.
      expect((await fetch(links.csv)).status).toBe(200);
    });

    it('the records of used links go in the retention run once their links have expired', async () => {
      const links = await exportLinks('årsrapport 2022');
      expect((await fetch(links.csv)).status).toBe(200);
      const count = async () => (await a.app.store.container('directory').items.query("SELECT VALUE COUNT(1) FROM c WHERE c.type = 'linkUse'").fetchAll()).resources[0];
      expect(await count()).toBeGreaterThan(0);
      const retention = a.app.retention;
      expect((await retention.run()).linkUses).toBe(0);
      clock.set('2023-01-15T12:00:00Z');
      try {
        expect((await retention.run()).linkUses).toBeGreaterThan(0);
        expect(await count()).toBe(0);
      } finally {
        clock.set('2023-01-15T10:00:00Z');
      }
    });
  });

  it('"my data": each format\'s link opens once, on either instance', async () => {
    const u: User = { aad: other?.aadObjectId ?? '', name: other?.name ?? '' };
    const r = await ask(u, 'mina uppgifter');
    expect(r.text).toContain('Varje exportlänk fungerar en gång och i 15 minuter');
    const urls = urlsOf(r.card);
    const json = urls.find((x) => x.includes('mydata.json')) ?? '';
    const csv = urls.find((x) => x.includes('mydata.csv')) ?? '';
    const got = await fetch(onB(json));
    expect(got.status).toBe(200);
    expect(((await got.json()) as { userId: string }).userId).toBe(u.aad);
    const again = await fetch(json);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('The link has already been used');
    expect((await fetch(csv)).status).toBe(200);
  });

  describe('erasure', () => {
    it('the stand-in keeps the listed organisation but not the typed text, and the tombstone is salted', async () => {
      if (!typedOrg?.organizationOther) throw new Error('no demo person with a typed organisation');
      const u: User = { aad: typedOrg.aadObjectId, name: typedOrg.name ?? '' };
      const dir = a.app.store.container('directory');
      const anonIds = async () => new Set((await dir.items.query<string>("SELECT VALUE c.aadObjectId FROM c WHERE c.type = 'person' AND STARTSWITH(c.aadObjectId, 'anon-')").fetchAll()).resources);
      const before = await anonIds();
      expect(invokeMessage(await a.send(invoke(a.connector.url, u, 'privacy.erase.confirm', {})))).toContain('raderade');
      const anon = [...(await anonIds())].find((id) => !before.has(id));
      const stand = (await a.app.directory.person(anon ?? ''))?.doc;
      expect(stand?.organizationId).toBe('other');
      expect(stand?.organizationOther).toBeUndefined();
      const { resources: rows } = await a.app.store
        .container('activities')
        .items.query<{ person: { organizationId?: string; organizationOther?: string } }>({
          query: "SELECT c.person FROM c WHERE c.type = 'attendance' AND c.person.aadObjectId = @a",
          parameters: [{ name: '@a', value: anon ?? '' }],
        })
        .fetchAll();
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.person).toEqual({ aadObjectId: anon, organizationId: 'other' });
      // The tombstone: not under the unsalted hash anyone could compute, but under the salted key.
      const unsalted = `erased-${createHash('sha256').update(u.aad.toLowerCase()).digest('hex').slice(0, 40)}`;
      const { resources: tombs } = await dir.items.query<{ id: string }>("SELECT c.id FROM c WHERE c.type = 'erasure'").fetchAll();
      expect(tombs.map((t) => t.id)).not.toContain(unsalted);
      const salted = erasureId(await new PrivacySalt(dir).get(), u.aad);
      expect(tombs.map((t) => t.id)).toContain(salted);
      // Both instances' "is this person erased" find it; someone never erased is not.
      expect(await a.app.privacy?.erased(u.aad)).toBe(true);
      expect(await b.app.privacy?.erased(u.aad)).toBe(true);
      expect(await b.app.privacy?.erased(coordinator.aad)).toBe(false);
    });

    it('a tombstone under the old unsalted id still counts, and moves to the salted id on lookup', async () => {
      const gone = user('legacy1');
      const dir = a.app.store.container('directory');
      const unsalted = `erased-${createHash('sha256').update(gone.aad.toLowerCase()).digest('hex').slice(0, 40)}`;
      await dir.items.create({ id: unsalted, pk: unsalted, type: 'erasure', at: clock.now().toISOString() });
      expect(await b.app.privacy?.erased(gone.aad)).toBe(true);
      const salted = erasureId(await new PrivacySalt(dir).get(), gone.aad);
      expect((await dir.item(salted, salted).read()).resource).toBeDefined();
      expect((await dir.item(unsalted, unsalted).read()).resource).toBeUndefined();
      expect(await a.app.privacy?.erased(gone.aad)).toBe(true);
    });
  });

  describe('calendar files', () => {
    const ics = async (activityId: string) => {
      const path = `/ics/${activityId}/s1.ics`;
      const res = await fetch(`${b.app.url}${path}?sig=${sign(SECRET, path)}`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(text)?.[1]?.trim();
      return { uid: field('UID'), sequence: Number(field('SEQUENCE')), start: field('DTSTART'), status: field('STATUS'), method: field('METHOD') };
    };

    it('a moved session keeps its UID with a higher SEQUENCE; a cancelled one says CANCELLED with a higher one still; the link is reusable', async () => {
      clock.set('2026-11-20T10:00:00Z');
      try {
        const form = seminarFormAt(clock.now());
        const { activityId } = await createPublished(a, coordinator, form({ title: 'Flyttas i kalendern', capacity: 10, minParticipants: 1 }));
        const first = await ics(activityId);
        expect(first).toMatchObject({ sequence: 0, status: 'CONFIRMED', method: 'PUBLISH' });
        expect(await ics(activityId)).toEqual(first);
        // An edit that does not touch the time leaves the sequence alone.
        invokeCard(await a.send(invoke(a.connector.url, coordinator, 'activity.save', { ...form({ title: 'Flyttas i kalendern – nytt namn', capacity: 10, minParticipants: 1 }), activityId })));
        expect((await ics(activityId)).sequence).toBe(0);
        invokeCard(
          await a.send(
            invoke(a.connector.url, coordinator, 'activity.save', { ...form({ title: 'Flyttas i kalendern', capacity: 10, minParticipants: 1, s0_date: dayAfter(clock.now(), 20) }), activityId }),
          ),
        );
        const moved = await ics(activityId);
        expect(moved.uid).toBe(first.uid);
        expect(moved.start).not.toBe(first.start);
        expect(moved.sequence).toBeGreaterThan(first.sequence);
        expect(invokeMessage(await a.send(invoke(a.connector.url, coordinator, 'session.cancel', { activityId, sessionId: 's1', confirm: 'yes' })))).not.toBe('');
        const cancelled = await ics(activityId);
        expect(cancelled).toMatchObject({ uid: first.uid, status: 'CANCELLED' });
        expect(cancelled.sequence).toBeGreaterThan(moved.sequence);
      } finally {
        clock.set('2023-01-15T10:00:00Z');
      }
    });
  });
});
