import { refused, Refusal } from '../refusal';
import { z } from 'zod';
import { translator, type MessageKey } from '../i18n';
import { loadActivity } from '../registration/seatsOf';
import type { ActionEnv, HandlerMap, Reply } from '../../platform/teams/actionTypes';
import { refusing } from '../staff-teams/handlers';
import { registrarOf } from '../staff-teams/managers';
import { NoticeRefSchema } from '../staff-teams/schemas';
import { networkFormAttachment, networkListAttachment, networkMembersAttachment } from './cards';
import type { ImportResult } from './importMembers';
import { declineMeeting, postToNetworkChannel } from './meetings';
import { addMembers, channelOf, createNetwork, networkById, removeMember, setOwnReminders } from './roster';
import { MemberRefSchema, MeetingRefSchema, NetworkIdSchema, NetworkRefSchema, type Network } from './schemas';

const say = (env: ActionEnv, key: MessageKey, params?: Record<string, string | number>): Reply => ({ message: translator(env.actor.lang)(key, params) });

/** The roster card for this viewer (coordinators see all and edit; managers see their organisation's). */
export async function membersReply(env: ActionEnv, network: Network, notice?: { text: string; style: 'good' | 'attention' | 'warning' }, offset = 0): Promise<Reply> {
  const viewer = await registrarOf(env.svc, env.actor.aadObjectId, env.person);
  if (!viewer.coordinator && viewer.managerOf === null) throw new Refusal('net_errForbidden');
  // Reading a roster is reading others' personal data: it goes in the access log.
  env.svc.privacy.accessLog.record({
    viewerId: env.actor.aadObjectId,
    purpose: 'roster',
    export: false,
    scope: viewer.coordinator ? 'all' : 'organization',
    ...(!viewer.coordinator && viewer.managerOf ? { organizationId: viewer.managerOf } : {}),
    activityIds: [],
    rows: 0,
    networkId: network.id,
  });
  return {
    card: await networkMembersAttachment(env.svc, {
      lang: env.actor.lang,
      network,
      viewer,
      canImport: channelOf(env.context) !== null,
      offset,
      ...(notice ? { notice } : {}),
    }),
  };
}

/** Starts importing this conversation's members in the background; the summary follows as a message here. */
export function startImport(env: ActionEnv, network: Network): string {
  const t = translator(env.actor.lang);
  const summary = (r: ImportResult) =>
    r.end === 'done' ? t('net_imported', { n: r.seen, added: r.added }) : t(r.end === 'throttled' ? 'net_importPartial' : 'net_importFailed', { n: r.seen, added: r.added });
  const started = env.svc.groups.imports.start(env.svc, { actor: env.actor, context: env.context, messenger: env.messenger, network, summary });
  return t(started === 'started' ? 'net_importStarted' : 'net_importRunning');
}

// A network's reminders can be left from the network list (networkId) or from an invitation (activityId).
const LeaveSchema = z.union([NetworkRefSchema, MeetingRefSchema]);

async function networkIdOf(env: ActionEnv, data: Record<string, unknown>): Promise<string> {
  const ref = LeaveSchema.parse(data);
  if ('networkId' in ref) return ref.networkId;
  const activity = await loadActivity(env.svc, ref.activityId);
  if (!activity.networkId) throw new Refusal('net_errNoNetwork');
  return NetworkIdSchema.parse(activity.networkId);
}

export const networkHandlers: HandlerMap = {
  'network.save': async (env, data) => {
    return refusing(
      env,
      async () => {
        const network = await createNetwork(env.svc, env.actor, env.context, data);
        return say(env, network.channel ? 'net_createdLinked' : 'net_created');
      },
      async (error) => ({ card: networkFormAttachment({ lang: env.actor.lang, inChannel: channelOf(env.context) !== null, values: data, error }) }),
    );
  },

  'network.members.show': async (env, data) => {
    const { networkId } = NetworkRefSchema.parse(data);
    const offset = z.coerce.number().int().min(0).max(100_000).catch(0).parse(data.offset);
    return refusing(env, async () => membersReply(env, await networkById(env.svc, networkId), undefined, offset));
  },

  'network.members.add': async (env, data) => {
    const { networkId } = NetworkRefSchema.parse(data);
    return refusing(
      env,
      async () => {
        const n = await addMembers(env.svc, env.actor, env.context, data);
        return membersReply(env, await networkById(env.svc, networkId), { text: translator(env.actor.lang)('net_added', { n }), style: 'good' });
      },
      async (error) => membersReply(env, await networkById(env.svc, networkId), { text: error, style: 'attention' }),
    );
  },

  'network.members.remove': async (env, data) => {
    const { networkId, userId } = MemberRefSchema.parse(data);
    return refusing(env, async () => {
      const network = await networkById(env.svc, networkId);
      await removeMember(env.svc, networkId, userId);
      return membersReply(env, network, { text: translator(env.actor.lang)('net_removed'), style: 'good' });
    });
  },

  'network.import': async (env, data) => {
    const { networkId } = NetworkRefSchema.parse(data);
    return refusing(env, async () => {
      const network = await networkById(env.svc, networkId);
      return membersReply(env, network, { text: startImport(env, network), style: 'good' });
    });
  },

  'network.leave': async (env, data) =>
    refusing(env, async () => {
      await setOwnReminders(env.svc, env.actor, await networkIdOf(env, data), true);
      return say(env, 'net_left');
    }),

  'network.rejoin': async (env, data) =>
    refusing(env, async () => {
      await setOwnReminders(env.svc, env.actor, await networkIdOf(env, data), false);
      const viewer = await registrarOf(env.svc, env.actor.aadObjectId, env.person);
      return { card: await networkListAttachment(env.svc, { lang: env.actor.lang, viewer, notice: translator(env.actor.lang)('net_rejoined') }) };
    }),

  'network.decline': async (env, data) => {
    const { activityId, sessionId } = NoticeRefSchema.parse(data);
    return refusing(env, async () => {
      await declineMeeting(env.svc, env.actor, { activityId, sessionId: sessionId === 'series' ? '' : sessionId });
      return say(env, 'net_declined');
    });
  },

  'network.meeting.post': async (env, data) => {
    if (!(await env.isCoordinator())) throw refused('forbidden');
    const { activityId } = MeetingRefSchema.parse(data);
    return refusing(env, async () => {
      await postToNetworkChannel(env, activityId);
      return say(env, 'net_posted');
    });
  },
};
