import { Refusal } from '../refusal';
import { publishActivity } from '../activities/publish';
import type { Activity } from '../../kernel/activity';
import { postingId, seatScope } from '../../kernel/activity';
import { seatsId } from '../../kernel/seats';
import { cancel } from '../registration/cancel';
import { loadActivity } from '../registration/seatsOf';
import type { Actor, Services } from '../../services';
import type { ActionEnv } from '../../platform/teams/actionTypes';
import { invitationAttachment } from '../activities/invitationCards';
import { answerKickoff } from '../staff-teams/teamNotices';

/**
 * Publishes a network meeting (if needed) and posts its invitation in the network's channel.
 * The 1:1 invitations to the roster follow from the planner (src/features/networks/audience.ts).
 */
export async function postToNetworkChannel(env: Pick<ActionEnv, 'svc' | 'actor' | 'messenger'>, activityId: string): Promise<Activity> {
  const { svc } = env;
  const draft = await loadActivity(svc, activityId);
  if (!draft.networkId) throw new Refusal('net_errNoNetwork');
  const network = (await svc.groups.networks.get(draft.networkId))?.doc;
  const channel = network?.channel;
  if (!channel) throw new Refusal('net_errNoChannel');
  const activity = await publishActivity(svc, activityId);
  const card = await invitationAttachment(svc, { activity, lang: svc.config.DEFAULT_LOCALE, mode: 'shared' });
  try {
    const sentId = await env.messenger.postCard({ ...channel, conversationType: 'channel' }, card);
    if (sentId) {
      await svc.activities.addPosting({
        id: postingId(channel.conversationId, sentId),
        activityId,
        type: 'posting',
        conversationId: channel.conversationId,
        messageId: sentId,
        serviceUrl: channel.serviceUrl,
        ...(channel.tenantId ? { tenantId: channel.tenantId } : {}),
        conversationType: 'channel',
        lang: svc.config.DEFAULT_LOCALE,
        postedBy: env.actor.aadObjectId,
        postedAt: svc.now().toISOString(),
      });
    }
  } catch (err) {
    svc.log.warn({ err, activityId, networkId: draft.networkId }, 'network invitation not posted');
    throw new Refusal('net_errPostFailed');
  }
  svc.log.info({ activityId, networkId: draft.networkId }, 'network meeting posted');
  void svc.scheduler.planNow();
  return activity;
}

/**
 * "I cannot come" from a roster member (for one session, or '' for all). Someone who also
 * holds a place in that session gives it up, so the waitlist moves.
 */
export async function declineMeeting(svc: Services, actor: Actor, input: { activityId: string; sessionId: string }): Promise<void> {
  const activity = await loadActivity(svc, input.activityId);
  const sessionId = activity.sessions.some((s) => s.id === input.sessionId) ? input.sessionId : '';
  const onRoster = activity.networkId ? await svc.groups.networks.member(activity.networkId, actor.aadObjectId) : null;
  const sessions = sessionId ? [sessionId] : activity.sessions.map((s) => s.id);
  const scopes = [...new Set(sessions.map((s) => seatScope(activity, s)))];
  const held: string[] = [];
  for (const scope of scopes) {
    const seats = await svc.activities.getSeats(activity.id, seatsId(scope));
    if (seats?.doc.entries.some((e) => e.userId === actor.aadObjectId)) held.push(scope);
  }
  if (!onRoster && held.length === 0) {
    // A team's principal who said yes to the kick-off (and is reminded of it) can still say no.
    if (activity.team) {
      await answerKickoff(svc, actor, { activityId: activity.id, answer: 'no' });
      return;
    }
    throw new Refusal('net_declinedNotMember');
  }
  await svc.groups.absences.record({ activityId: activity.id, userId: actor.aadObjectId, sessionId, now: svc.now() });
  for (const scope of held) await cancel(svc, actor, { activityId: activity.id, sessionId: scope, view: 'mine' });
  svc.log.info({ activityId: activity.id, sessionId: sessionId || 'all' }, 'network meeting declined');
}
