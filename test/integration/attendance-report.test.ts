import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Attendance } from '../../src/kernel/attendance';
import { personKey } from '../../src/features/attendance/match';
import type { AttendanceRepository } from '../../src/features/attendance/store';
import { allText, sentCard, type Json } from '../support/cards';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import type { FakeMember } from '../support/fakeConnector';
import { invoke, message, personal, TENANT, user, type User } from '../support/teams';
import { eventually, fixture, FileHost, joinUrl, PEOPLE, withFile } from '../fixtures/attendance/support';

const { karin, asa, bjorn, marta, ylva, orjan, lars } = PEOPLE;
const START = '2026-11-20T10:00:00Z';
const seminarForm = seminarFormAt(new Date(START));
const REGISTRANTS = [asa, bjorn, marta, ylva, orjan];
const key = (u: User) => personKey({ aadObjectId: u.aad });

interface Sent {
  text: string;
  card: Json | undefined;
}

async function setUp(h: Harness, titles: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [i, title] of titles.entries()) {
    const { activityId } = await createPublished(h, karin, seminarForm({ title, s0_link: joinUrl(`report${i}`) }));
    for (const [j, u] of REGISTRANTS.entries()) await registerWithProfile(h, u, activityId, 's1', ['ostersund', 'are', 'harnosand', 'solleftea', 'ange'][j]);
    ids.set(title, activityId);
  }
  // Lars has talked to the bot and said where he works; he comes to the meeting unregistered.
  await h.app.directory.updatePerson(lars.aad, (p) => ({ ...p, name: lars.name, organizationId: 'ostersund', jobRole: 'developer' }));
  return ids;
}

function repoOf(h: Harness): AttendanceRepository {
  const a = h.app.attendance;
  if (!a) throw new Error('attendance not wired');
  return a.repo;
}

/** Sends a file to the bot 1:1 as `from` and returns what the bot answered. */
async function sendFile(h: Harness, host: FileHost, from: User, name: string, bytes: Buffer | { garbageBytes: number }, text = ''): Promise<Sent> {
  const url = host.put(name, bytes);
  const before = h.connector.posts(personal(from).id).length;
  const res = await h.send(withFile(message(h.connector.url, from, text), url));
  expect(res.status).toBe(200);
  const reply = h.connector.posts(personal(from).id)[before]?.body ?? {};
  const card = sentCard(reply);
  return { text: card ? allText(card) : String(reply.text ?? ''), card };
}

const minutesOf = (docs: Attendance[], name: string) => {
  const d = docs.find((x) => x.person.name === name);
  return d && { minutes: d.minutes, present: d.present };
};

