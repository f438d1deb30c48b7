// Who attended, who registered, statistics and exports over real HTTP on the embedded Cosmos
// server, with the demo data set loaded: roles decide what each person sees.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { buildDemo } from '../../src/features/demo/build';
import { writeDemo } from '../../src/features/demo/write';
import { actions, allText, invokeCard, invokeMessage, sentCard, type Json } from '../support/cards';
import { ask as askBot } from '../support/cards';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { channel, invoke, message, TENANT, user, type User } from '../support/teams';

const demo = buildDemo();
const coordinator = user('c8');
const manager = user('m8');
const clock = fixedClock('2023-01-15T10:00:00Z');
const conference = demo.activities.find((a) => a.id === 'demo-run-konferens-2022');
const present = demo.attendance.filter((x) => x.activityId === conference?.id && x.present);
const personOf = (aad: string | undefined) => demo.people.find((p) => p.aadObjectId === aad);
// A member: someone who was at the conference, from Sundsvall.
const memberPerson = present.map((x) => personOf(x.person.aadObjectId)).find((p) => p?.organizationId === 'sundsvall');
const member: User = { aad: memberPerson?.aadObjectId ?? '', name: memberPerson?.name ?? '', locale: 'en-GB' };
const angePresent = present.filter((x) => x.person.organizationId === 'ange');
const harnosandNames = demo.attendance.filter((x) => x.activityId === 'demo-kollegialt-2223').map((x) => x.person.name ?? '');

function mention(u: User) {
  return { type: 'mention', text: `<at>${u.name}</at>`, mentioned: { id: `29:${u.aad}`, name: u.name } };
}

