import { refused, Refusal } from '../refusal';
import { z } from 'zod';
import { translator, type MessageKey } from '../i18n';
import { loadActivity } from '../registration';
import type { HandlerMap, Reply } from '../../platform/teams/actionTypes';
import type { NetworkTurn } from './ports';
import { NoticeRefSchema, refusing, registrarOf } from '../staff-teams';
import { networkFormAttachment } from './cards';
import { networkList, networkMembers } from './cardData';
import type { ImportResult } from './importMembers';
import { declineMeeting, postToNetworkChannel } from './meetings';
import { addMembers, channelOf, createNetwork, networkById, removeMember, setOwnReminders } from './roster';
import { MemberRefSchema, MeetingRefSchema, NetworkIdSchema, NetworkRefSchema, type Network } from './schemas';

const say = (turn: NetworkTurn, key: MessageKey, params?: Record<string, string | number>): Reply => ({ message: translator(turn.actor.lang)(key, params) });

/** The roster card for this viewer (coordinators see all and edit; managers see their organisation's). */
export async function membersReply(turn: NetworkTurn, network: Network, notice?: { text: string; style: 'good' | 'attention' | 'warning' }, offset = 0): Promise<Reply> {
  const viewer = await registrarOf(turn.ports, turn.actor.aadObjectId, turn.person);
  if (!viewer.coordinator && viewer.managerOf === null) throw new Refusal('net_errForbidden');
  // Reading a roster is reading others' personal data: it goes in the access log.
  turn.ports.privacy.accessLog.record({
    viewerId: turn.actor.aadObjectId,
    purpose: 'roster',
    export: false,
    scope: viewer.coordinator ? 'all' : 'organization',
    ...(!viewer.coordinator && viewer.managerOf ? { organizationId: viewer.managerOf } : {}),
    activityIds: [],
    rows: 0,
    networkId: network.id,
  });
  return {
    card: await networkMembers(turn.ports, {
      lang: turn.actor.lang,
      network,
      viewer,
      canImport: channelOf(turn) !== null,
      offset,
      ...(notice ? { notice } : {}),
    }),
  };
}

/** Starts importing this conversation's members in the background; the summary follows as a message here. */
export function startImport(turn: NetworkTurn, network: Network): string {
  const t = translator(turn.actor.lang);
  const summary = (r: ImportResult) =>
    r.end === 'done' ? t('net_imported', { n: r.seen, added: r.added }) : t(r.end === 'throttled' ? 'net_importPartial' : 'net_importFailed', { n: r.seen, added: r.added });
  const started = turn.ports.groups.imports.start(turn.ports, { actor: turn.actor, turn, messenger: turn.messenger, network, summary });
  return t(started === 'started' ? 'net_importStarted' : 'net_importRunning');
}

// A network's reminders can be left from the network list (networkId) or from an invitation (activityId).
const LeaveSchema = z.union([NetworkRefSchema, MeetingRefSchema]);

async function networkIdOf(turn: NetworkTurn, data: Record<string, unknown>): Promise<string> {
  const ref = LeaveSchema.parse(data);
  if ('networkId' in ref) return ref.networkId;
  const activity = await loadActivity(turn.ports, ref.activityId);
  if (!activity.networkId) throw new Refusal('net_errNoNetwork');
  return NetworkIdSchema.parse(activity.networkId);
}

export const networkHandlers: HandlerMap<NetworkTurn> = {
  'network.save': async (turn, data) => {
    return refusing(
      turn,
      async () => {
        const network = await createNetwork(turn.ports, turn.actor, turn, data);
        return say(turn, network.channel ? 'net_createdLinked' : 'net_created');
      },
      async (error) => ({ card: networkFormAttachment({ lang: turn.actor.lang, inChannel: channelOf(turn) !== null, values: data, error }) }),
    );
  },

  'network.members.show': async (turn, data) => {
    const { networkId } = NetworkRefSchema.parse(data);
    const offset = z.coerce.number().int().min(0).max(100_000).catch(0).parse(data.offset);
    return refusing(turn, async () => membersReply(turn, await networkById(turn.ports, networkId), undefined, offset));
  },

  'network.members.add': async (turn, data) => {
    const { networkId } = NetworkRefSchema.parse(data);
    return refusing(
      turn,
      async () => {
        const n = await addMembers(turn.ports, turn.actor, turn, data);
        return membersReply(turn, await networkById(turn.ports, networkId), { text: translator(turn.actor.lang)('net_added', { n }), style: 'good' });
      },
      async (error) => membersReply(turn, await networkById(turn.ports, networkId), { text: error, style: 'attention' }),
    );
  },

  'network.members.remove': async (turn, data) => {
    const { networkId, userId } = MemberRefSchema.parse(data);
    return refusing(turn, async () => {
      const network = await networkById(turn.ports, networkId);
      await removeMember(turn.ports, networkId, userId);
      return membersReply(turn, network, { text: translator(turn.actor.lang)('net_removed'), style: 'good' });
    });
  },

  'network.import': async (turn, data) => {
    const { networkId } = NetworkRefSchema.parse(data);
    return refusing(turn, async () => {
      const network = await networkById(turn.ports, networkId);
      return membersReply(turn, network, { text: startImport(turn, network), style: 'good' });
    });
  },

  'network.leave': async (turn, data) =>
    refusing(turn, async () => {
      await setOwnReminders(turn.ports, turn.actor, await networkIdOf(turn, data), true);
      return say(turn, 'net_left');
    }),

  'network.rejoin': async (turn, data) =>
    refusing(turn, async () => {
      await setOwnReminders(turn.ports, turn.actor, await networkIdOf(turn, data), false);
      const viewer = await registrarOf(turn.ports, turn.actor.aadObjectId, turn.person);
      return { card: await networkList(turn.ports, { lang: turn.actor.lang, viewer, notice: translator(turn.actor.lang)('net_rejoined') }) };
    }),

  'network.decline': async (turn, data) => {
    const { activityId, sessionId } = NoticeRefSchema.parse(data);
    return refusing(turn, async () => {
      await declineMeeting(turn.ports, turn.actor, { activityId, sessionId: sessionId === 'series' ? '' : sessionId });
      return say(turn, 'net_declined');
    });
  },

  'network.meeting.post': async (turn, data) => {
    if (!(await turn.isCoordinator())) throw refused('forbidden');
    const { activityId } = MeetingRefSchema.parse(data);
    return refusing(turn, async () => {
      await postToNetworkChannel(turn, activityId);
      return say(turn, 'net_posted');
    });
  },
};
