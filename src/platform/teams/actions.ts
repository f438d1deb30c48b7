import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { ActivityRefSchema, FormEnvelopeSchema, PublishInputSchema } from '../../features/activities/schemas';
import { publishActivity } from '../../features/activities/publish';
import { saveActivity } from '../../features/activities/save';
import { attendanceHandlers } from '../../features/attendance/handlers';
import { rawFromActivity } from '../../features/activities/formView';
import { seatScope, seatScopes, type Activity } from '../../kernel/activity';
import { seatsId, type Seats } from '../../kernel/seats';
import { DomainError } from '../../kernel/errors';
import { hasProfile } from '../../kernel/people';
import { translator, type MessageKey } from '../i18n';
import { cancel } from '../../features/registration/cancel';
import { register } from '../../features/registration/register';
import { confirmRegistration } from '../../features/registration/confirmation';
import { CancelInputSchema, RegisterInputSchema, RegisterViewSchema, type RegisterView } from '../../features/registration/schemas';
import { saveProfile } from '../../features/registration/profile';
import type { ActionEnv, Handler, HandlerMap, Reply } from './actionTypes';
import { invitationAttachment } from '../../features/activities/invitationCards';
import { formCard, myRegistrationsAttachment, profileFormCard } from '../../features/registration/replies';
import { schedulerHandlers } from '../../features/reminders/handlers';
import { reportHandlers } from '../../features/reports/commands';
import { cancelOwn } from '../../features/staff-teams/behalf';
import { teamHandlers } from '../../features/staff-teams/handlers';
import { networkHandlers } from '../../features/networks/handlers';
import { privacyHandlers } from '../../features/privacy/commands';
import type { Verb } from './verbs';

export type { ActionEnv, Reply } from './actionTypes';

const say = (env: ActionEnv, key: MessageKey, params?: Record<string, string | number>): Reply => ({
  message: translator(env.actor.lang)(key, params),
});

async function requireCoordinator(env: ActionEnv): Promise<void> {
  if (!(await env.isCoordinator())) throw new DomainError('forbidden');
}

async function personalInvitation(
  env: ActionEnv,
  activity: Activity,
  notice?: { key: MessageKey; params?: Record<string, string | number>; style: 'good' | 'attention' | 'warning'; undoSessionId?: string },
  fresh?: { scope: string; state: Seats },
): Promise<Reply> {
  const t = translator(env.actor.lang);
  // The state a commit just returned is newer than a read; other scopes are read by id.
  let merged: Map<string, Seats> | undefined;
  if (fresh) {
    merged = seatScopes(activity).length > 1 ? await env.svc.activities.seatLists(activity) : new Map<string, Seats>();
    merged.set(fresh.scope, fresh.state);
  }
  return {
    card: await invitationAttachment(env.svc, {
      activity,
      ...(merged ? { seats: merged } : {}),
      lang: env.actor.lang,
      mode: 'personal',
      viewerId: env.actor.aadObjectId,
      viewerMri: env.actor.mri,
      viewerIsCoordinator: await env.isCoordinator(),
      ...(notice ? { notice: { text: t(notice.key, notice.params), style: notice.style, ...(notice.undoSessionId ? { undoSessionId: notice.undoSessionId } : {}) } } : {}),
    }),
  };
}

/** Registration errors are shown on the invitation itself, so the user keeps their context. */
async function withInvitationNotice(env: ActionEnv, activityId: string, run: () => Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof DomainError) || err.code === 'notFound' || err.code === 'sessionNotInActivity') throw err;
    const found = await env.svc.activities.get(activityId);
    if (!found) throw err;
    const params = err.code === 'deadlinePassed' ? { deadline: found.doc.deadline } : undefined;
    return personalInvitation(env, found.doc, { key: `err_${err.code}`, ...(params ? { params } : {}), style: 'attention' });
  }
}

