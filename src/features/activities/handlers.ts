import { refused } from '../refusal';
import { ActivityRefSchema, FormEnvelopeSchema, PublishInputSchema } from './schemas';
import { publishActivity } from './publish';
import { saveActivity } from './save';
import { rawFromActivity } from './formView';
import { postingId, type Activity } from '../../kernel/activity';
import type { HandlerMap } from '../../platform/teams/actionTypes';
import type { ActivityTurn } from './ports';
import { invitation } from './invitationData';
import { formCard } from './formCard';
import { personalInvitation } from './personal';

/** The coordinator's form, preview and publishing, and the invitation card's own refresh. */
export const activityHandlers = {
  'invitation.refresh': async (turn, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await turn.ports.activities.get(activityId);
    if (!found) throw refused('notFound');
    return personalInvitation(turn, found.doc);
  },

  'invitation.show': async (turn, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await turn.ports.activities.get(activityId);
    if (!found || found.doc.status !== 'published') throw refused('notFound');
    return personalInvitation(turn, found.doc);
  },

  'activity.form.addSession': async (turn, data) => {
    const envelope = FormEnvelopeSchema.parse(data);
    return {
      card: formCard({
        lang: turn.actor.lang,
        raw: data,
        sessionCount: envelope.sessionCount + 1,
        ...(envelope.activityId ? { activityId: envelope.activityId } : {}),
      }),
    };
  },

  'activity.save': async (turn, data) => {
    const envelope = FormEnvelopeSchema.parse(data);
    const result = await saveActivity(turn.ports, turn.actor, { ...(envelope.activityId ? { activityId: envelope.activityId } : {}), raw: data, sessionCount: envelope.sessionCount });
    if (!result.ok) {
      return {
        card: formCard({
          lang: turn.actor.lang,
          raw: data,
          sessionCount: envelope.sessionCount,
          errors: result.errors,
          ...(envelope.activityId ? { activityId: envelope.activityId } : {}),
        }),
      };
    }
    const mode = result.activity.status === 'draft' ? 'preview' : 'personal';
    return { card: await invitation(turn.ports, { activity: result.activity, lang: turn.actor.lang, mode, viewerId: turn.actor.aadObjectId, viewerMri: turn.actor.mri }) };
  },

  'activity.edit': async (turn, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await turn.ports.activities.get(activityId);
    if (!found) throw refused('notFound');
    const { raw, sessionCount } = rawFromActivity(found.doc);
    return { card: formCard({ lang: turn.actor.lang, raw, sessionCount, activityId }) };
  },

  'activity.preview': async (turn, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await turn.ports.activities.get(activityId);
    if (!found) throw refused('notFound');
    return { card: await invitation(turn.ports, { activity: found.doc, lang: turn.actor.lang, mode: 'preview', viewerMri: turn.actor.mri }) };
  },

  'activity.publish': async (turn, data) => {
    const { activityId, confirm } = PublishInputSchema.parse(data);
    // Already posted somewhere: a second copy is a choice, so ask first (the preview, with "Tillbaka").
    if (confirm !== 'yes') {
      const found = await turn.ports.activities.get(activityId);
      if (!found) throw refused('notFound');
      if (found.doc.status === 'published' && (await turn.ports.activities.postingsOf(activityId)).length > 0) {
        return { card: await invitation(turn.ports, { activity: found.doc, lang: turn.actor.lang, mode: 'preview', viewerMri: turn.actor.mri, askRepublish: true }) };
      }
    }
    const activity = await postInvitation(turn, activityId);
    return personalInvitation(turn, activity, { key: 'inv_published', style: 'good' });
  },
} satisfies HandlerMap<ActivityTurn>;

/** Publishes (if needed) and posts the shared invitation card into the conversation of this turn. */
export async function postInvitation(turn: Pick<ActivityTurn, 'ports' | 'actor' | 'conversation' | 'send'>, activityId: string): Promise<Activity> {
  const activity = await publishActivity(turn.ports, activityId);
  const card = await invitation(turn.ports, { activity, lang: turn.actor.lang, mode: 'shared' });
  const sentId = await turn.send(card);
  const c = turn.conversation;
  if (sentId && c.id) {
    await turn.ports.activities.addPosting({
      id: postingId(c.id, sentId),
      activityId,
      type: 'posting',
      conversationId: c.id,
      messageId: sentId,
      serviceUrl: c.serviceUrl,
      ...(c.tenantId ? { tenantId: c.tenantId } : {}),
      ...(c.type ? { conversationType: c.type } : {}),
      lang: turn.actor.lang,
      postedBy: turn.actor.aadObjectId,
      postedAt: turn.ports.now().toISOString(),
    });
  }
  return activity;
}
