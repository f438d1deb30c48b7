import { Refusal } from '../refusal';
import { translator, type MessageKey } from '../i18n';
import type { Reply } from '../../platform/teams/router';
import type { FeatureTurn } from '../../platform/teams/actionTypes';
import type { InvitationPorts } from './ports';
import { seatScopes, type Activity } from '../../kernel/activity';
import type { Seats } from '../../kernel/seats';
import { invitation } from './invitationData';

/** The invitation as this person sees it, with what just happened on it. */
export async function personalInvitation(
  turn: FeatureTurn<InvitationPorts>,
  activity: Activity,
  notice?: { key: MessageKey; params?: Record<string, string | number>; style: 'good' | 'attention' | 'warning'; undoSessionId?: string },
  fresh?: { scope: string; state: Seats },
): Promise<Reply> {
  const t = translator(turn.actor.lang);
  // The state a commit just returned is newer than a read; other scopes are read by id.
  let merged: Map<string, Seats> | undefined;
  if (fresh) {
    merged = seatScopes(activity).length > 1 ? await turn.ports.activities.seatLists(activity) : new Map<string, Seats>();
    merged.set(fresh.scope, fresh.state);
  }
  return {
    card: await invitation(turn.ports, {
      activity,
      ...(merged ? { seats: merged } : {}),
      lang: turn.actor.lang,
      mode: 'personal',
      viewerId: turn.actor.aadObjectId,
      viewerMri: turn.actor.mri,
      viewerIsCoordinator: await turn.isCoordinator(),
      ...(notice ? { notice: { text: t(notice.key, notice.params), style: notice.style, ...(notice.undoSessionId ? { undoSessionId: notice.undoSessionId } : {}) } } : {}),
    }),
  };
}

/** Registration errors are shown on the invitation itself, so the user keeps their context. */
export async function withInvitationNotice(turn: FeatureTurn<InvitationPorts>, activityId: string, run: () => Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof Refusal) || err.code === 'notFound' || err.code === 'sessionNotInActivity') throw err;
    // The use case that refused read the activity already; read it only when the refusal came without it.
    const activity = err.about ?? (await turn.ports.activities.get(activityId))?.doc;
    if (!activity) throw err;
    const params = err.code === 'deadlinePassed' ? { deadline: activity.deadline } : undefined;
    return personalInvitation(turn, activity, { key: err.key, params: { ...err.params, ...params }, style: 'attention' });
  }
}
