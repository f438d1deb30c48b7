// The team and network card templates expanded through their builders, ordinary and large, for
// this folder's tests and for test/platform/cards/templates.test.ts (spread into its CASES).
// `teamCardCases(EVIL_TITLE)` puts hostile text wherever users' text goes.
import type { Attachment } from 'botbuilder';
import type { TemplateName } from '../../../src/platform/cards/render';
import type { Activity } from '../../../src/kernel/activity';
import type { Person } from '../../../src/kernel/people';
import type { Seats } from '../../../src/kernel/seats';
import { translator, type Lang } from '../../../src/features/i18n';
import { networkFormAttachment } from '../../../src/features/networks/cards';
import { networkList, networkMembers } from '../../../src/features/networks/cardData';
import type { Network, NetworkMember } from '../../../src/features/networks/schemas';
import type { StaffTeamPorts } from '../../../src/features/staff-teams/ports';
import type { NetworkPorts } from '../../../src/features/networks/ports';
import { behalfForm, teamForm, teamList, teamSettings } from '../../../src/features/staff-teams/cardData';
import type { Registrar } from '../../../src/features/staff-teams/managers';
import type { TeamDoc } from '../../../src/features/staff-teams/schemas';
import { activityFixture, entry, longText, NOW, ORGANIZATIONS, PEOPLE, seriesFixture, weeklySessions, type Json } from '../../unit/fixtures';

export const content = (a: Attachment): Json => a.content as Json;

export const COORDINATOR: Registrar = { aadObjectId: 'aad-coordinator', coordinator: true, managerOf: null };
export const MANAGER: Registrar = { aadObjectId: 'aad-manager', coordinator: false, managerOf: 'ange' };

const personId = (i: number) => `0b0b0b0b-0000-4000-8000-${String(i).padStart(12, '0')}`;

export function people(n: number, name: (i: number) => string = (i) => `${PEOPLE[i % PEOPLE.length]} ${i}`): Person[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `person-${personId(i)}`,
    pk: `person-${personId(i)}`,
    type: 'person' as const,
    aadObjectId: personId(i),
    name: name(i),
    organizationId: ORGANIZATIONS[i % ORGANIZATIONS.length]?.id,
    jobRole: 'teacher' as const,
    roles: [],
    updatedAt: NOW.toISOString(),
  }));
}

export function teamActivity(over: Partial<Activity> = {}): Activity {
  return seriesFixture({ team: { minSize: 5, maxSize: 12 }, capacity: 4, ...over });
}

export function teamDoc(activity: Activity, i: number, over: Partial<TeamDoc> = {}): TeamDoc {
  const teamId = `${String(i).padStart(2, '0')}aabbccddeeff00`.slice(0, 16);
  return {
    id: `team-${teamId}`,
    activityId: activity.id,
    type: 'team',
    teamId,
    scope: 'series',
    name: `Arbetslag ${i} – Ånge`,
    organizationId: 'ange',
    unit: 'Björkbackens skola',
    principalId: personId(100 + i),
    registeredBy: MANAGER.aadObjectId,
    status: 'active',
    history: [{ at: '2026-11-10T10:00:00.000Z', by: MANAGER.aadObjectId, action: 'created', userIds: [] }],
    createdAt: '2026-11-10T10:00:00.000Z',
    updatedAt: '2026-11-10T10:00:00.000Z',
    ...over,
  };
}

/** Seat list of a team activity where each team holds its members' entries. */
export function teamSeats(activity: Activity, teams: { teamId: string; size: number; waiting?: boolean }[]): Seats {
  let n = 0;
  const entries = teams.flatMap((t) => Array.from({ length: t.size }, () => entry(personId(n++), t.waiting ? 'waitlisted' : 'registered', { teamId: t.teamId })));
  return { id: 'seats-series', activityId: activity.id, type: 'seats', scope: 'series', capacity: activity.capacity, entries, cancelled: [], userIds: entries.map((e) => e.userId) };
}

export function network(over: Partial<Network> = {}): Network {
  return {
    id: 'network-ikt2021',
    pk: 'network-ikt2021',
    type: 'network',
    networkId: 'ikt2021',
    name: 'Regionalt IKT-nätverk',
    description: 'Representanter för tolv kommuner och Mittuniversitetet.',
    createdBy: COORDINATOR.aadObjectId,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...over,
  };
}

export function rosterOf(n: Network, members: Person[]): NetworkMember[] {
  return members.map((p, i) => ({
    id: `netmember-${n.networkId}-${p.aadObjectId}`,
    pk: n.pk,
    type: 'networkMember' as const,
    networkId: n.networkId,
    userId: p.aadObjectId,
    ...(p.organizationId ? { organizationId: p.organizationId } : {}),
    ...(i % 7 === 3 ? { remindersOff: true } : {}),
    source: 'imported' as const,
    addedBy: COORDINATOR.aadObjectId,
    addedAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  }));
}