describe('the Teams attendance report sent to the bot as a file, in every locale and encoding', () => {
  let h: Harness;
  const host = new FileHost();
  const FILES: [string, string][] = [
    ['amerikansk', 'teams-en-us.csv'],
    ['svensk', 'teams-sv.csv'],
    ['brittisk', 'teams-en-gb-utf8-bom.csv'],
    ['svensk-utf8', 'teams-sv-utf8.csv'],
    ['tysk', 'teams-de-utf16-nobom.csv'],
    ['gammal-engelsk', 'legacy-en.csv'],
    ['gammal-svensk', 'legacy-sv.csv'],
  ];
  let ids: Map<string, string>;

  beforeAll(async () => {
    await host.start();
    h = await startHarness({ coordinators: [karin.aad], clock: fixedClock(START) });
    ids = await setUp(
      h,
      FILES.map(([label]) => `Läslyftet ${label}`),
    );
    // Karin talks to the bot once, so the directory knows her name.
    await h.send(message(h.connector.url, karin, 'hjälp'));
  });
  afterAll(async () => {
    await h.close();
    await host.stop();
  });

  it.each(FILES)('imports %s (%s): matched, walk-ins, absent, minutes and roles', async (label, file) => {
    const activityId = ids.get(`Läslyftet ${label}`) ?? '';
    const sent = await sendFile(h, host, karin, file, fixture(file), `Läslyftet ${label}`);
    expect(sent.text).toContain('Närvarorapporten är inläst');
    expect(sent.text).toContain('Anmälda i rapporten (4)');
    expect(sent.text).toContain('Med utan anmälan (3)');
    expect(sent.text).toContain('Anmälda som inte var med (2)');
    expect(sent.text).toMatch(/Lars Nyström\n – utan anmälan · Östersunds kommun/); // found in the directory by his name
    expect(sent.text).toContain('extern gäst');
    expect(sent.text).not.toContain('Rader som inte gick att läsa');

    const docs = await repoOf(h).ofSession(activityId, 's1');
    const byKey = new Map(docs.map((d) => [d.personKey, d]));
    expect(byKey.get(key(asa))).toMatchObject({ minutes: 118, present: true, presentBy: 'minutes' });
    expect(byKey.get(key(bjorn))).toMatchObject({ minutes: 97, present: true });
    expect(byKey.get(key(ylva))).toMatchObject({ minutes: 117, present: true });
    expect(byKey.get(key(marta))).toMatchObject({ minutes: 30, present: false });
    expect(byKey.has(key(orjan))).toBe(false);
    expect(byKey.get(key(lars))).toMatchObject({ present: true, person: { organizationId: 'ostersund' } });
    expect(byKey.get(key(karin))).toMatchObject({ minutes: 124, present: true });
    const guest = docs.find((d) => d.person.name === 'Pekka Virtanen');
    expect(guest).toMatchObject({ minutes: 95, present: true });
    expect(guest?.person.aadObjectId).toBeUndefined();
    expect(docs).toHaveLength(7);
    if (!file.startsWith('legacy')) expect(byKey.get(key(karin))?.report?.role).toBe('organizer');
    expect((await h.app.activities.get(activityId))?.doc.sessions[0]?.status).toBe('held');
  });

  it('changes nothing when the same file is sent again, and says so', async () => {
    const activityId = ids.get('Läslyftet svensk') ?? '';
    const before = (await repoOf(h).ofSession(activityId, 's1')).map((d) => `${d.personKey}@${d.updatedAt}`).sort();
    const again = await sendFile(h, host, karin, 'again.csv', fixture('teams-sv.csv'), 'Läslyftet svensk');
    expect(again.text).toContain('Den här rapporten var redan inläst. Ingenting har ändrats.');
    expect((await repoOf(h).ofSession(activityId, 's1')).map((d) => `${d.personKey}@${d.updatedAt}`).sort()).toEqual(before);
  });

  it('asks for the activity when several sessions were held at the report’s time', async () => {
    const sent = await sendFile(h, host, karin, 'noname.csv', fixture('teams-sv.csv'));
    expect(sent.text).toContain('Flera tillfällen hölls när mötet i rapporten hölls (8 december 2026 08:58)');
  });
});

