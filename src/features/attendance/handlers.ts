import { translator } from '../i18n';
import type { ActionEnv, HandlerMap, Reply } from '../../platform/teams/actionTypes';
import { checkIn } from './checkIn';
import { sessionLabel } from './cards';
import { linkManually } from './link';
import { markCard, saveMarks } from './marking';
import { MarkSaveSchema, MarkShowSchema, SessionRefSchema } from './schemas';
import { loadSession } from './session';

/** Links the meeting chat of this turn to a session and says so. */
export async function linkHere(env: ActionEnv, activityId: string, sessionId: string): Promise<Reply> {
  const t = translator(env.actor.lang);
  const conv = env.context.activity.conversation;
  if (!conv?.id || conv.conversationType === 'personal') return { message: t('att_err_notMeetingChat') };
  const ctx = await loadSession(env.svc, activityId, sessionId);
  await linkManually(env.svc, { threadId: conv.id, activity: ctx.activity, session: ctx.session, by: env.actor.aadObjectId });
  return { message: t('att_linked', { title: ctx.activity.title, n: ctx.session.id.replace(/^s/, ''), when: sessionLabel(ctx.session, env.actor.lang) }) };
}

/** Card verbs of the attendance feature; src/platform/teams/actions.ts merges them into its map. */
export const attendanceHandlers = {
  'attendance.checkIn': async (env, data) => checkIn(env, SessionRefSchema.parse(data)),

  'attendance.mark.show': async (env, data) => {
    const ref = MarkShowSchema.parse(data);
    return { card: await markCard(env.svc, await loadSession(env.svc, ref.activityId, ref.sessionId), env.actor.lang, { page: ref.page }) };
  },

  'attendance.mark.save': async (env, data) => {
    const input = MarkSaveSchema.parse(data);
    const t = translator(env.actor.lang);
    const saved = await saveMarks(env.svc, env.actor, input);
    if (!saved.ok) {
      const ctx = await loadSession(env.svc, input.activityId, input.sessionId);
      return { card: await markCard(env.svc, ctx, env.actor.lang, { page: input.page, notice: { text: t('att_markBadThreshold'), style: 'attention' } }) };
    }
    const notice = saved.changed > 0 ? { text: t('att_markSaved', { n: saved.changed }), style: 'good' as const } : { text: t('att_markNothing'), style: 'default' as const };
    return { card: await markCard(env.svc, await loadSession(env.svc, input.activityId, input.sessionId), env.actor.lang, { page: input.page, notice }) };
  },

  'attendance.link': async (env, data) => {
    const ref = SessionRefSchema.parse(data);
    return linkHere(env, ref.activityId, ref.sessionId);
  },

  'attendance.graph.fetch': async (env, data) => {
    const ref = SessionRefSchema.parse(data);
    const t = translator(env.actor.lang);
    const graph = env.svc.attendance.graph;
    if (!graph) return { message: t('att_graphNotConfigured') };
    const outcome = await graph.fetchNow(ref.activityId, ref.sessionId);
    const notice =
      outcome.kind === 'fetched'
        ? { text: t('att_graphFetched', { n: outcome.people }), style: 'good' as const }
        : { text: t(outcome.kind === 'noMeeting' ? 'att_graphNoMeeting' : outcome.kind === 'noReport' ? 'att_graphNoReport' : 'att_graphFailed'), style: 'attention' as const };
    return { card: await markCard(env.svc, await loadSession(env.svc, ref.activityId, ref.sessionId), env.actor.lang, { notice }) };
  },
} satisfies HandlerMap;
