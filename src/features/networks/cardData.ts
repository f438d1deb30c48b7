import type { Card } from '../../platform/cards/render';
import type { Lang } from '../i18n';
import type { Registrar } from '../staff-teams';
import { networkListAttachment, networkMembersAttachment, type NetworkMembersInput } from './cards';
import type { NetworkPorts } from './ports';

// The network cards' reads: loaded here, then the card (./cards.ts) is built from them.

export async function networkList(ports: Pick<NetworkPorts, 'groups'>, input: { lang: Lang; viewer: Registrar; notice?: string }): Promise<Card> {
  const networks = ports.groups.networks;
  // A region has a handful of networks; the card stays small with at most 25 and short descriptions.
  const shown = (await networks.list()).slice(0, 25);
  const [counts, mine] = await Promise.all([
    Promise.all(shown.map(async (n) => [n.networkId, (await networks.members(n.networkId)).length] as const)),
    networks.membershipsOf(input.viewer.aadObjectId),
  ]);
  return networkListAttachment(input, { networks: shown, memberCounts: new Map(counts), mine });
}

export async function networkMembers(ports: Pick<NetworkPorts, 'groups' | 'directory'>, input: NetworkMembersInput): Promise<Card> {
  const members = await ports.groups.networks.members(input.network.networkId);
  const [people, organizations] = await Promise.all([ports.directory.people(members.map((m) => m.userId)), ports.directory.organizations()]);
  return networkMembersAttachment(input, { members, people, organizations });
}