/** Just what the team and network card builders read, from memory. */
export function groupStub(input: { persons?: Person[]; seats?: Seats[]; networks?: Network[]; members?: NetworkMember[] } = {}): StaffTeamPorts & NetworkPorts {
  const persons = new Map((input.persons ?? []).map((p) => [p.aadObjectId, p]));
  return {
    now: () => NOW,
    directory: {
      organizations: async () => ORGANIZATIONS.map((o) => ({ ...o, kind: 'municipality' as const })),
      people: async (ids: readonly string[]) => new Map(ids.flatMap((id) => (persons.get(id) ? [[id, persons.get(id) as Person] as const] : []))),
    },
    activities: {
      getSeats: async (_a: string, id: string) => {
        const doc = (input.seats ?? []).find((s) => s.id === id);
        return doc ? { doc, etag: '"1"' } : null;
      },
      seatsOf: async () => new Map((input.seats ?? []).map((s) => [s.scope, s])),
    },
    groups: {
      networks: {
        list: async () => input.networks ?? [],
        members: async (networkId: string) => (input.members ?? []).filter((m) => m.networkId === networkId),
        membershipsOf: async (userId: string) => (input.members ?? []).filter((m) => m.userId === userId),
      },
    },
  } as unknown as StaffTeamPorts & NetworkPorts;
}

export interface TeamCardCase {
  template: TemplateName;
  name: string;
  big?: boolean;
  card: (lang: Lang) => Promise<Json> | Json;
}