/** Registers, and from a channel or group chat also sends the 1:1 confirmation to keep. */
async function registerAndConfirm(env: ActionEnv, input: z.infer<typeof RegisterInputSchema>) {
  const outcome = await register(env.svc, env.actor, input);
  // In Teams the shared card shows no personal state to more than 60 people; in 1:1 the answer is the confirmation.
  if (env.context.activity.conversation?.conversationType !== 'personal') await confirmRegistration(env.svc, env.actor, outcome);
  return outcome;
}

/** What the answer says: "Ångra" after a cancel says so honestly when the place went to someone else. */
function registeredKey(r: Awaited<ReturnType<typeof register>>['result'], undo: boolean): MessageKey {
  if (r.kind === 'registered') return r.already ? 'inv_alreadyRegistered' : undo ? 'inv_undoRegistered' : 'inv_justRegistered';
  return undo ? 'inv_undoWaitlisted' : 'inv_justWaitlisted';
}

async function doRegister(env: ActionEnv, input: z.infer<typeof RegisterInputSchema>, how: RegisterView = { view: 'invitation', undo: false }): Promise<Reply> {
  const outcome = await registerAndConfirm(env, input);
  const r = outcome.result;
  const position = r.kind === 'waitlisted' ? r.position : 0;
  const style = r.kind === 'registered' ? 'good' : 'warning';
  if (how.view === 'mine') {
    const t = translator(env.actor.lang);
    return { card: await myRegistrationsAttachment(env.svc, env.actor, { text: t(registeredKey(r, how.undo), { position }), style }) };
  }
  return personalInvitation(env, outcome.activity, { key: registeredKey(r, how.undo), params: { position }, style }, outcome);
}

const coreHandlers = {
  'invitation.refresh': async (env, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await env.svc.activities.get(activityId);
    if (!found) throw new DomainError('notFound');
    return personalInvitation(env, found.doc);
  },

  'invitation.show': async (env, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await env.svc.activities.get(activityId);
    if (!found || found.doc.status !== 'published') throw new DomainError('notFound');
    return personalInvitation(env, found.doc);
  },

  'registration.register': async (env, data) => {
    const input = RegisterInputSchema.parse(data);
    const how = RegisterViewSchema.parse(data);
    if (how.view === 'mine' && hasProfile(env.person)) {
      try {
        return await doRegister(env, input, how);
      } catch (err) {
        if (!(err instanceof DomainError) || err.code === 'notFound') throw err;
        const t = translator(env.actor.lang);
        return { card: await myRegistrationsAttachment(env.svc, env.actor, { text: t(`err_${err.code}`), style: 'attention' }) };
      }
    }
    return withInvitationNotice(env, input.activityId, async () => {
      if (!hasProfile(env.person)) {
        // Check the activity and session first, so a bad card never gets as far as the profile form.
        const found = await env.svc.activities.get(input.activityId);
        if (!found) throw new DomainError('notFound');
        return { card: await profileFormCard(env.svc, { lang: env.actor.lang, ...input, person: env.person }) };
      }
      return doRegister(env, input, how);
    });
  },

  'profile.save': async (env, data) => {
    const input = RegisterInputSchema.parse(data);
    const values = z.record(z.string(), z.unknown()).parse(data);
    const saved = await saveProfile(env.svc, env.actor, values);
    if (!saved.ok) {
      const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
      return {
        card: await profileFormCard(env.svc, {
          lang: env.actor.lang,
          ...input,
          values: { organizationId: str('organizationId'), organizationOther: str('organizationOther'), jobRole: str('jobRole') },
          errorKey: saved.errorKey,
        }),
      };
    }
    return withInvitationNotice(env, input.activityId, () => doRegister(env, input));
  },

  'registration.cancel': async (env, data) => {
    const input = CancelInputSchema.parse(data);
    // Whoever registered this person (a manager, on their behalf) is told, wherever they cancel.
    const cancelAndTell = () => cancelOwn(env.svc, env.actor, input);
    if (input.view === 'mine') {
      const t = translator(env.actor.lang);
      try {
        await cancelAndTell();
        const undo = { activityId: input.activityId, sessionId: input.sessionId };
        return { card: await myRegistrationsAttachment(env.svc, env.actor, { text: t('inv_justCancelled'), style: 'good', undo }) };
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return { card: await myRegistrationsAttachment(env.svc, env.actor, { text: t(`err_${err.code}`), style: 'attention' }) };
      }
    }
    return withInvitationNotice(env, input.activityId, async () => {
      const outcome = await cancelAndTell();
      return personalInvitation(env, outcome.activity, { key: 'inv_justCancelled', style: 'good', undoSessionId: input.sessionId }, outcome);
    });
  },

  'activity.form.addSession': async (env, data) => {
    await requireCoordinator(env);
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
    await requireCoordinator(env);
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
    await requireCoordinator(env);
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await env.svc.activities.get(activityId);
    if (!found) throw new DomainError('notFound');
    const { raw, sessionCount } = rawFromActivity(found.doc);
    return { card: formCard({ lang: env.actor.lang, raw, sessionCount, activityId }) };
  },

  'activity.preview': async (env, data) => {
    await requireCoordinator(env);
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await env.svc.activities.get(activityId);
    if (!found) throw new DomainError('notFound');
    return { card: await invitationAttachment(env.svc, { activity: found.doc, lang: env.actor.lang, mode: 'preview', viewerMri: env.actor.mri }) };
  },

  'activity.publish': async (env, data) => {
    await requireCoordinator(env);
    const { activityId, confirm } = PublishInputSchema.parse(data);
    // Already posted somewhere: a second copy is a choice, so ask first (the preview, with "Tillbaka").
    if (confirm !== 'yes') {
      const found = await env.svc.activities.get(activityId);
      if (!found) throw new DomainError('notFound');
      if (found.doc.status === 'published' && (await env.svc.activities.postingsOf(activityId)).length > 0) {
        return { card: await invitationAttachment(env.svc, { activity: found.doc, lang: env.actor.lang, mode: 'preview', viewerMri: env.actor.mri, askRepublish: true }) };
      }
    }
    const activity = await postInvitation(env, activityId);
    return personalInvitation(env, activity, { key: 'inv_published', style: 'good' });
  },
} satisfies HandlerMap;

