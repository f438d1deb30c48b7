import { Refusal, refusalOf } from '../refusal';
import type { TeamsContext } from '../../platform/teams/messenger';
import { fold, matchByName } from '../../kernel/text';
import type { Actor, Services } from '../../services';
import { peopleFromForm } from '../staff-teams/check';
import { persistPeople } from '../staff-teams/people';
import { AddMembersSchema, NetworkFormSchema, type ChannelRef, type Network } from './schemas';
import { networkPk } from './store';

/** The channel (or group chat) of this turn, as a place to post a network's invitations. */
export function channelOf(context: TeamsContext): ChannelRef | null {
  const a = context.activity;
  if (!a.conversation?.id || a.conversation.conversationType === 'personal') return null;
  const data: unknown = a.channelData;
  const teamId = data && typeof data === 'object' && 'team' in data && data.team && typeof data.team === 'object' && 'id' in data.team && typeof data.team.id === 'string' ? data.team.id : undefined;
  return {
    conversationId: a.conversation.id,
    serviceUrl: a.serviceUrl,
    ...(a.conversation.tenantId ? { tenantId: a.conversation.tenantId } : {}),
    ...(teamId ? { teamId } : {}),
  };
}

export async function createNetwork(svc: Services, actor: Actor, context: TeamsContext, raw: Record<string, unknown>): Promise<Network> {
  const parsed = NetworkFormSchema.safeParse(raw);
  if (!parsed.success) throw refusalOf(parsed.error);
  const form = parsed.data;
  const networks = svc.groups.networks;
  if ((await networks.list()).some((n) => fold(n.name) === fold(form.name))) throw new Refusal('net_errExists');
  const networkId = svc
    .newId()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 16);
  const channel = form.linkHere === 'true' ? channelOf(context) : null;
  const at = svc.now().toISOString();
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
  svc.log.info({ networkId, linked: !!channel }, 'network created');
  return network;
}

/** The network a command names; throws a Refusal for none or several. */
export async function networkByName(svc: Services, name: string): Promise<Network> {
  if (!fold(name)) throw new Refusal('net_errNoName');
  const all = await svc.groups.networks.list();
  const matches = matchByName(name, all, (n) => n.name);
  const first = matches[0];
  if (!first) throw new Refusal('net_errNoMatch', { name: name.slice(0, 100) });
  if (matches.length > 1 && fold(first.name) !== fold(name)) throw new Refusal('net_errManyMatches', { name: name.slice(0, 100) });
  return first;
}

export async function networkById(svc: Services, networkId: string): Promise<Network> {
  const found = await svc.groups.networks.get(networkId);
  if (!found) throw new Refusal('net_errNoMatch', { name: '' });
  return found.doc;
}

export async function linkChannel(svc: Services, context: TeamsContext, network: Network): Promise<void> {
  const channel = channelOf(context);
  if (!channel) throw new Refusal('net_errNotChannel');
  await svc.groups.networks.update(network.networkId, (n) => ({ ...n, channel, updatedAt: svc.now().toISOString() }));
  svc.log.info({ networkId: network.networkId }, 'network linked to a channel');
}

/** Adds people picked in Teams or typed by e-mail, with the organisation and role given (or what they have). */
export async function addMembers(svc: Services, actor: Actor, context: TeamsContext, raw: Record<string, unknown>): Promise<number> {
  const parsed = AddMembersSchema.safeParse(raw);
  if (!parsed.success) throw refusalOf(parsed.error);
  const form = parsed.data;
  const network = await networkById(svc, form.networkId);
  if (form.organizationId && !(await svc.directory.organizations()).some((o) => o.id === form.organizationId)) throw new Refusal('team_errOrganizationMissing');
  const people = await peopleFromForm(svc, context, { picked: form.members, typed: form.membersTyped });
  if (people.length === 0) throw new Refusal('net_addedNone');
  await persistPeople(svc, people, form.organizationId);
  for (const p of people) {
    await svc.groups.networks.putMember({
      networkId: network.networkId,
      userId: p.userId,
      source: 'added',
      addedBy: actor.aadObjectId,
      now: svc.now(),
      ...(form.organizationId ? { organizationId: form.organizationId } : {}),
      ...(form.jobRole ? { jobRole: form.jobRole } : {}),
    });
  }
  svc.log.info({ networkId: network.networkId, n: people.length }, 'network members added');
  void svc.scheduler.planNow();
  return people.length;
}

export async function removeMember(svc: Services, networkId: string, userId: string): Promise<void> {
  await svc.groups.networks.removeMember(networkId, userId);
  svc.log.info({ networkId }, 'network member removed');
}

/** A member leaves (or rejoins) the network's reminders and 1:1 invitations themselves. */
export async function setOwnReminders(svc: Services, actor: Actor, networkId: string, off: boolean): Promise<void> {
  if (!(await svc.groups.networks.setRemindersOff(networkId, actor.aadObjectId, off, svc.now()))) throw new Refusal('net_notMember');
  svc.log.info({ networkId, off }, 'network reminders changed by the member');
}