describe('report files that cannot be imported, and imports that fail half-way', () => {
  let h: Harness;
  const host = new FileHost();
  let activityId: string;
  const english = { ...user('c-en', 'en-US'), name: 'Kim Coordinator' };

  beforeAll(async () => {
    await host.start();
    h = await startHarness({ coordinators: [karin.aad, english.aad], clock: fixedClock(START) });
    activityId = (await setUp(h, ['Läslyftet – kick-off för rektorer'])).get('Läslyftet – kick-off för rektorer') ?? '';
  });
  afterAll(async () => {
    await h.close();
    await host.stop();
  });

  const count = async () => (await repoOf(h).ofActivity(activityId)).length;

  it.each<[string, Buffer | { garbageBytes: number }, RegExp]>([
    ['20 MB of garbage', { garbageBytes: 20 * 1024 * 1024 }, /Filen är för stor \(högst 5 MB\)/],
    ['bytes that are not text', Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 128))), /ser inte ut som en textfil/],
    ['an Excel workbook', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 1)]), /Det här är en Excel-fil/],
    ['a text that is not a report', Buffer.from('Hej!\nHär är mina anteckningar från mötet.\nVi ses nästa vecka.\n'), /känner inte igen filen som en närvarorapport/],
    ['an empty file', Buffer.alloc(0), /Filen är tom/],
    [
      'a report where most rows are unreadable',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(
          fixture('teams-sv.csv')
            .subarray(2)
            .toString('utf16le')
            .replace(/2026-12-08 (0|1)/g, '2026-12-08 X'),
          'utf16le',
        ),
      ]),
      /De flesta raderna i filen gick inte att läsa/,
    ],
  ])('answers %s clearly and saves nothing', async (_name, bytes, answer) => {
    const sent = await sendFile(h, host, karin, `bad-${Math.random().toString(36).slice(2)}.csv`, bytes, 'Läslyftet');
    expect(sent.text).toMatch(answer);
    expect(sent.text).toMatch(/Ingenting har sparats|sparade ingenting/);
    expect(await count()).toBe(0);
  });

  it('refuses a report of another meeting, named or not', async () => {
    const named = await sendFile(h, host, karin, 'other1.csv', fixture('teams-other-meeting.csv'), 'Läslyftet 1');
    expect(named.text).toContain('Rapporten gäller ett möte 15 november 2022 08:58, men tillfället är tisdag 8 december 2026 09:00–11:00');
    const unnamed = await sendFile(h, host, karin, 'other2.csv', fixture('teams-other-meeting.csv'));
    expect(unnamed.text).toContain('Jag hittar inget tillfälle när mötet i rapporten hölls (15 november 2022 08:58)');
    expect(await count()).toBe(0);
  });

  it('refuses files from someone who is not a coordinator, in a group chat, or from a host that is not SharePoint', async () => {
    const member = await sendFile(h, host, asa, 'member.csv', fixture('teams-sv.csv'));
    expect(member.text).toContain('bara samordnare');
    const conv = { id: '19:meeting_report0@thread.v2', type: 'groupChat' as const };
    const before = h.connector.posts(conv.id).length;
    await h.send(withFile(message(h.connector.url, karin, '', conv), host.put('group.csv', fixture('teams-sv.csv'))));
    expect(String(h.connector.posts(conv.id)[before]?.body.text)).toContain('i en chatt direkt med mig');
    const requests = host.requests.length;
    const before2 = h.connector.posts(personal(karin).id).length;
    await h.send(withFile(message(h.connector.url, karin, ''), 'https://evil.example/report.csv'));
    expect(String(h.connector.posts(personal(karin).id)[before2]?.body.text)).toContain('Jag kunde inte hämta filen');
    expect(host.requests.length).toBe(requests);
    expect(await count()).toBe(0);
  });

  it('takes everything back when a write fails half-way, and the same file then imports in full', async () => {
    const repo = repoOf(h);
    const original = repo.update.bind(repo);
    let calls = 0;
    repo.update = async (...args: Parameters<AttendanceRepository['update']>) => {
      calls++;
      if (calls === 4) throw new Error('Cosmos DB unavailable');
      return original(...args);
    };
    let failed: Sent;
    try {
      failed = await sendFile(h, host, karin, 'flaky.csv', fixture('teams-sv.csv'));
    } finally {
      repo.update = original;
    }
    expect(failed.text).toContain('Något gick fel när närvaron skulle sparas. Ingenting har sparats');
    const left = await repo.ofActivity(activityId);
    expect(left.filter((d) => d.report)).toEqual([]);
    expect((await h.app.activities.get(activityId))?.doc.sessions[0]?.status).toBe('scheduled');

    const ok = await sendFile(h, host, karin, 'flaky-again.csv', fixture('teams-sv.csv'));
    expect(ok.text).toContain('Närvarorapporten är inläst');
    expect(ok.text).not.toContain('redan inläst');
    expect((await repo.ofActivity(activityId)).filter((d) => d.report)).toHaveLength(7);
  });

  it('imports the readable rows of a file with a few bad ones, and names the bad rows', async () => {
    const sent = await sendFile(h, host, karin, 'bad-row.csv', fixture('teams-sv-bad-row.csv'), 'Läslyftet');
    expect(sent.text).toContain('Rader som inte gick att läsa (2)');
    expect(sent.text).toContain('Rad 14: en tid gick inte att läsa');
    expect(sent.text).toContain('Rad 23: en tidslängd gick inte att läsa');
    expect(sent.text).toMatch(/Märta Sjöström\n – anmäld · Härnösands kommun · 30 min · under gränsen/);
    const docs = new Map((await repoOf(h).ofSession(activityId, 's1')).map((d) => [d.personKey, d]));
    expect(docs.get(key(marta))?.minutes).toBe(30);
    expect(docs.get(key(bjorn))?.minutes).toBe(97);
  });

  it('answers in English to a coordinator whose Teams is in English', async () => {
    const sent = await sendFile(h, host, english, 'en.csv', fixture('teams-en-us.csv'));
    expect(sent.text).toContain('The attendance report is imported');
    expect(sent.text).toContain('Registered but absent (2)');
    expect(sent.text).toContain('external guest');
    expect(minutesOf(await repoOf(h).ofSession(activityId, 's1'), 'Åsa Öberg')).toEqual({ minutes: 118, present: true });
  });
});

