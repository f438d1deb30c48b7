import { refused } from '../refusal';
import { send } from '../../platform/teams/messenger';
import { ActivityRefSchema, FormEnvelopeSchema, PublishInputSchema } from './schemas';
import { publishActivity } from './publish';
import { saveActivity } from './save';
import { rawFromActivity } from './formView';
import { postingId, type Activity } from '../../kernel/activity';
import type { ActionEnv, HandlerMap } from '../../platform/teams/actionTypes';
import { invitationAttachment } from './invitationCards';
import { formCard } from '../registration/replies';
import { personalInvitation } from './personal';

/** The coordinator's form, preview and publishing, and the invitation card's own refresh. */
export const activityHandlers = {
  'invitation.refresh': async (env, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await env.svc.activities.get(activityId);
    if (!found) throw refused('notFound');
    return personalInvitation(env, found.doc);
  },

  'invitation.show': async (env, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await env.svc.activities.get(activityId);
    if (!found || found.doc.status !== 'published') throw refused('notFound');
    return personalInvitation(env, found.doc);
  },

  'activity.form.addSession': async (env, data) => {
    const envelope = FormEnvelopeSchema.parse(data);
    return {
      card: formCard({
        lang: env.actor.lang,
        raw: data,
        sessionCount: envelope.sessionCount + 1,
        ...(envelope.activityId ? { activityId: envelope.activityId } : {}),
      }),
    };
  },

  'activity.save': async (env, data) => {
    const envelope = FormEnvelopeSchema.parse(data);
    const result = await saveActivity(env.svc, env.actor, { ...(envelope.activityId ? { activityId: envelope.activityId } : {}), raw: data, sessionCount: envelope.sessionCount });
    if (!result.ok) {
      return {
        card: formCard({
          lang: env.actor.lang,
          raw: data,
          sessionCount: envelope.sessionCount,
          errors: result.errors,
          ...(envelope.activityId ? { activityId: envelope.activityId } : {}),
        }),
      };
    }
    const mode = result.activity.status === 'draft' ? 'preview' : 'personal';
    return { card: await invitationAttachment(env.svc, { activity: result.activity, lang: env.actor.lang, mode, viewerId: env.actor.aadObjectId, viewerMri: env.actor.mri }) };
  },

  'activity.edit': async (env, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await env.svc.activities.get(activityId);
    if (!found) throw refused('notFound');
    const { raw, sessionCount } = rawFromActivity(found.doc);
    return { card: formCard({ lang: env.actor.lang, raw, sessionCount, activityId }) };
  },

  'activity.preview': async (env, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await env.svc.activities.get(activityId);
    if (!found) throw refused('notFound');
    return { card: await invitationAttachment(env.svc, { activity: found.doc, lang: env.actor.lang, mode: 'preview', viewerMri: env.actor.mri }) };
  },

  'activity.publish': async (env, data) => {
    const { activityId, confirm } = PublishInputSchema.parse(data);
    // Already posted somewhere: a second copy is a choice, so ask first (the preview, with "Tillbaka").
    if (confirm !== 'yes') {
      const found = await env.svc.activities.get(activityId);
      if (!found) throw refused('notFound');
      if (found.doc.status === 'published' && (await env.svc.activities.postingsOf(activityId)).length > 0) {
        return { card: await invitationAttachment(env.svc, { activity: found.doc, lang: env.actor.lang, mode: 'preview', viewerMri: env.actor.mri, askRepublish: true }) };
      }
    }
    const activity = await postInvitation(env, activityId);
    return personalInvitation(env, activity, { key: 'inv_published', style: 'good' });
  },
} satisfies HandlerMap;

/** Publishes (if needed) and posts the shared invitation card into the conversation of this turn. */
export async function postInvitation(env: Pick<ActionEnv, 'svc' | 'actor' | 'context'>, activityId: string): Promise<Activity> {
  const activity = await publishActivity(env.svc, activityId);
  const card = await invitationAttachment(env.svc, { activity, lang: env.actor.lang, mode: 'shared' });
  const sentId = await send(env.context, card);
  const a = env.context.activity;
  if (sentId) {
    await env.svc.activities.addPosting({
      id: postingId(a.conversation.id, sentId),
      activityId,
      type: 'posting',
      conversationId: a.conversation.id,
      messageId: sentId,
      serviceUrl: a.serviceUrl,
      ...(a.conversation.tenantId ? { tenantId: a.conversation.tenantId } : {}),
      ...(a.conversation.conversationType ? { conversationType: a.conversation.conversationType } : {}),
      lang: env.actor.lang,
      postedBy: env.actor.aadObjectId,
      postedAt: env.svc.now().toISOString(),
    });
  }
  return activity;
}