// Features add their maps here.
const handlers: HandlerMap = { ...coreHandlers, ...attendanceHandlers, ...schedulerHandlers, ...reportHandlers, ...teamHandlers, ...networkHandlers, ...privacyHandlers };

/** Publishes (if needed) and posts the shared invitation card into the conversation of this turn. */
export async function postInvitation(env: Pick<ActionEnv, 'svc' | 'actor' | 'context'>, activityId: string): Promise<Activity> {
  const activity = await publishActivity(env.svc, activityId);
  const card = await invitationAttachment(env.svc, { activity, lang: env.actor.lang, mode: 'shared' });
  const sent = await env.context.sendActivity(MessageFactory.attachment(card));
  const a = env.context.activity;
  if (sent?.id) {
    await env.svc.activities.addPosting({
      id: `posting-${Buffer.from(`${a.conversation.id}|${sent.id}`).toString('base64url').slice(0, 180)}`,
      activityId,
      type: 'posting',
      conversationId: a.conversation.id,
      messageId: sent.id,
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

/** Runs a verb; bad payloads and domain refusals become a localized message, never an exception. */
export async function runAction(env: ActionEnv, verb: Verb, data: Record<string, unknown>): Promise<Reply> {
  try {
    const handler: Handler | undefined = handlers[verb];
    if (!handler) return say(env, 'err_badAction');
    return await handler(env, data);
  } catch (err) {
    if (err instanceof z.ZodError) {
      env.svc.log.info({ verb }, 'card payload rejected');
      return say(env, 'err_badAction');
    }
    if (err instanceof DomainError) return say(env, `err_${err.code}`, err.detail);
    throw err;
  }
}