/** Every team and network template, with `text` wherever a user's text goes (titles, names, units). */
export function teamCardCases(text?: string): TeamCardCase[] {
  const title = text ?? 'Framgångsrikt kollegialt lärande';
  const named = (i: number) => text ?? `${PEOPLE[i % PEOPLE.length]} ${i}`;
  const activity = teamActivity({ title });
  const big = teamActivity({ title: text ?? longText(200, 'Framgångsrikt kollegialt lärande i Härnösand och Ånge. '), capacity: 30 });
  const individual = activityFixture({ title, sessions: weeklySessions(3) });
  const crowd = people(160, named);
  const teams = [
    teamDoc(activity, 1, { name: text ?? 'Arbetslag Björken', unit: text ?? 'Björkbackens skola', kickoff: { answer: 'yes', at: NOW.toISOString(), sessionId: 's1' } }),
    teamDoc(activity, 2),
  ];
  const teamsSeats = teamSeats(activity, [
    { teamId: teams[0]?.teamId ?? '', size: 6 },
    { teamId: teams[1]?.teamId ?? '', size: 5, waiting: true },
  ]);
  const bigTeams = Array.from({ length: 30 }, (_, i) =>
    teamDoc(big, i, {
      name: text ?? longText(100, `Arbetslag ${i} på Sollefteå gymnasium `),
      unit: text ?? longText(200, 'Hälsingland och Västernorrland '),
      history: Array.from({ length: 8 }, (_, k) => ({
        at: NOW.toISOString(),
        by: personId(k),
        action: k % 2 ? ('added' as const) : ('removed' as const),
        userIds: [personId(k + 1), personId(k + 2)],
      })),
    }),
  );
  const bigSeats = teamSeats(
    big,
    bigTeams.map((t) => ({ teamId: t.teamId, size: 12 })),
  );
  const net = network({ ...(text ? { name: text, description: text } : {}) });
  const roster = rosterOf(net, crowd);
  const t = (lang: Lang) => translator(lang);
  return [
    { template: 'team-form', name: 'new team, from the invitation', card: async (lang) => content(await teamForm(groupStub(), { lang, activity, registrar: MANAGER })) },
    {
      template: 'team-form',
      name: 'change of a team, sent back with an error, 12 members and 30 typed lines',
      big: true,
      card: async (lang) =>
        content(
          await teamForm(groupStub({ persons: crowd }), {
            lang,
            activity: big,
            registrar: COORDINATOR,
            team: bigTeams[0] as TeamDoc,
            values: {
              members: crowd
                .slice(0, 12)
                .map((p) => p.aadObjectId)
                .join(','),
              membersTyped: Array.from({ length: 30 }, (_, i) => `${named(i)} <person${i}@ange.se>`).join('\n'),
              principal: crowd[20]?.aadObjectId ?? '',
              organizationId: 'ange',
              unit: text ?? longText(200),
              name: text ?? longText(100),
            },
            error: t(lang)('team_errEmail', { line: 3 }),
          }),
        ),
    },
    { template: 'team-behalf', name: 'register colleagues', card: async (lang) => content(await behalfForm(groupStub(), { lang, activity: individual, registrar: MANAGER })) },
    {
      template: 'team-behalf',
      name: 'sent back with an error, 30 picked and 30 typed',
      big: true,
      card: async (lang) =>
        content(
          await behalfForm(groupStub({ persons: crowd }), {
            lang,
            activity: activityFixture({ title: big.title, sessions: weeklySessions(12) }),
            registrar: COORDINATOR,
            values: {
              members: crowd
                .slice(0, 30)
                .map((p) => p.aadObjectId)
                .join(','),
              membersTyped: Array.from({ length: 30 }, (_, i) => `${named(i)} <p${i}@solleftea.se>`).join('\n'),
            },
            error: t(lang)('team_errOtherOrganization', { n: 2 }),
          }),
        ),
    },
    { template: 'team-settings', name: 'an individual activity', card: async (lang) => content(await teamSettings(groupStub({ networks: [net] }), { lang, activity: individual })) },
    {
      template: 'team-settings',
      name: 'a network meeting in a linked network, 40 networks, saved',
      big: true,
      card: async (lang) =>
        content(
          await teamSettings(
            groupStub({
              networks: [
                network({ channel: { conversationId: '19:ikt@thread.tacv2', serviceUrl: 'https://smba.trafficmanager.net/emea/' } }),
                ...Array.from({ length: 39 }, (_, i) => network({ networkId: `net${String(i).padStart(6, '0')}`, name: text ?? longText(100, `Nätverk för språk-, läs- och skrivutveckling ${i} `) })),
              ],
            }),
            {
              lang,
              activity: { ...big, kind: 'networkMeeting', networkId: 'ikt2021', team: { minSize: 5, maxSize: 12, maxPeople: 120 } },
              notice: { text: t(lang)('team_settingsSaved'), style: 'good' },
            },
          ),
        ),
    },
    {
      template: 'team-list',
      name: 'two teams, one waiting, the principal coming to the kick-off',
      card: async (lang) => content(await teamList(groupStub({ persons: crowd, seats: [teamsSeats] }), { lang, activity, teams, viewer: MANAGER })),
    },
    { template: 'team-list', name: 'no teams yet', card: async (lang) => content(await teamList(groupStub(), { lang, activity, teams: [], viewer: COORDINATOR })) },
    {
      template: 'team-list',
      name: 'a team asked to confirm its cancelling',
      card: async (lang) =>
        content(await teamList(groupStub({ persons: crowd, seats: [teamsSeats] }), { lang, activity, teams: teams.slice(0, 1), viewer: MANAGER, confirmCancel: teams[0]?.teamId ?? '' })),
    },
    {
      template: 'team-list',
      name: '30 teams of 12 with long names and 8 changes each',
      big: true,
      card: async (lang) =>
        content(
          await teamList(groupStub({ persons: crowd, seats: [bigSeats] }), {
            lang,
            activity: big,
            teams: bigTeams,
            viewer: COORDINATOR,
            notice: { text: t(lang)('team_saved', { n: 12 }), style: 'good' },
          }),
        ),
    },
    { template: 'network-form', name: 'new network in a channel', card: (lang) => content(networkFormAttachment({ lang, inChannel: true })) },
    {
      template: 'network-form',
      name: 'sent back with an error and long texts',
      big: true,
      card: (lang) => content(networkFormAttachment({ lang, inChannel: false, values: { name: text ?? longText(100), description: text ?? longText(500) }, error: t(lang)('net_errExists') })),
    },
    {
      template: 'network-list',
      name: 'a network the viewer is on',
      card: async (lang) =>
        content(await networkList(groupStub({ networks: [net], members: roster }), { lang, viewer: { aadObjectId: crowd[1]?.aadObjectId ?? '', coordinator: false, managerOf: null } })),
    },
    { template: 'network-list', name: 'no networks', card: async (lang) => content(await networkList(groupStub(), { lang, viewer: COORDINATOR })) },
    {
      template: 'network-list',
      name: '40 networks with long names and descriptions',
      big: true,
      card: async (lang) =>
        content(
          await networkList(
            groupStub({
              networks: Array.from({ length: 40 }, (_, i) =>
                network({ networkId: `net${String(i).padStart(6, '0')}`, name: text ?? longText(100, `Utvecklingsnätverk ${i} `), description: text ?? longText(500) }),
              ),
              members: roster,
            }),
            { lang, viewer: COORDINATOR, notice: t(lang)('net_rejoined') },
          ),
        ),
    },
    {
      template: 'network-members',
      name: 'a manager sees their organisation',
      card: async (lang) => content(await networkMembers(groupStub({ persons: crowd.slice(0, 20), members: roster.slice(0, 20) }), { lang, network: net, viewer: MANAGER, canImport: false })),
    },
    {
      template: 'network-members',
      name: 'a coordinator, 160 members, second page, in a channel, after an import',
      big: true,
      card: async (lang) =>
        content(
          await networkMembers(groupStub({ persons: crowd, members: roster }), {
            lang,
            network: net,
            viewer: COORDINATOR,
            canImport: true,
            offset: 40,
            notice: { text: t(lang)('net_importPartial', { n: 400, added: 160 }), style: 'warning' },
          }),
        ),
    },
  ];
}

export const TEAM_CARD_CASES = teamCardCases();
