import { Refusal, refusalOf } from '../refusal';
import type { EventTurn } from '../../platform/teams/turn';
import { fold, matchByName } from '../../kernel/text';
import type { Actor } from '../../kernel/actor';
import type { NetworkPorts } from './ports';
import { peopleFromForm, persistPeople } from '../staff-teams';
import { AddMembersSchema, NetworkFormSchema, type ChannelRef, type Network } from './schemas';
import { networkPk } from './store';

/** The channel (or group chat) of this turn, as a place to post a network's invitations. */
export function channelOf(turn: Pick<EventTurn, 'conversation'>): ChannelRef | null {
  const { id, type, serviceUrl, tenantId, teamId } = turn.conversation;
  if (!id || type === 'personal') return null;
  return {
    conversationId: id,
    serviceUrl,
    ...(tenantId ? { tenantId } : {}),
    ...(teamId ? { teamId } : {}),
  };
}

export async function createNetwork(ports: NetworkPorts, actor: Actor, turn: EventTurn, raw: Record<string, unknown>): Promise<Network> {
  const parsed = NetworkFormSchema.safeParse(raw);
  if (!parsed.success) throw refusalOf(parsed.error);
  const form = parsed.data;
  const networks = ports.groups.networks;
  if ((await networks.list()).some((n) => fold(n.name) === fold(form.name))) throw new Refusal('net_errExists');
  const networkId = ports
    .newId()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 16);
  const channel = form.linkHere === 'true' ? channelOf(turn) : null;
  const at = ports.now().toISOString();
  const network: Network = {
    id: networkPk(networkId),
    pk: networkPk(networkId),
    type: 'network',
    networkId,
    name: form.name,
    description: form.description,
    ...(channel ? { channel } : {}),
    createdBy: actor.aadObjectId,
    createdAt: at,
    updatedAt: at,
  };
  await networks.create(network);
  ports.log.info({ networkId, linked: !!channel }, 'network created');
  return network;
}

/** The network a command names; throws a Refusal for none or several. */
export async function networkByName(ports: NetworkPorts, name: string): Promise<Network> {
  if (!fold(name)) throw new Refusal('net_errNoName');
  const all = await ports.groups.networks.list();
  const matches = matchByName(name, all, (n) => n.name);
  const first = matches[0];
  if (!first) throw new Refusal('net_errNoMatch', { name: name.slice(0, 100) });
  if (matches.length > 1 && fold(first.name) !== fold(name)) throw new Refusal('net_errManyMatches', { name: name.slice(0, 100) });
  return first;
}

export async function networkById(ports: NetworkPorts, networkId: string): Promise<Network> {
  const found = await ports.groups.networks.get(networkId);
  if (!found) throw new Refusal('net_errNoMatch', { name: '' });
  return found.doc;
}

export async function linkChannel(ports: NetworkPorts, turn: EventTurn, network: Network): Promise<void> {
  const channel = channelOf(turn);
  if (!channel) throw new Refusal('net_errNotChannel');
  await ports.groups.networks.update(network.networkId, (n) => ({ ...n, channel, updatedAt: ports.now().toISOString() }));
  ports.log.info({ networkId: network.networkId }, 'network linked to a channel');
}

/** Adds people picked in Teams or typed by e-mail, with the organisation and role given (or what they have). */
export async function addMembers(ports: NetworkPorts, actor: Actor, turn: EventTurn, raw: Record<string, unknown>): Promise<number> {
  const parsed = AddMembersSchema.safeParse(raw);
  if (!parsed.success) throw refusalOf(parsed.error);
  const form = parsed.data;
  const network = await networkById(ports, form.networkId);
  if (form.organizationId && !(await ports.directory.organizations()).some((o) => o.id === form.organizationId)) throw new Refusal('team_errOrganizationMissing');
  const people = await peopleFromForm(ports, turn, { picked: form.members, typed: form.membersTyped });
  if (people.length === 0) throw new Refusal('net_addedNone');
  await persistPeople(ports, people, form.organizationId);
  for (const p of people) {
    await ports.groups.networks.putMember({
      networkId: network.networkId,
      userId: p.userId,
      source: 'added',
      addedBy: actor.aadObjectId,
      now: ports.now(),
      ...(form.organizationId ? { organizationId: form.organizationId } : {}),
      ...(form.jobRole ? { jobRole: form.jobRole } : {}),
    });
  }
  ports.log.info({ networkId: network.networkId, n: people.length }, 'network members added');
  void ports.scheduler.planNow();
  return people.length;
}

export async function removeMember(ports: NetworkPorts, networkId: string, userId: string): Promise<void> {
  await ports.groups.networks.removeMember(networkId, userId);
  ports.log.info({ networkId }, 'network member removed');
}

/** A member leaves (or rejoins) the network's reminders and 1:1 invitations themselves. */
export async function setOwnReminders(ports: NetworkPorts, actor: Actor, networkId: string, off: boolean): Promise<void> {
  if (!(await ports.groups.networks.setRemindersOff(networkId, actor.aadObjectId, off, ports.now()))) throw new Refusal('net_notMember');
  ports.log.info({ networkId, off }, 'network reminders changed by the member');
}
