import { translator } from '../i18n';
import type { HandlerMap, Reply } from '../../platform/teams/actionTypes';
import type { AttendanceTurn } from './ports';
import { checkIn } from './checkIn';
import { sessionLabel } from './cards';
import { linkManually } from './link';
import { markCard, saveMarks } from './marking';
import { MarkSaveSchema, MarkShowSchema, SessionRefSchema } from './schemas';
import { loadSession } from './session';

/** Links the meeting chat of this turn to a session and says so. */
export async function linkHere(turn: AttendanceTurn, activityId: string, sessionId: string): Promise<Reply> {
  const t = translator(turn.actor.lang);
  const conv = turn.conversation;
  if (!conv.id || conv.type === 'personal') return { message: t('att_err_notMeetingChat') };
  const ctx = await loadSession(turn.ports, activityId, sessionId);
  await linkManually(turn.ports, { threadId: conv.id, activity: ctx.activity, session: ctx.session, by: turn.actor.aadObjectId });
  return { message: t('att_linked', { title: ctx.activity.title, n: ctx.session.id.replace(/^s/, ''), when: sessionLabel(ctx.session, turn.actor.lang) }) };
}

/** Card verbs of the attendance feature; src/platform/teams/actions.ts merges them into its map. */
export const attendanceHandlers = {
  'attendance.checkIn': async (turn, data) => checkIn(turn, SessionRefSchema.parse(data)),

  'attendance.mark.show': async (turn, data) => {
    const ref = MarkShowSchema.parse(data);
    return { card: await markCard(turn.ports, await loadSession(turn.ports, ref.activityId, ref.sessionId), turn.actor.lang, { page: ref.page }) };
  },

  'attendance.mark.save': async (turn, data) => {
    const input = MarkSaveSchema.parse(data);
    const t = translator(turn.actor.lang);
    const saved = await saveMarks(turn.ports, turn.actor, input);
    if (!saved.ok) {
      const ctx = await loadSession(turn.ports, input.activityId, input.sessionId);
      return { card: await markCard(turn.ports, ctx, turn.actor.lang, { page: input.page, notice: { text: t('att_markBadThreshold'), style: 'attention' } }) };
    }
    const notice = saved.changed > 0 ? { text: t('att_markSaved', { n: saved.changed }), style: 'good' as const } : { text: t('att_markNothing'), style: 'default' as const };
    return { card: await markCard(turn.ports, await loadSession(turn.ports, input.activityId, input.sessionId), turn.actor.lang, { page: input.page, notice }) };
  },

  'attendance.link': async (turn, data) => {
    const ref = SessionRefSchema.parse(data);
    return linkHere(turn, ref.activityId, ref.sessionId);
  },

  'attendance.graph.fetch': async (turn, data) => {
    const ref = SessionRefSchema.parse(data);
    const t = translator(turn.actor.lang);
    const graph = turn.ports.attendance.graph;
    if (!graph) return { message: t('att_graphNotConfigured') };
    const outcome = await graph.fetchNow(ref.activityId, ref.sessionId);
    const notice =
      outcome.kind === 'fetched'
        ? { text: t('att_graphFetched', { n: outcome.people }), style: 'good' as const }
        : { text: t(outcome.kind === 'noMeeting' ? 'att_graphNoMeeting' : outcome.kind === 'noReport' ? 'att_graphNoReport' : 'att_graphFailed'), style: 'attention' as const };
    return { card: await markCard(turn.ports, await loadSession(turn.ports, ref.activityId, ref.sessionId), turn.actor.lang, { notice }) };
  },
} satisfies HandlerMap<AttendanceTurn>;