describe('reports and roles over HTTP', () => {
  let h: Harness;

  const ask = (u: User, text: string, extra: object = {}) => askBot(h, (url) => ({ ...message(url, u, text), ...extra }));

  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad], clock, env: { ALLOWED_TENANTS: TENANT, LINK_SECRET: 'integration-test-secret-integration-test' } });
    await writeDemo({ activities: h.app.store.container('activities'), directory: h.app.store.container('directory') }, demo);
    // The manager-to-be talks to the bot once, so an @mention of them can be resolved.
    await ask(manager, 'hej');
  });
  afterAll(async () => {
    await h.close();
  });

  describe('roles', () => {
    it('a member may not give roles', async () => {
      const r = await ask(member, `lägg till samordnare ${member.name}`, { entities: [mention(member)] });
      expect(r.text).toContain('Only coordinators can do this');
      expect((await h.app.directory.person(member.aad))?.doc.roles).toEqual([]);
    });

    it('a coordinator makes someone manager for an organisation by @mention', async () => {
      const r = await ask(coordinator, `lägg till chef ${manager.name} Ånge`, { entities: [mention(manager)] });
      expect(r.text).toContain('är nu chef för Ånge kommun');
      const p = await h.app.directory.person(manager.aad);
      expect(p?.doc.roles).toEqual(['manager']);
      expect(p?.doc.organizationId).toBe('ange');
    });

    it('a coordinator adds another coordinator and takes the role away again', async () => {
      const colleague = user('k8');
      await ask(colleague, 'hej');
      expect((await ask(coordinator, `lägg till samordnare ${colleague.name}`, { entities: [mention(colleague)] })).text).toContain('är nu samordnare');
      expect((await h.app.directory.person(colleague.aad))?.doc.roles).toEqual(['coordinator']);
      expect((await ask(colleague, 'årsrapport 2022')).card).toBeDefined();
      expect((await ask(coordinator, `ta bort samordnare ${colleague.name}`, { entities: [mention(colleague)] })).text).toContain('är inte längre samordnare');
      expect((await ask(colleague, 'årsrapport 2022')).text).toContain('samordnare och chefer');
    });

    it('someone the bot has never seen cannot be identified from a mention, and is named back', async () => {
      const stranger = user('s8');
      const r = await ask(coordinator, `lägg till samordnare ${stranger.name}`, { entities: [mention(stranger)] });
      expect(r.text).toContain(`Jag vet inte vem "${stranger.name}" är`);
    });

    it('lists coordinators and managers', async () => {
      const r = await ask(coordinator, 'roller');
      expect(r.text).toContain('Samordnare');
      expect(r.text).toContain(manager.name);
      expect(r.text).toContain('Ånge kommun');
    });

    it('refuses to remove a coordinator set by COORDINATORS, or the last one', async () => {
      const r = await ask(coordinator, `ta bort samordnare ${coordinator.name}`, { entities: [mention(coordinator)] });
      expect(r.text).toContain('COORDINATORS');
      expect((await h.app.directory.person(coordinator.aad))?.doc.roles).toContain('coordinator');
    });

    it('asks for an @mention when there is none, and for the organisation when it is missing or unclear', async () => {
      expect((await ask(coordinator, 'lägg till samordnare Åsa')).text).toContain('Nämn personen med @');
      expect((await ask(coordinator, `lägg till chef ${manager.name}`, { entities: [mention(manager)] })).text).toContain('Skriv organisationen');
      expect((await ask(coordinator, `lägg till chef ${manager.name} kommun`, { entities: [mention(manager)] })).text).toContain('Flera organisationer passar');
    });
  });

  describe('authorization matrix: "vilka deltog i RUN-konferens"', () => {
    it('coordinator: everyone present (40), with organisation, role and minutes', async () => {
      const r = await ask(coordinator, 'vilka deltog i RUN-konferens');
      expect(r.text).toContain('Vilka deltog');
      expect(r.text).toContain('RUN-konferens (Demokrati)');
      expect(JSON.stringify(r.card)).toContain('"title":"Närvarande","value":"40"');
      expect(r.text).toContain('Minuter');
    });

    it('manager of Ånge: Ånge’s people only, told so', async () => {
      const r = await ask(manager, 'vilka deltog i RUN-konferens');
      expect(r.text).toContain('Du ser bara personer från Ånge kommun.');
      expect(JSON.stringify(r.card)).toContain(`"title":"Närvarande","value":"${angePresent.length}"`);
      expect(r.text).not.toContain(memberPerson?.name ?? '??');
    });

    it('manager of Ånge asking about an activity with only Härnösand people: nobody', async () => {
      const r = await ask(manager, 'vilka deltog i Framgångsrikt kollegialt lärande');
      const pick = r.card ? actions(r.card).find((a) => a.verb === 'report.pick' && a.data?.activityId === 'demo-kollegialt-2223') : undefined;
      expect(pick).toBeDefined();
      const card = invokeCard(await h.send(invoke(h.connector.url, manager, 'report.pick', pick?.data ?? {})));
      expect(allText(card)).toContain('Inga deltagare registrerade.');
      for (const n of harnosandNames) expect(allText(card)).not.toContain(n);
    });

    it('member: their own row only; statistics refused', async () => {
      const r = await ask(member, 'who took part in RUN-konferens');
      expect(r.text).toContain('You see your own records only.');
      expect(r.text).toContain(member.name);
      expect(JSON.stringify(r.card)).toContain('"title":"Present","value":"1"');
      expect((await ask(member, 'stats RUN-konferens')).text).toContain('for coordinators and managers');
    });

    it('another tenant: a polite refusal and nothing else', async () => {
      const other = user('x8');
      const before = h.connector.posts().length;
      const res = await h.send({
        ...message(h.connector.url, other, 'vilka deltog i RUN-konferens'),
        conversation: { id: 'a:x', conversationType: 'personal', tenantId: 'other-tenant' },
        channelData: { tenant: { id: 'other-tenant' } },
      });
      expect(res.status).toBe(200);
      const replies = h.connector.posts().slice(before);
      expect(replies).toHaveLength(1);
      expect(String(replies[0]?.body.text)).toContain('Träffpunkt är inte öppen för din organisation');
      expect(sentCard(replies[0]?.body ?? {})).toBeUndefined();
    });

    it('in a channel: answered in a 1:1 chat only (the answer names people)', async () => {
      const r = await ask(coordinator, 'vilka deltog i RUN-konferens', { conversation: { id: channel().id, conversationType: 'channel', tenantId: TENANT } });
      expect(r.text).toContain('fråga mig i en chatt med bara mig');
    });
  });

  describe('questions', () => {
    it('who registered: in order, with the registered count of places', async () => {
      const r = await ask(coordinator, 'vilka är anmälda till RUN-konferens');
      expect(r.text).toContain('Anmälda i tur och ordning');
      expect(JSON.stringify(r.card)).toContain('"title":"Anmälda","value":"60 av 80 platser"');
    });

    it('statistics of a network meeting: "17 av 19 kommuner"', async () => {
      const r = await ask(coordinator, 'statistik RUN-riksdag 2018');
      expect(JSON.stringify(r.card)).toContain('"value":"17 av 19 kommuner"');
      expect(r.text).toContain('16 maj 2018');
      expect(r.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(JSON.stringify(r.card)).toContain('Chart.HorizontalBar');
    });

    it('several runs: a card to pick from; the pick answers', async () => {
      const r = await ask(coordinator, 'vilka deltog i att leda larande och utveckling');
      const picks = actions(r.card).filter((a) => a.verb === 'report.pick');
      expect(picks).toHaveLength(2);
      const card = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'report.pick', picks[1]?.data ?? {})));
      expect(allText(card)).toContain('Att leda lärande och utveckling');
      expect(JSON.stringify(card)).toContain('"title":"Deltagare","value":"53"');
    });

    it('a typo gives suggestions', async () => {
      const r = await ask(coordinator, 'vilka deltog i Fritidshemseminariet ute');
      expect(r.text).toContain('Menade du någon av dessa?');
      expect(r.text).toContain('Fritidshemsseminarium');
    });

    it('pages through a long table with the card’s buttons', async () => {
      const r = await ask(coordinator, 'årsrapport 2020-2022');
      const showAll = actions(r.card).find((a) => a.verb === 'report.page' && a.data?.figure === 'perActivityOrganization');
      const page = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'report.page', { ...(showAll?.data ?? {}), page: 1 })));
      expect(allText(page)).toMatch(/Rad 21–40 av \d+/);
    });

    it.each([
      ['vilka deltog i', 'Vilken aktivitet menar du?'],
      ['statistik RUN-riksdag 2099-2000', 'Perioden förstod jag inte'],
      ['vilka deltog i RUN-konferens tillfälle 9', 'inget sådant tillfälle'],
      ['exportera', 'Vad vill du exportera?'],
      ['exportera hur mår du', 'Den frågan förstod jag inte'],
    ])('malformed: %p → %p, nothing changed', async (text, expected) => {
      expect((await ask(coordinator, text)).text).toContain(expected);
    });

    it.each([
      [{ q: '' }],
      [{ q: 'vilka deltog i RUN-konferens', page: 'x' }],
      [{ q: 'vilka deltog i RUN-konferens', activityId: '../../x' }],
      [{ q: 'vilka deltog i RUN-konferens', figure: 'people<script>' }],
    ])('a card button with bad data %p: refused, in the user’s language', async (data) => {
      expect(invokeMessage(await h.send(invoke(h.connector.url, coordinator, 'report.page', data)))).toContain('Den här knappen kunde jag inte tolka');
    });
  });

  describe('exports', () => {
    async function exportLinks(u: User, question: string): Promise<{ xlsx: string; csv: string }> {
      const r = await ask(u, `exportera ${question}`);
      const urls = actions(r.card)
        .filter((a) => a.type === 'Action.OpenUrl')
        .map((a) => String((a as unknown as { url: string }).url));
      const xlsx = urls.find((u) => u.includes('export.xlsx'));
      const csv = urls.find((u) => u.includes('export.csv'));
      if (!xlsx || !csv) throw new Error(`no export links: ${r.text}`);
      return { xlsx, csv };
    }

    it('a question with several answers asks which first; the choice gives the links', async () => {
      const r = await ask(coordinator, 'exportera vilka deltog i Att leda en likvärdig skola');
      const pick = actions(r.card).find((a) => a.verb === 'report.pick' && a.data?.activityId === 'demo-leda-likvardig-vt21');
      expect(pick?.data).toMatchObject({ export: 1 });
      const card = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'report.pick', pick?.data ?? {})));
      const urls = actions(card)
        .filter((a) => a.type === 'Action.OpenUrl')
        .map((a) => String((a as unknown as { url: string }).url));
      expect(urls.map((u) => new URL(u).pathname)).toEqual(['/reports/export.xlsx', '/reports/export.csv']);
      expect(urls.every((u) => u.startsWith(h.app.url))).toBe(true);
      const csv = await (await fetch(urls[1] ?? '')).text();
      // Two numbers in two cells, so Excel can compute with them.
      expect(csv).toContain('Första → sista tillfället;26;12');
    });

    it('downloads the files for a question with one answer', async () => {
      const links = await exportLinks(coordinator, 'årsrapport 2020-2022');
      const x = await fetch(links.xlsx);
      expect(x.status).toBe(200);
      expect(x.headers.get('content-disposition')).toContain('traffpunkt-arsrapport-2020-2022.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await x.arrayBuffer());
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        'Sammanfattning',
        'Per kommun och organisation',
        'Per aktivitet och kommun',
        'Team',
        'Per huvudman och år',
        'Omgångar',
        'Seminarietillfällen',
        'Nätverksträffar',
      ]);
      // Whole names within Excel's 31 characters, never cut.
      for (const w of wb.worksheets) expect(w.name.length).toBeLessThanOrEqual(31);
      const c = await fetch(links.csv);
      expect(c.headers.get('content-type')).toContain('text/csv');
      const bytes = Buffer.from(await c.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text).toContain('Aktivitet;Datum;Anmälda;Närvarande\r\n');
      expect(text).toMatch(/RUN-konferens \(Demokrati\);2022-11-02;60;40\r\n/);
    });

    it('refuses tampered, someone else’s and expired links, explained', async () => {
      const links = await exportLinks(manager, 'vilka deltog i RUN-konferens');
      const token = new URL(links.csv).searchParams.get('t') ?? '';
      const [payload, sig] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = (change: (c: Record<string, unknown>) => void) => {
        const c = { ...claims };
        change(c);
        return `${h.app.url}/reports/export.csv?t=${Buffer.from(JSON.stringify(c)).toString('base64url')}.${sig}`;
      };
      // The manager's own link works, and holds Ånge's people only.
      const own = await fetch(links.csv);
      expect(own.status).toBe(200);
      expect(await own.text()).not.toContain(memberPerson?.name ?? '??');
      // Someone else's: the link made out to the coordinator instead.
      const other = await fetch(forged((c) => (c.u = coordinator.aad)));
      expect(other.status).toBe(403);
      expect(await other.text()).toContain('Länken är ogiltig');
      // Tampered question, tampered signature, no token.
      expect((await fetch(forged((c) => (c.q = 'årsrapport 2022')))).status).toBe(403);
      expect((await fetch(links.csv.slice(0, -2))).status).toBe(403);
      expect((await fetch(`${h.app.url}/reports/export.csv`)).status).toBe(400);
      expect((await fetch(`${h.app.url}/reports/export.pdf?t=${token}`)).status).toBe(400);
      // Expired after 15 minutes.
      clock.set('2023-01-15T10:15:01Z');
      try {
        const late = await fetch(links.xlsx);
        expect(late.status).toBe(410);
        expect(await late.text()).toContain('Länken har gått ut');
      } finally {
        clock.set('2023-01-15T10:00:00Z');
      }
    });

    it('a link does not outlive its user’s rights: after the manager role is taken away, it shows their own rows only', async () => {
      const links = await exportLinks(manager, 'vilka deltog i RUN-konferens');
      // Made while they are still a manager, opened after.
      const unopened = await exportLinks(manager, 'vilka deltog i RUN-konferens');
      const before = await (await fetch(links.csv)).text();
      expect(before).toContain(angePresent[0]?.person.name ?? '??');
      const r = await ask(coordinator, `ta bort chef ${manager.name}`, { entities: [mention(manager)] });
      expect(r.text).toContain('är inte längre chef');
      // Each link opens once; one made earlier and opened now shows their own rows only.
      expect((await fetch(links.csv)).status).toBe(410);
      const after = await (await fetch(unopened.csv)).text();
      expect(after).not.toContain(angePresent[0]?.person.name ?? '??');
      expect(after).toContain('Du ser bara dina egna uppgifter.');
    });
  });
});