describe('people known by their Teams identity: report rows matched by e-mail and UPN, guests counted by their domain', () => {
  let h: Harness;
  const clock = fixedClock(START);
  const host = new FileHost();
  let activityId = '';
  const TITLE = 'Läsfrämjande – namnar';
  // Two registrants with the same display name; only the one from Hudiksvall attends.
  const erikH: User = { aad: '0a0a0a0a-0000-4000-8000-000000000201', name: 'Erik Karlsson', locale: 'sv-SE' };
  const erikS: User = { aad: '0a0a0a0a-0000-4000-8000-000000000202', name: 'Erik Karlsson', locale: 'sv-SE' };
  const anna: User = { aad: '0a0a0a0a-0000-4000-8000-000000000203', name: 'Anna Berg', locale: 'sv-SE' };
  const bo: User = { aad: '0a0a0a0a-0000-4000-8000-000000000204', name: 'Bo Ek', locale: 'sv-SE' };
  const stranger = user('no-member');
  const member = (u: User, email: string, upn: string): FakeMember => ({ id: `29:${u.aad}`, name: u.name, aadObjectId: u.aad, email, userPrincipalName: upn, tenantId: TENANT });
  const person = async (u: User) => (await h.app.directory.person(u.aad))?.doc;
  const lookups = (u: User) => h.connector.calls.filter((c) => c.method === 'GET' && c.path.includes('/members/') && c.path.includes(u.aad)).length;
  const ask = async (from: User, text: string): Promise<string> => {
    const before = h.connector.posts(personal(from).id).length;
    await h.send(message(h.connector.url, from, text));
    const body = h.connector.posts(personal(from).id)[before]?.body ?? {};
    const card = sentCard(body);
    return card ? allText(card) : String(body.text ?? '');
  };

  beforeAll(async () => {
    await host.start();
    h = await startHarness({ coordinators: [karin.aad], clock });
    activityId = (await createPublished(h, karin, seminarForm({ title: TITLE, s0_link: joinUrl('namesakes') }))).activityId;
    // What Teams answers for each of them in their 1:1 chat with the bot (mixed case, as Entra keeps it).
    h.connector.members.set(personal(erikH).id, [member(erikH, 'Erik.Karlsson@Hudiksvall.se', 'EKAR01@hudiksvall.se')]);
    h.connector.members.set(personal(erikS).id, [member(erikS, 'erik.karlsson@sundsvall.se', 'erik.karlsson@sundsvall.se')]);
    h.connector.members.set(personal(anna).id, [member(anna, 'anna.berg@hudiksvall.se', 'anna.berg@hudiksvall.se')]);
    h.connector.members.set(personal(bo).id, [member(bo, 'bo.ek@hudiksvall.se', 'bo.ek@hudiksvall.se')]);
    // They only ever click Register on the invitation: nobody writes to the bot.
    for (const [u, org] of [
      [erikH, 'hudiksvall'],
      [erikS, 'sundsvall'],
      [anna, 'hudiksvall'],
      [bo, 'hudiksvall'],
    ] as const) {
      await registerWithProfile(h, u, activityId, 's1', org);
    }
    await eventually(async () => (await Promise.all([erikH, erikS, anna, bo].map(person))).every((p) => !!p?.identityAt));
    await h.send(message(h.connector.url, karin, 'hjälp'));
  });
  afterAll(async () => {
    await h.close();
    await host.stop();
  });

  it('learns e-mail and UPN at the first click, in lower case, with one member lookup, and does not ask again on the next', async () => {
    expect(await person(erikH)).toMatchObject({ email: 'erik.karlsson@hudiksvall.se', upn: 'ekar01@hudiksvall.se', identityAt: START.replace('Z', '.000Z') });
    expect(lookups(erikH)).toBe(1);
    const again = await h.send(invoke(h.connector.url, erikH, 'registration.register', { activityId, sessionId: 's1' }));
    expect(again.status).toBe(200);
    await h.send(message(h.connector.url, erikH, 'mina anmälningar'));
    await new Promise((r) => setTimeout(r, 300));
    expect(lookups(erikH)).toBe(1);
  });

  it('answers the click of someone Teams cannot look up, and stores no address for them', async () => {
    const res = await h.send(invoke(h.connector.url, stranger, 'registration.register', { activityId, sessionId: 's1' }));
    expect(res.status).toBe(200);
    await eventually(async () => lookups(stranger) === 1);
    await new Promise((r) => setTimeout(r, 200));
    const p = await person(stranger);
    expect(p?.email).toBeUndefined();
    expect(p?.identityAt).toBeUndefined();
  });

  it('matches the namesake who attended by his e-mail, with no manual step, and counts guests for the municipality of their domain', async () => {
    const url = host.put('namesakes.csv', fixture('teams-sv-namesakes.csv'));
    const before = h.connector.posts(personal(karin).id).length;
    await h.send(withFile(message(h.connector.url, karin, TITLE), url));
    const reply = h.connector.posts(personal(karin).id)[before]?.body ?? {};
    const text = allText(sentCard(reply) ?? {});
    expect(text).toContain('Närvarorapporten är inläst');
    expect(text).not.toContain('samma namn');
    expect(text).toContain('Anmälda i rapporten (3)');
    expect(text).toMatch(/Anmälda som inte var med \(1\)\nErik Karlsson\n – anmäld · Sundsvalls kommun/);
    expect(text).toMatch(/Tove Lund\n – utan anmälan · Timrå kommun/);
    const docs = new Map((await repoOf(h).ofSession(activityId, 's1')).map((d) => [d.personKey, d]));
    expect(docs.get(key(erikH))).toMatchObject({ present: true, person: { organizationId: 'hudiksvall' } });
    expect(docs.has(key(erikS))).toBe(false);
    const byName = (n: string) => [...docs.values()].find((d) => d.person.name === n);
    expect(byName('Tove Lund')?.person.organizationId).toBe('timra'); // edu.timra.se
    expect(byName('Gustav Holm')?.person.organizationId).toBeUndefined(); // a domain nobody has

    const attended = await ask(karin, `vilka deltog i ${TITLE}`);
    // Before, the namesake was a walk-in of no organisation and Hudiksvall had 2; guests were all unknown.
    expect(attended).toContain('Hudiksvalls kommun 3 · Okänd organisation 3 · Timrå kommun 1');
    expect(attended).not.toContain('Sundsvalls kommun');
  });

  it('shows the e-mail and UPN in "mina uppgifter", and erases them with the person', async () => {
    const privacy = h.app.privacy;
    if (!privacy) throw new Error('privacy not wired');
    const profile = (await privacy.myData(anna.aad)).sections.find((s) => s.key === 'profile')?.rows ?? [];
    expect(profile).toEqual(
      expect.arrayContaining([
        { field: 'email', value: 'anna.berg@hudiksvall.se' },
        { field: 'upn', value: 'anna.berg@hudiksvall.se' },
      ]),
    );
    const page = await ask(erikH, 'mina uppgifter');
    expect(page).toContain('E-post: erik.karlsson@hudiksvall.se');
    expect(page).toContain('Inloggningsnamn i Teams: ekar01@hudiksvall.se');
    expect(page).toMatch(/E-post och inloggningsnamn hämtades från Teams \S/);
    expect(page).not.toMatch(/identityAt|upn|\d{4}-\d{2}-\d{2}T/);
    await h.send(message(h.connector.url, anna, 'radera mina uppgifter'));
    await h.send(invoke(h.connector.url, anna, 'privacy.erase.confirm', {}));
    expect(await person(anna)).toBeUndefined();
    const everywhere = async (container: 'directory' | 'activities') => JSON.stringify((await h.app.store.container(container).items.query('SELECT * FROM c').fetchAll()).resources);
    expect(await everywhere('directory')).not.toContain('anna.berg@hudiksvall.se');
    expect(await everywhere('activities')).not.toContain('anna.berg@hudiksvall.se');
    // Her attendance stays, anonymous, for Hudiksvall.
    expect(await ask(karin, `vilka deltog i ${TITLE}`)).toContain('Hudiksvalls kommun 3 · Okänd organisation 3 · Timrå kommun 1');
  });

  it('asks Teams again after 30 days, and keeps what it says now', async () => {
    h.connector.members.set(personal(bo).id, [member(bo, 'bo.ek2@hudiksvall.se', 'bo.ek@hudiksvall.se')]);
    await h.send(message(h.connector.url, bo, 'hjälp'));
    await new Promise((r) => setTimeout(r, 200));
    expect(lookups(bo)).toBe(1);
    clock.set(new Date(Date.parse(START) + 31 * 86_400_000).toISOString());
    await h.send(message(h.connector.url, bo, 'hjälp'));
    await eventually(async () => (await person(bo))?.email === 'bo.ek2@hudiksvall.se');
    expect(lookups(bo)).toBe(2);
    clock.set(START);
  });
});
