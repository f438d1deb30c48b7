import { Refusal } from '../refusal';
import { invitation, publishActivity } from '../activities';
import type { Activity } from '../../kernel/activity';
import { postingId, seatScope } from '../../kernel/activity';
import { seatsId } from '../../kernel/seats';
import { cancel, loadActivity } from '../registration';
import type { Actor } from '../../kernel/actor';
import type { NetworkPorts } from './ports';
import type { NetworkTurn } from './ports';
import { answerKickoff } from '../staff-teams';

/**
 * Publishes a network meeting (if needed) and posts its invitation in the network's channel.
 * The 1:1 invitations to the roster follow from the planner (src/features/networks/audience.ts).
 */
export async function postToNetworkChannel(turn: Pick<NetworkTurn, 'ports' | 'actor' | 'messenger'>, activityId: string): Promise<Activity> {
  const { ports } = turn;
  const draft = await loadActivity(ports, activityId);
  if (!draft.networkId) throw new Refusal('net_errNoNetwork');
  const network = (await ports.groups.networks.get(draft.networkId))?.doc;
  const channel = network?.channel;
  if (!channel) throw new Refusal('net_errNoChannel');
  const activity = await publishActivity(ports, activityId);
  const card = await invitation(ports, { activity, lang: ports.config.DEFAULT_LOCALE, mode: 'shared' });
  try {
    const sentId = await turn.messenger.postCard({ ...channel, conversationType: 'channel' }, card);
    if (sentId) {
      await ports.activities.addPosting({
        id: postingId(channel.conversationId, sentId),
        activityId,
        type: 'posting',
        conversationId: channel.conversationId,
        messageId: sentId,
        serviceUrl: channel.serviceUrl,
        ...(channel.tenantId ? { tenantId: channel.tenantId } : {}),
        conversationType: 'channel',
        lang: ports.config.DEFAULT_LOCALE,
        postedBy: turn.actor.aadObjectId,
        postedAt: ports.now().toISOString(),
      });
    }
  } catch (err) {
    ports.log.warn({ err, activityId, networkId: draft.networkId }, 'network invitation not posted');
    throw new Refusal('net_errPostFailed');
  }
  ports.log.info({ activityId, networkId: draft.networkId }, 'network meeting posted');
  void ports.scheduler.planNow();
  return activity;
}

/**
 * "I cannot come" from a roster member (for one session, or '' for all). Someone who also
 * holds a place in that session gives it up, so the waitlist moves.
 */
export async function declineMeeting(ports: NetworkPorts, actor: Actor, input: { activityId: string; sessionId: string }): Promise<void> {
  const activity = await loadActivity(ports, input.activityId);
  const sessionId = activity.sessions.some((s) => s.id === input.sessionId) ? input.sessionId : '';
  const onRoster = activity.networkId ? await ports.groups.networks.member(activity.networkId, actor.aadObjectId) : null;
  const sessions = sessionId ? [sessionId] : activity.sessions.map((s) => s.id);
  const scopes = [...new Set(sessions.map((s) => seatScope(activity, s)))];
  const held: string[] = [];
  for (const scope of scopes) {
    const seats = await ports.activities.getSeats(activity.id, seatsId(scope));
    if (seats?.doc.entries.some((e) => e.userId === actor.aadObjectId)) held.push(scope);
  }
  if (!onRoster && held.length === 0) {
    // A team's principal who said yes to the kick-off (and is reminded of it) can still say no.
    if (activity.team) {
      await answerKickoff(ports, actor, { activityId: activity.id, answer: 'no' });
      return;
    }
    throw new Refusal('net_declinedNotMember');
  }
  await ports.groups.absences.record({ activityId: activity.id, userId: actor.aadObjectId, sessionId, now: ports.now() });
  for (const scope of held) await cancel(ports, actor, { activityId: activity.id, sessionId: scope, view: 'mine' });
  ports.log.info({ activityId: activity.id, sessionId: sessionId || 'all' }, 'network meeting declined');
}
