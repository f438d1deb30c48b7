import type { Card } from '../../platform/cards/render';
import { seatsId } from '../../kernel/seats';
import {
  behalfFormAttachment,
  behalfFormIds,
  teamFormAttachment,
  teamFormIds,
  teamListAttachment,
  teamListIds,
  teamListPage,
  teamSettingsAttachment,
  type BehalfFormInput,
  type TeamFormInput,
  type TeamListInput,
  type TeamSettingsInput,
} from './cards';
import type { StaffTeamPorts } from './ports';

// The team cards' reads: what each card shows besides its input is loaded here, then the card
// (./cards.ts) is built from it without touching a repository.

type Reads = Pick<StaffTeamPorts, 'activities' | 'directory' | 'now'>;

async function namesOf(ports: Reads, ids: readonly string[]): Promise<Map<string, string>> {
  const people = await ports.directory.people([...new Set(ids)]);
  return new Map(ids.map((id) => [id, people.get(id)?.name || people.get(id)?.email || '']));
}

export async function teamForm(ports: Reads, input: TeamFormInput): Promise<Card> {
  const seated = input.team && !input.values ? ((await ports.activities.getSeats(input.activity.id, seatsId(input.team.scope)))?.doc ?? null) : null;
  const { members, principal } = teamFormIds(input, seated);
  const [names, organizations] = await Promise.all([namesOf(ports, [...members.split(','), principal].filter(Boolean)), ports.directory.organizations()]);
  return teamFormAttachment(input, { now: ports.now(), organizations, names, members, principal });
}

export async function behalfForm(ports: Reads, input: BehalfFormInput): Promise<Card> {
  const [names, organizations] = await Promise.all([namesOf(ports, behalfFormIds(input)), ports.directory.organizations()]);
  return behalfFormAttachment(input, { now: ports.now(), organizations, names });
}

export async function teamSettings(ports: Pick<StaffTeamPorts, 'groups'>, input: TeamSettingsInput): Promise<Card> {
  return teamSettingsAttachment(input, await ports.groups.networks.list());
}

export async function teamList(ports: Reads, input: TeamListInput): Promise<Card> {
  const [seatLists, organizations] = await Promise.all([ports.activities.seatsOf(input.activity.id), ports.directory.organizations()]);
  const names = await namesOf(ports, teamListIds(teamListPage(input).shown, seatLists));
  return teamListAttachment(input, { now: ports.now(), organizations, names, seatLists });
}
