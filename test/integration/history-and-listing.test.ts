// What coordinators and members meet after `npm run demo`, over real HTTP on the embedded store:
// history schedules nothing, `ej nådda` speaks Swedish, `aktiviteter` lists everything for a
// coordinator, a part of a name finds an activity, and a person's chosen language wins.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDemo } from '../../src/features/demo/build';
import { writeDemo } from '../../src/features/demo/write';
import { messages } from '../../src/features/i18n';

const { sv, en } = messages;
import type { DevPerson, Overview } from '../../src/features/tab/api/contract';
import { DEV_USER_HEADER } from '../../src/features/tab/api/identity';
import { ask as askBot } from '../support/cards';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { message, user, type User } from '../support/teams';

const demo = buildDemo();
const coordinator = user('c9');
const member = user('m9', 'en-US');
// After the last demo activity (2022) and late enough that every follow-up survey would be due.
const clock = fixedClock('2023-09-15T10:00:00Z');

describe('demo history, unreachable messages, activity lists and language', () => {
  let h: Harness;
  const ask = (u: User, text: string) => askBot(h, (url) => message(url, u, text));

  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad], clock });
    await writeDemo({ activities: h.app.store.container('activities'), directory: h.app.store.container('directory') }, demo);
  });
  afterAll(async () => {
    await h.close();
  });

  it('loaded history plans no reminders, surveys or nudges', async () => {
    expect(demo.activities.length).toBeGreaterThan(20);
    expect(demo.activities.every((a) => a.historic === true)).toBe(true);
    await h.app.scheduler.planNow();
    clock.set('2024-03-01T10:00:00Z');
    await h.app.scheduler.planNow();
    clock.set('2023-09-15T10:00:00Z');
    expect(await h.app.scheduler.jobs.list()).toEqual([]);
  });

  it('`ej nådda` says in Swedish what did not arrive, about which activity, when and why — no job names or HTTP codes', async () => {
    const activity = demo.activities.find((a) => a.id === 'demo-run-konferens-2022');
    const someone = demo.people[3];
    if (!activity || !someone) throw new Error('demo changed');
    // A survey to a demo person, who has never opened Träffpunkt in Teams: Teams cannot be reached for them.
    await h.app.scheduler.jobs.create({
      id: `survey-evaluation-${activity.id}-${someone.aadObjectId}`,
      kind: 'survey',
      toUserId: someone.aadObjectId,
      activityId: activity.id,
      lang: 'sv',
      payload: { activityId: activity.id, surveyKind: 'evaluation' },
      dueAt: clock.now(),
    });
    await h.settle();
    expect((await h.app.scheduler.jobs.list({ statuses: ['failed'] })).length).toBe(1);

    const r = await ask(coordinator, 'ej nådda');
    expect(r.text).toContain(sv.unr_heading);
    expect(r.text).toContain('1 meddelande till 1 person har inte gått fram.');
    expect(r.text).toContain('**RUN-konferens \\(Demokrati\\)** · 2 november 2022');
    expect(r.text).toContain(`Utvärderingsenkät, 15 september 2023 · 1 person: ${someone.name} – har inte öppnat Träffpunkt i Teams än`);
    expect(r.text).not.toMatch(/http|survey|evaluation|404|demo-|[0-9a-f]{8}-[0-9a-f]{4}/i);
  });

  it("a coordinator's `aktiviteter` lists past activities too, by term, with a way to see more", async () => {
    const r = await ask(coordinator, 'aktiviteter');
    expect(r.text).toContain(sv.list_allTitle);
    expect(r.text).toContain('Höstterminen 2022 · tidigare');
    expect(r.text).toMatch(new RegExp(`Visar 20 av ${demo.activities.filter((a) => a.status === 'published').length} aktiviteter\\. Skriv \\*\\*aktiviteter 20\\d\\d\\*\\*`));
    expect(r.text).not.toMatch(/ht2\d|vt2\d|demo-/);

    const year = await ask(coordinator, 'aktiviteter 2021');
    expect(year.text).toContain('Aktiviteter 2021');
    expect(year.text).toContain('Vårterminen 2021');
    expect(year.text).toContain('Höstterminen 2021');
    expect(year.text).not.toContain('RUN-konferens'); // 2022 only

    const found = await ask(coordinator, 'aktiviteter LIKVARDIG');
    expect(found.text).toContain('Att leda en likvärdig skola');
    expect(found.text).not.toContain('RUN-riksdag');
  });

  it("a member's `aktiviteter` keeps to what is open for registration", async () => {
    const r = await ask(user('m10'), 'aktiviteter');
    expect(r.text).toContain(sv.list_title);
    expect(r.text).toContain(sv.list_empty);
    expect(r.text).not.toContain('Att leda en likvärdig skola');
  });

  it('statistics find an activity by a part of its name', async () => {
    const r = await ask(coordinator, 'statistik kollegialt');
    expect(r.card).toBeDefined();
    expect(r.text).toContain('Framgångsrikt kollegialt lärande');
    expect(r.text).not.toContain('Jag hittar ingen');
  });

  it('a chosen language wins over the Teams locale, and `språk automatiskt` follows Teams again', async () => {
    expect((await ask(member, 'hjälp')).text).toContain(en.help_title);
    expect((await ask(member, 'språk svenska')).text).toBe(sv.lang_setSv);
    expect((await ask(member, 'help')).text).toContain(sv.help_title);
    expect((await h.app.directory.person(member.aad))?.doc.language).toBe('sv');
    expect((await ask(member, 'language english')).text).toBe(en.lang_setEn);
    expect((await ask(member, 'hjälp')).text).toContain(en.help_title);
    expect((await ask(member, 'språk automatiskt')).text).toBe(en.lang_auto);
    expect((await h.app.directory.person(member.aad))?.doc.language).toBeUndefined();
    expect((await ask(member, 'språk klingon')).text).toBe(en.lang_unknown);
  });

  describe('the tab over the demo', () => {
    const tab = async <T>(p: string, who = coordinator.aad): Promise<T> => {
      const res = await fetch(`${h.app.url}${p}`, { headers: { [DEV_USER_HEADER]: who } });
      expect(res.status).toBe(200);
      return (await res.json()) as T;
    };
    const swedish = new Intl.Collator('sv');

    it('Översikt opens on the nearest term with activities when the current one is empty', async () => {
      const o = await tab<Overview>('/api/tab/overview');
      expect(o.term).toBe('vt23'); // today is in ht23, which has none; nothing is coming, so the latest past term (a 2022–23 series)
      expect(o.activities.length).toBeGreaterThan(0);
      expect(o.terms[0]).toBe('ht23');
      expect(o.terms).toContain('vt18');
      expect((await tab<Overview>('/api/tab/overview?term=ht23')).activities).toEqual([]);
    });

    it('sorts organisations with equal counts in Swedish order (Ö after R, Å after B)', async () => {
      let pairs = 0;
      let nordic = 0;
      for (const term of ['ht22', 'vt22', 'ht21', 'vt21']) {
        for (const a of (await tab<Overview>(`/api/tab/overview?term=${term}`)).activities) {
          a.perOrganization.forEach((x, i) => {
            const next = a.perOrganization[i + 1];
            if (!next || next.value !== x.value) return;
            pairs++;
            if (/^[ÅÄÖ]/.test(x.label) || /^[ÅÄÖ]/.test(next.label)) nordic++;
            expect([x.label, next.label]).toEqual([x.label, next.label].sort(swedish.compare));
          });
        }
      }
      expect(nordic).toBeGreaterThan(0);
      expect(pairs).toBeGreaterThan(nordic);
    });

    it('says what the places of a team series are, and how many people hold them', async () => {
      const o = await tab<Overview>('/api/tab/overview?term=vt21');
      const series = o.activities.find((a) => a.title === 'Framgångsrikt kollegialt lärande');
      expect(series).toMatchObject({ teamPlaces: true });
      expect(series?.registeredPeople).toBeGreaterThan(series?.capacity ?? Infinity);
      const seminar = o.activities.find((a) => a.kind === 'seminar');
      expect(seminar?.teamPlaces).toBe(false);
    });

    it('offers development identities with their organisation, each person once', async () => {
      const people = await tab<DevPerson[]>('/api/tab/dev/people');
      expect(people.length).toBeGreaterThan(100);
      expect(new Set(people.map((p) => p.aadObjectId)).size).toBe(people.length);
      const someone = people.find((p) => p.aadObjectId === demo.people[0]?.aadObjectId);
      expect(someone?.organization).toMatch(/kommun|.+/);
      const names = people.map((p) => p.name).filter(Boolean);
      expect(names).toEqual([...names].sort(swedish.compare));
    });
  });
});
