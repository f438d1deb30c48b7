// Networks over HTTP: creating and linking one, importing a Teams team's members through the
// paged member API (throttled once), rosters for coordinators and managers, and network
// meetings whose invitation and reminders reach the roster without registration.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { action, allText, invokeCard, invokeMessage, sentCard, type Json } from '../support/cards';
import type { FakeMember } from '../support/fakeConnector';
import { createDraft, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { channel, invoke, message, user, type User } from '../support/teams';

const coordinator = user(500);
const manager = user(501);
const stranger = user(502);
const TEAM_ID = '19:team@thread.tacv2';
const GENERAL = channel();
// Meeting 2026-12-08 09:00–11:00 Stockholm (08:00–10:00Z).
const clock = fixedClock('2026-11-20T10:00:00Z');
const seminarForm = seminarFormAt(clock.now());

const teamsMember = (i: number): FakeMember => {
  const aad = `0c0c0c0c-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return { id: `29:${aad}`, name: `Nätverksmedlem ${i}`, aadObjectId: aad, email: `medlem${i}@kommun.se` };
};

function lastCardTo(h: Harness, conversationId: string): Json {
  const body = h.connector.posts(conversationId).slice(-1)[0]?.body ?? {};
  const card = sentCard(body);
  if (!card) throw new Error(`no card: ${JSON.stringify(body).slice(0, 200)}`);
  return card;
}

function textsTo(h: Harness, u: User, since = 0): { card: Json | undefined; text: string }[] {
  return h.connector
    .posts(`a:personal-${u.aad}`)
    .slice(since)
    .map((c) => {
      const card = sentCard(c.body);
      return { card, text: card ? allText(card) : String(c.body.text ?? '') };
    });
}

describe('networks with rosters', () => {
  let h: Harness;
  let networkId: string;
  const say = (u: User, text: string, conv = GENERAL) => h.send(message(h.connector.url, u, text, conv));
  const lastReply = (conv = GENERAL) => {
    const body = h.connector.posts(conv.id).slice(-1)[0]?.body ?? {};
    const card = sentCard(body);
    return card ? allText(card) : String(body.text ?? '');
  };

  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad], clock });
    for (const u of [coordinator, manager, stranger]) await say(u, 'hej', { id: `a:personal-${u.aad}`, type: 'personal' });
    await h.app.groups.roles.setManager(manager.aad, 'ange', coordinator.aad, clock.now());
    h.connector.members.set(
      TEAM_ID,
      Array.from({ length: 250 }, (_, i) => teamsMember(i)),
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('a coordinator creates a network in a channel and links it there; a second one with the same name is refused', async () => {
    await say(coordinator, 'nytt nätverk');
    const form = lastCardTo(h, GENERAL.id);
    expect(action(form, 'network.save')).toBeDefined();
    expect(JSON.stringify(form)).toContain('"id":"linkHere"');
    const saved = invokeMessage(
      await h.send(invoke(h.connector.url, coordinator, 'network.save', { name: 'Regionalt IKT-nätverk', description: 'Tolv kommuner och Mittuniversitetet', linkHere: 'true' }, GENERAL)),
    );
    expect(saved).toContain('kopplat till den här kanalen');
    const [network] = await h.app.groups.networks.list();
    expect(network?.channel).toMatchObject({ conversationId: GENERAL.id, teamId: TEAM_ID });
    networkId = network?.networkId ?? '';

    const again = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'network.save', { name: 'regionalt ikt-nätverk', description: '', linkHere: 'false' }, GENERAL)));
    expect(allText(again)).toContain('Det finns redan ett nätverk med det namnet');
    expect(await h.app.groups.networks.list()).toHaveLength(1);

    const refused = await h.send(invoke(h.connector.url, stranger, 'network.save', { name: 'Mitt nätverk' }, GENERAL));
    expect(invokeMessage(refused)).toContain('Det här får bara samordnare göra');
  });

  it('imports the team’s 250 members page by page, waits out a 429, and adds nobody twice when run again', async () => {
    let throttled = 0;
    h.connector.failures.push({ match: (c) => c.path.includes('/pagedmembers') && throttled++ === 0, status: 429 });
    const times: { path: string; at: number }[] = [];
    h.connector.onCall = (c) => times.push({ path: c.path, at: Date.now() });

    await say(coordinator, 'importera medlemmar IKT-nätverk');
    expect(lastReply()).toContain('Importen har börjat.');
    await h.app.groups.imports.idle();
    expect(lastReply()).toContain('Importen är klar: 250 medlemmar i Teams, 250 nya i nätverket.');
    const pages = times.filter((t) => t.path.includes('/pagedmembers'));
    expect(pages.map((p) => new URL(p.path, 'http://x').searchParams.get('continuationToken'))).toEqual([null, null, '200']);
    expect(pages.every((p) => p.path.startsWith(`/v3/conversations/${encodeURIComponent(TEAM_ID)}/pagedmembers?`))).toBe(true);
    // Backed off after the 429 (no Retry-After: 0.5–1 s), and paused between pages.
    expect((pages[1]?.at ?? 0) - (pages[0]?.at ?? 0)).toBeGreaterThanOrEqual(450);
    expect((pages[2]?.at ?? 0) - (pages[1]?.at ?? 0)).toBeGreaterThanOrEqual(200);
    h.connector.onCall = undefined;
    h.connector.failures = [];

    const roster = await h.app.groups.networks.members(networkId);
    expect(roster).toHaveLength(250);
    const member = await h.app.directory.person(teamsMember(7).aadObjectId);
    expect(member?.doc).toMatchObject({ mri: teamsMember(7).id, name: 'Nätverksmedlem 7', email: 'medlem7@kommun.se' });

    await say(coordinator, 'importera medlemmar IKT-nätverk');
    await h.app.groups.imports.idle();
    expect(lastReply()).toContain('250 medlemmar i Teams, 0 nya i nätverket.');
    expect(await h.app.groups.networks.members(networkId)).toHaveLength(250);
  });

  it('answers the import button at once, stops an import Teams keeps throttling, keeps what it has, and says to run it again', async () => {
    const options = h.app.groups.memberImport;
    const backoff = options.backoffMs;
    options.backoffMs = 50;
    const blocked = { match: (c: { path: string }) => c.path.includes('/pagedmembers'), status: 429 };
    h.connector.failures.push(blocked);
    let pages = 0;
    h.connector.onCall = (c) => {
      if (c.path.includes('/pagedmembers')) pages++;
    };
    const answer = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'network.import', { networkId }, GENERAL)));
    expect(allText(answer)).toContain('Importen har börjat.');
    // A second click while it runs starts nothing new.
    expect(allText(invokeCard(await h.send(invoke(h.connector.url, coordinator, 'network.import', { networkId }, GENERAL))))).toContain('pågår redan');
    await h.app.groups.imports.idle();
    h.connector.failures = [];
    h.connector.onCall = undefined;
    options.backoffMs = backoff;
    expect(lastReply()).toContain('Teams bad mig vänta');
    expect(pages).toBe(options.maxRetries + 1);
    expect(await h.app.groups.networks.members(networkId)).toHaveLength(250);
  });

  it('lists networks, and shows the roster to coordinators (all, 40 a page) and managers (their organisation only)', async () => {
    await say(stranger, 'nätverk', { id: `a:personal-${stranger.aad}`, type: 'personal' });
    const list = lastCardTo(h, `a:personal-${stranger.aad}`);
    expect(allText(list)).toContain('Regionalt IKT-nätverk');
    expect(allText(list)).toContain('250 medlemmar · kopplat till en kanal');
    expect(action(list, 'network.members.show')).toBeUndefined();

    // Two of the members get an organisation and a role from the coordinator.
    const added = invokeCard(
      await h.send(
        invoke(h.connector.url, coordinator, 'network.members.add', {
          networkId,
          members: [teamsMember(1), teamsMember(2)].map((m) => m.aadObjectId).join(','),
          membersTyped: '',
          organizationId: 'ange',
          jobRole: 'developer',
        }),
      ),
    );
    expect(allText(added)).toContain('2 tillagda i nätverket.');
    expect(allText(added)).toContain('Visar 1–40 av 250.');

    const mine = invokeCard(await h.send(invoke(h.connector.url, manager, 'network.members.show', { networkId })));
    expect(allText(mine)).toContain('Du ser medlemmarna från din organisation.');
    expect(allText(mine)).toContain('Nätverksmedlem 1');
    expect(allText(mine)).toContain('Ånge kommun · Utvecklare / samordnare');
    expect(allText(mine)).not.toContain('Nätverksmedlem 3');
    expect(action(mine, 'network.members.remove')).toBeUndefined();

    expect(invokeMessage(await h.send(invoke(h.connector.url, stranger, 'network.members.show', { networkId })))).toContain('Bara samordnare');
    const page2 = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'network.members.show', { networkId, offset: '40' })));
    expect(allText(page2)).toContain('Visar 41–80 av 250.');

    // Every roster read by someone else is in the access log; the refused one is not.
    const log = h.app.privacy?.accessLog;
    await log?.idle();
    const reads = ((await log?.latest(100)) ?? []).filter((e) => e.purpose === 'roster' && e.networkId?.endsWith(networkId));
    expect(reads.filter((e) => e.viewerId === coordinator.aad).length).toBeGreaterThanOrEqual(2);
    expect(reads.filter((e) => e.viewerId === manager.aad).map((e) => e.scope)).toEqual(['organization']);
    expect(reads.some((e) => e.viewerId === stranger.aad)).toBe(false);
  });

  it('adds people typed by e-mail, refuses a bad e-mail without writing, and removes a member', async () => {
    const bad = invokeCard(
      await h.send(invoke(h.connector.url, coordinator, 'network.members.add', { networkId, members: '', membersTyped: 'Eva <eva@ange.se>\nnot an e-mail', organizationId: '', jobRole: '' })),
    );
    expect(allText(bad)).toContain('Rad 2 i listan');
    expect(await h.app.groups.networks.members(networkId)).toHaveLength(250);

    invokeCard(
      await h.send(invoke(h.connector.url, coordinator, 'network.members.add', { networkId, members: '', membersTyped: 'Eva Ek <eva.ek@ange.se>', organizationId: 'ange', jobRole: 'teacher' })),
    );
    expect(await h.app.groups.networks.members(networkId)).toHaveLength(251);
    const removed = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'network.members.remove', { networkId, userId: teamsMember(249).aadObjectId })));
    expect(allText(removed)).toContain('Personen är borttagen ur nätverket.');
    expect(await h.app.groups.networks.members(networkId)).toHaveLength(250);
  });

  describe('a network meeting', () => {
    const [anna, bo, cilla, dan] = [510, 511, 512, 513].map((n) => user(n)) as [User, User, User, User];
    let lasId: string;
    let activityId: string;

    beforeAll(async () => {
      for (const u of [anna, bo, cilla, dan]) await say(u, 'hej', { id: `a:personal-${u.aad}`, type: 'personal' });
      invokeMessage(await h.send(invoke(h.connector.url, coordinator, 'network.save', { name: 'Läsnätverket', description: '', linkHere: 'true' }, channel('19:las@thread.tacv2'))));
      lasId = (await h.app.groups.networks.list()).find((n) => n.name === 'Läsnätverket')?.networkId ?? '';
      invokeCard(
        await h.send(
          invoke(h.connector.url, coordinator, 'network.members.add', {
            networkId: lasId,
            members: [anna, bo, cilla, dan].map((u) => u.aad).join(','),
            membersTyped: '',
            organizationId: 'solleftea',
            jobRole: 'developer',
          }),
        ),
      );
      activityId = await createDraft(h, coordinator, seminarForm({ title: 'Läsnätverkets träff 3', kind: 'networkMeeting', capacity: 30, minParticipants: 1 }));
    });

    it('is attached to the network, posted in its channel, and sent 1:1 to every roster member', async () => {
      const settings = invokeCard(await h.send(invoke(h.connector.url, coordinator, 'team.settings.save', { activityId, mode: 'individual', networkId: lasId })));
      expect(action(settings, 'network.meeting.post')).toBeDefined();
      const before = [anna, bo, cilla, dan].map((u) => textsTo(h, u).length);
      expect(invokeMessage(await h.send(invoke(h.connector.url, coordinator, 'network.meeting.post', { activityId })))).toContain('postad i nätverkets kanal');
      const posted = lastCardTo(h, '19:las@thread.tacv2');
      expect(allText(posted)).toContain('Läsnätverkets träff 3');
      await h.app.scheduler.planNow();
      await h.settle();
      for (const [i, u] of [anna, bo, cilla, dan].entries()) {
        const got = textsTo(h, u, before[i]).filter((m) => m.text.includes('Inbjudan till nätverksträff'));
        expect(got).toHaveLength(1);
        expect(got[0]?.text).toContain('Du behöver inte anmäla dig');
        expect(action(got[0]?.card, 'network.decline', (d) => d.activityId === activityId)).toBeDefined();
      }
      // Planning again sends nothing new.
      await h.app.scheduler.planNow();
      await h.settle();
      expect(textsTo(h, anna, before[0]).filter((m) => m.text.includes('Inbjudan till nätverksträff'))).toHaveLength(1);
    });

    it('reminds the roster without registration, except those who cannot come or left the reminders', async () => {
      expect(invokeMessage(await h.send(invoke(h.connector.url, bo, 'network.decline', { activityId, sessionId: 's1', confirm: '' })))).toContain('du inte kan komma');
      await say(cilla, 'lämna nätverk Läsnätverket', { id: `a:personal-${cilla.aad}`, type: 'personal' });
      expect(lastReply({ id: `a:personal-${cilla.aad}`, type: 'personal' })).toContain('Du får inga fler påminnelser');
      expect(invokeMessage(await h.send(invoke(h.connector.url, stranger, 'network.decline', { activityId, sessionId: 's1', confirm: '' })))).toContain('inte på nätverkets lista');

      const before = [anna, bo, cilla, dan].map((u) => textsTo(h, u).length);
      clock.set('2026-12-07T08:00:00Z');
      await h.app.scheduler.planNow();
      await h.settle();
      const reminded = [anna, bo, cilla, dan].map((u, i) => textsTo(h, u, before[i]).filter((m) => m.text.includes('Påminnelse: i morgon')));
      expect(reminded.map((r) => r.length)).toEqual([1, 0, 0, 1]);
      expect(action(reminded[0]?.[0]?.card, 'network.decline')).toBeDefined();
      expect(JSON.stringify(reminded[0]?.[0]?.card)).toContain('https://teams.microsoft.com/l/meetup-join/');
      // Dan says he cannot come after all: the 1-hour reminder skips him.
      invokeMessage(await h.send(invoke(h.connector.url, dan, 'network.decline', { activityId, sessionId: 's1', confirm: '' })));
      const later = [anna, dan].map((u) => textsTo(h, u).length);
      clock.set('2026-12-08T07:00:00Z');
      await h.app.scheduler.planNow();
      await h.settle();
      expect([anna, dan].map((u, i) => textsTo(h, u, later[i]).filter((m) => m.text.includes('Påminnelse: snart dags')).length)).toEqual([1, 0]);
      clock.set('2026-11-20T10:00:00Z');
    });

    it('lets a member leave the reminders from the invitation, and rejoin from the network list', async () => {
      expect(invokeMessage(await h.send(invoke(h.connector.url, dan, 'network.leave', { activityId, sessionId: '', confirm: '' })))).toContain('Du får inga fler påminnelser');
      expect((await h.app.groups.networks.member(lasId, dan.aad))?.remindersOff).toBe(true);
      await say(dan, 'nätverk', { id: `a:personal-${dan.aad}`, type: 'personal' });
      expect(action(lastCardTo(h, `a:personal-${dan.aad}`), 'network.rejoin', (d) => d.networkId === lasId)).toBeDefined();
      const rejoined = invokeCard(await h.send(invoke(h.connector.url, cilla, 'network.rejoin', { networkId: lasId })));
      expect(allText(rejoined)).toContain('Du får påminnelser och inbjudningar från nätverket igen.');
      expect((await h.app.groups.networks.member(lasId, cilla.aad))?.remindersOff).toBe(false);
    });
  });
});
